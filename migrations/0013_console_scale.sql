-- The console and the refresher at a million users (issue 20).

-- Summary counts kept where the snapshot is written (the one record path, in its transaction): per (integration,
-- known state); unknown is the users' count less the known ones. The users' count is a counter row.
CREATE TABLE IF NOT EXISTS snapshot_counts (
    integration_id TEXT NOT NULL,
    state TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (integration_id, state)
);
INSERT INTO snapshot_counts (integration_id, state, n)
    SELECT integration_id, state, COUNT(*) FROM status_snapshots WHERE state <> 'unknown' GROUP BY integration_id, state;
INSERT INTO counters (name, value) SELECT 'users', COUNT(*) FROM portal_users;

-- Each user's snapshots packed in one column (`<integration> <state> <checked_at ms>` per line), kept in the
-- snapshot's transaction: the CSV export reads a row per user, not twenty.
ALTER TABLE portal_users ADD COLUMN cells TEXT;
-- (The separator is a newline, written as one: both databases read it.)
UPDATE portal_users SET cells = (SELECT string_agg(s.integration_id || ' ' || s.state || ' ' || s.checked_at, '
') FROM status_snapshots s WHERE s.user_id = portal_users.user_id);

-- Pages by key, not by offset: most recently seen first, ties by the opaque reference (unique), alone or within an
-- organization.
CREATE INDEX IF NOT EXISTS portal_users_recent ON portal_users (last_seen, ref);
CREATE INDEX IF NOT EXISTS portal_users_org_recent ON portal_users (org_id, last_seen, ref);
DROP INDEX IF EXISTS portal_users_last_seen;
DROP INDEX IF EXISTS portal_users_org;
-- The refresher walks users in the order they arrived, from where it left off per integration.
CREATE INDEX IF NOT EXISTS portal_users_arrival ON portal_users (first_seen, user_id);
CREATE TABLE IF NOT EXISTS refresh_cursors (
    integration_id TEXT PRIMARY KEY,
    first_seen BIGINT NOT NULL,
    user_id TEXT NOT NULL
);
-- Its picks per state, oldest try first, in exactly the order it reads them (no sort).
CREATE INDEX IF NOT EXISTS status_snapshots_picks ON status_snapshots (state, tried_at, user_id, integration_id);
DROP INDEX IF EXISTS status_snapshots_refresh;

-- The event log by position within a filter (the console's pages and the host's feed).
CREATE INDEX IF NOT EXISTS events_user_pos ON events (user_id, pos);
CREATE INDEX IF NOT EXISTS events_kind_pos ON events (kind, pos);
CREATE INDEX IF NOT EXISTS events_integration_pos ON events (integration_id, pos);
DROP INDEX IF EXISTS events_user;
DROP INDEX IF EXISTS events_kind;
DROP INDEX IF EXISTS events_integration;
