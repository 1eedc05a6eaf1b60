-- Portable SQL: runs on SQLite and PostgreSQL. Times are unix seconds.

-- Portal links that were used: a link works once. Kept until it expires.
CREATE TABLE IF NOT EXISTS used_links (
    id TEXT PRIMARY KEY,
    expires_at BIGINT NOT NULL
);

-- One-time connect attempts, bound to the session that started them.
CREATE TABLE IF NOT EXISTS connect_attempts (
    id TEXT PRIMARY KEY,
    session_binding TEXT NOT NULL,
    user_id TEXT NOT NULL,
    integration_id TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    consumed_at BIGINT
);
CREATE INDEX IF NOT EXISTS connect_attempts_expires ON connect_attempts (expires_at);
