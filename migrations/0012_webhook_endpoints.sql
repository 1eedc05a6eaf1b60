-- Webhook endpoints managed in the console (issue 19), beside PLUGBOARD_WEBHOOK_URL: each with its own signing
-- secret (sealed at rest; the previous one stays valid until `previous_until` after a rotation), a filter of event
-- types (space-separated; empty: every type), and a soft delete (deliveries keep naming it). Read from the database
-- on every change and every delivery, so every instance sees a change at once.
CREATE TABLE IF NOT EXISTS webhook_endpoints (
    id TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    types TEXT NOT NULL DEFAULT '',
    secret TEXT NOT NULL,
    previous_secret TEXT,
    previous_until BIGINT,
    enabled INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    deleted_at BIGINT
);
-- An endpoint's own delivery list and success rate.
CREATE INDEX IF NOT EXISTS webhook_deliveries_endpoint ON webhook_deliveries (endpoint, created_at);
