-- A snapshot the user's own action made stale (a connect started): read live on the next view, however recent.
ALTER TABLE status_snapshots ADD COLUMN dirty BIGINT NOT NULL DEFAULT 0;
