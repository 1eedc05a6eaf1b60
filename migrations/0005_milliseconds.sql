-- One time unit in every table: used links and connect attempts stored unix seconds, the registry milliseconds.
-- From here on every time is unix milliseconds.
UPDATE used_links SET expires_at = expires_at * 1000;
UPDATE connect_attempts SET created_at = created_at * 1000, expires_at = expires_at * 1000;
UPDATE connect_attempts SET consumed_at = consumed_at * 1000 WHERE consumed_at IS NOT NULL;
