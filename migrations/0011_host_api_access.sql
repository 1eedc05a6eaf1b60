-- Idempotent writes of the host API (issue 19): one row per (caller, Idempotency-Key) for 24 hours. `caller` is the
-- API token's id (`env` for PLUGBOARD_API_TOKEN), `fingerprint` a digest of the request, `response` the first
-- answer sealed with XChaCha20-Poly1305 (it may hold a working portal link); NULL while the first request runs.
CREATE TABLE IF NOT EXISTS idempotency_keys (
    caller TEXT NOT NULL,
    idem_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    user_id TEXT,
    status INTEGER,
    response TEXT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (caller, idem_key)
);
CREATE INDEX IF NOT EXISTS idempotency_keys_created ON idempotency_keys (created_at);
CREATE INDEX IF NOT EXISTS idempotency_keys_user ON idempotency_keys (user_id);

-- Host API tokens made in the console (issue 19): named, scoped, shown once and stored as a SHA-256 digest (they are
-- 256-bit random values: a digest cannot be reversed or guessed). PLUGBOARD_API_TOKEN stays the all-scopes bootstrap.
CREATE TABLE IF NOT EXISTS api_tokens (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    digest TEXT NOT NULL UNIQUE,
    scopes TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at BIGINT
);
