-- The connect funnel and connection health (issue 21): a roll-up of the event log per hour, integration and what an
-- event counts as (`domain::funnel::rules`), kept by the transaction that appends the event; how long each verified
-- connect took from Connect; the links whose page was opened (once each); attempts that expired unused.
CREATE TABLE IF NOT EXISTS event_rollup (
    hour BIGINT NOT NULL,
    integration_id TEXT NOT NULL,
    name TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (hour, integration_id, name)
);
-- Connect -> verified times as histograms (buckets 10% wide, `domain::funnel::timing_bucket`), per hour and per UTC
-- day: a window reads whole days from the one and its ragged ends from the other.
CREATE TABLE IF NOT EXISTS timing_hourly (
    hour BIGINT NOT NULL,
    integration_id TEXT NOT NULL,
    bucket BIGINT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (hour, integration_id, bucket)
);
CREATE TABLE IF NOT EXISTS timing_daily (
    day BIGINT NOT NULL,
    integration_id TEXT NOT NULL,
    bucket BIGINT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (day, integration_id, bucket)
);
CREATE TABLE IF NOT EXISTS opened_links (
    id TEXT PRIMARY KEY,
    expires_at BIGINT NOT NULL
);
ALTER TABLE connect_attempts ADD COLUMN abandoned_at BIGINT;
-- The events recorded before this version are counted once, at the next start (`Db::ensure_rollup`).
INSERT INTO counters (name, value) SELECT 'rollup_stale', CASE WHEN EXISTS (SELECT 1 FROM events) THEN 1 ELSE 0 END;
