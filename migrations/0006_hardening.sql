-- Budgets kept in the database so they hold across instances and restarts (the admin sign-in limit): a GCRA
-- "theoretical arrival time" per key, in unix milliseconds.
CREATE TABLE IF NOT EXISTS rate_limits (
    key TEXT PRIMARY KEY,
    tat BIGINT NOT NULL
);

-- What a verified callback showed, so that reloading it in the same session shows the same result again.
ALTER TABLE connect_attempts ADD COLUMN result TEXT;
CREATE INDEX IF NOT EXISTS connect_attempts_consumed ON connect_attempts (consumed_at);
