-- The admin console's pages (issue 4): an opaque reference per user for URLs, when each pair was last tried by a
-- check (successful or not, so that the refresher moves on), and indexes for the matrix, its counts and the events.

ALTER TABLE portal_users ADD COLUMN ref TEXT;
CREATE UNIQUE INDEX IF NOT EXISTS portal_users_ref ON portal_users (ref);
CREATE INDEX IF NOT EXISTS portal_users_last_seen ON portal_users (last_seen, user_id);

ALTER TABLE status_snapshots ADD COLUMN tried_at BIGINT NOT NULL DEFAULT 0;
UPDATE status_snapshots SET tried_at = checked_at;
CREATE INDEX IF NOT EXISTS status_snapshots_tried ON status_snapshots (tried_at);
CREATE INDEX IF NOT EXISTS status_snapshots_integration_state ON status_snapshots (integration_id, state, user_id);

CREATE INDEX IF NOT EXISTS events_kind ON events (kind, at);
CREATE INDEX IF NOT EXISTS events_integration ON events (integration_id, at);
