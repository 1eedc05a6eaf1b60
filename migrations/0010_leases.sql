-- Leadership as a renewed lease (issue 17): one row per role, held by one instance until it expires. A stalled
-- holder stops renewing and loses it; no connection needs to stay open for it.
CREATE TABLE IF NOT EXISTS leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at BIGINT NOT NULL);
-- The refresher's picks: connected pairs oldest first, the rest oldest first.
CREATE INDEX IF NOT EXISTS status_snapshots_refresh ON status_snapshots (state, tried_at);
