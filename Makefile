# plugboard: two commands. `make run` serves the portal; `make test` runs every test.
SHELL := /bin/bash
TOOLS_DIR ?= $(HOME)/.cache/plugboard-tools
export PLUGBOARD_TOOLS_DIR := $(TOOLS_DIR)
export PATH := $(TOOLS_DIR)/bin:$(HOME)/.cargo/bin:$(PATH)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
# cargo-leptos builds the server with this flag; giving `cargo test` the same one shares the build.
TEST_RUSTFLAGS := --cfg erase_components
# The end-to-end suite gets its own port, so it can run next to `make run`.
E2E_ADDR ?= 127.0.0.1:3100
E2E_SANDBOX_ADDR ?= 127.0.0.1:3101
# The host's webhook receiver in the end-to-end suite (end2end/receiver.ts), with a test secret.
E2E_WEBHOOK_ADDR ?= 127.0.0.1:3102
E2E_WEBHOOK_SECRET ?= whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
# The host API's token in the end-to-end suite: the host's pages in end2end/receiver.ts mint deep links with it.
E2E_API_TOKEN ?= e2e-api-token-0123456789
# The console's OpenID provider in the end-to-end suite (end2end/oidc-provider.mjs, started by its global setup).
E2E_OIDC_ISSUER ?= http://localhost:3104

.PHONY: setup setup-test run test bench

setup:
	@scripts/setup.sh

setup-test:
	@scripts/setup.sh test

## Serve the portal on http://127.0.0.1:3000 (embedded sandbox unless TR_API_KEY is set).
run: setup
	PLUGBOARD_SANDBOX=$${PLUGBOARD_SANDBOX:-1} cargo leptos serve

## Every test: Rust unit + integration tests, then the Playwright suite in Debian's Chromium.
test: setup-test
	RUSTFLAGS="$(TEST_RUSTFLAGS)" cargo test --features ssr
	rm -f target/e2e.db target/e2e.db-shm target/e2e.db-wal end2end/test-results/.last-run.json
	# The host in end2end/receiver.ts calls plugboard through a client generated from the OpenAPI document (the same
	# document /api/v1/openapi.json serves), type-checked here: a mismatch between the two fails the build.
	target/debug/plugboard openapi > target/openapi.json
	cd end2end && npx openapi-typescript ../target/openapi.json -o plugboard-api.d.ts --silent && npx tsc -p .
	LEPTOS_SITE_ADDR=$(E2E_ADDR) PLUGBOARD_DATABASE_URL="sqlite://target/e2e.db?mode=rwc" PLUGBOARD_SANDBOX=1 \
	  PLUGBOARD_SANDBOX_ADDR=$(E2E_SANDBOX_ADDR) PLUGBOARD_SANDBOX_API_KEY=e2e-sandbox-key PLUGBOARD_LIST_CACHE_SECONDS=1 \
	  PLUGBOARD_ADMIN_PASSWORD="e2e admin password" PLUGBOARD_REFRESH_PER_SECOND=0 \
	  PLUGBOARD_LINK_RATE_PER_MINUTE=0 PLUGBOARD_CONNECT_RATE_PER_MINUTE=0 PLUGBOARD_STATE_FRESH_SECONDS=0 \
	  PLUGBOARD_WEBHOOK_URL=http://$(E2E_WEBHOOK_ADDR)/hooks PLUGBOARD_WEBHOOK_SECRET=$(E2E_WEBHOOK_SECRET) \
	  PLUGBOARD_WEBHOOK_RETRY_BASE_MS=200 E2E_WEBHOOK_ADDR=$(E2E_WEBHOOK_ADDR) \
	  PLUGBOARD_API_TOKEN=$(E2E_API_TOKEN) PLUGBOARD_RETURN_HOSTS=127.0.0.1 PLUGBOARD_WEBHOOK_ALLOW_HOSTS=127.0.0.1 \
	  PLUGBOARD_ADMIN_OIDC_ISSUER=$(E2E_OIDC_ISSUER) PLUGBOARD_ADMIN_OIDC_CLIENT_ID=plugboard-console \
	  PLUGBOARD_ADMIN_OIDC_CLIENT_SECRET=plugboard-console-test-secret-0123456789 \
	  PLUGBOARD_ADMIN_ALLOWED=ann@example.com PLUGBOARD_ADMIN_VIEWERS=@viewers.example.com \
	  cargo leptos end-to-end
	@# cargo-leptos can end with 0 when a build fails: the suite must have run, and passed.
	@grep -q '"status": "passed"' end2end/test-results/.last-run.json || { echo "the end-to-end suite did not run to a pass"; exit 1; }

## Release build. Portal against a sandbox with 50 integrations and 50 ms latency: latency, TTFB, throughput, payload;
## then the admin console over 10,000 users x 20 integrations: matrix pages and the CSV export; then one vs two
## instances on one PostgreSQL, and two refreshers' upstream calls per second; then the console, the export and the
## host API at 1,000,000 users x 20 integrations and 10,000,000 events on PostgreSQL (BENCH_SCALE_USERS for fewer).
bench: setup
	cargo leptos build --release
	node scripts/bench.mjs
	node scripts/bench-console.mjs
	node scripts/bench-instances.mjs
	node scripts/bench-scale.mjs
