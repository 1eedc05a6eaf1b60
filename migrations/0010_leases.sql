-- Leadership as a renewed lease (issue 17): one row per role, held by one instance until it expires. A stalled
-- holder stops renewing and loses it; no connection needs to stay open for it.
CREATE TABLE IF NOT EXISTS leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at BIGINT NOT NULL);
-- A webhook worker renews what its lease holds (issue 16).
CREATE INDEX IF NOT EXISTS webhook_deliveries_lease ON webhook_deliveries (lease_token);
-- The refresher's picks: connected pairs oldest first, the rest oldest first.
CREATE INDEX IF NOT EXISTS status_snapshots_refresh ON status_snapshots (state, tried_at);
