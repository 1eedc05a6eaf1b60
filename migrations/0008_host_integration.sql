-- The host product hears about connections (issue 11).

-- What the host said about the end user (JSON of domain::Profile, latest link wins); the organization id again as
-- a column for the console's filter.
ALTER TABLE portal_users ADD COLUMN profile TEXT;
ALTER TABLE portal_users ADD COLUMN org_id TEXT;
CREATE INDEX IF NOT EXISTS portal_users_org ON portal_users (org_id, user_id);

-- Per pair: whether it was ever verified active, and a sequence number bumped by every verified change (the
-- compare-and-set version of the webhook transitions).
ALTER TABLE status_snapshots ADD COLUMN ever_active BIGINT NOT NULL DEFAULT 0;
ALTER TABLE status_snapshots ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
UPDATE status_snapshots SET ever_active = 1 WHERE state = 'connected';

-- The event log as a feed: a position taken from a counter row in the same transaction as the insert, so positions
-- become visible in the order they were given (a reader after position N never misses a later commit below N).
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL);
INSERT INTO counters (name, value) VALUES ('events', 0);
ALTER TABLE events ADD COLUMN pos BIGINT;
UPDATE events SET pos = x.r FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY at, id) AS r FROM events) AS x WHERE x.id = events.id;
UPDATE counters SET value = (SELECT COALESCE(MAX(pos), 0) FROM events) WHERE name = 'events';
CREATE INDEX IF NOT EXISTS events_pos ON events (pos);

-- Users erased through the API: a digest of the id (not the id) and when, so links minted before stop working.
CREATE TABLE IF NOT EXISTS erased_users (digest TEXT PRIMARY KEY, erased_at BIGINT NOT NULL);

-- Webhooks: one row per event (its facts, then the body as first sent), one delivery per (event, endpoint), written in the same
-- transaction as the state change they report.
CREATE TABLE IF NOT EXISTS webhook_messages (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    user_id TEXT,
    integration_id TEXT,
    seq BIGINT NOT NULL,
    facts TEXT NOT NULL,
    body TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS webhook_messages_user ON webhook_messages (user_id, created_at);
CREATE TABLE IF NOT EXISTS webhook_deliveries (
    id TEXT PRIMARY KEY,
    message_id TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_at BIGINT NOT NULL,
    locked_until BIGINT NOT NULL DEFAULT 0,
    last_code BIGINT,
    last_excerpt TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries (status, next_at);
CREATE INDEX IF NOT EXISTS webhook_deliveries_message ON webhook_deliveries (message_id);
