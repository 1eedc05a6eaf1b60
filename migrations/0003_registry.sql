-- What the admin console knows (issue 4): users, a status snapshot per (user, integration), an append-only event log.
-- Times are unix milliseconds.

CREATE TABLE IF NOT EXISTS portal_users (
    user_id TEXT PRIMARY KEY,
    first_seen BIGINT NOT NULL,
    last_seen BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS status_snapshots (
    user_id TEXT NOT NULL,
    integration_id TEXT NOT NULL,
    state TEXT NOT NULL,
    api_updated_at BIGINT,
    checked_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, integration_id)
);
CREATE INDEX IF NOT EXISTS status_snapshots_checked ON status_snapshots (checked_at);

CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    at BIGINT NOT NULL,
    kind TEXT NOT NULL,
    user_id TEXT,
    integration_id TEXT,
    detail TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_at ON events (at);
CREATE INDEX IF NOT EXISTS events_user ON events (user_id, at);
