#!/usr/bin/env bash
# Installs whatever the build and the tests need and is missing; skips what is already there.
# Only crates.io, npm and Debian packages are used.
#   scripts/setup.sh          build tools (wasm32 target, cargo-leptos, wasm-bindgen-cli, wasm-opt)
#   scripts/setup.sh test     the above, plus Debian chromium and end2end's npm packages
set -euo pipefail

CARGO_LEPTOS_VERSION=0.3.10
WASM_BINDGEN_VERSION=0.2.129
BINARYEN_VERSION=132.0.0
TOOLS_DIR="${PLUGBOARD_TOOLS_DIR:-$HOME/.cache/plugboard-tools}"

here="$(cd "$(dirname "$0")/.." && pwd)"
log() { printf '[setup] %s\n' "$*" >&2; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  log "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 16 minutes, once)"
  cargo install cargo-leptos@"$CARGO_LEPTOS_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 2 minutes, once)"
  cargo install wasm-bindgen-cli@"$WASM_BINDGEN_VERSION" --locked --force
fi

wasm_opt="$TOOLS_DIR/node_modules/binaryen/bin/wasm-opt"
if ! "$wasm_opt" --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
  log "installing wasm-opt from npm binaryen@$BINARYEN_VERSION into $TOOLS_DIR"
  mkdir -p "$TOOLS_DIR"
  npm install --no-audit --no-fund --prefix "$TOOLS_DIR" "binaryen@$BINARYEN_VERSION" >&2
fi
mkdir -p "$TOOLS_DIR/bin"
ln -sf "$wasm_opt" "$TOOLS_DIR/bin/wasm-opt"

if [ "${1:-}" = "test" ]; then
  if ! command -v chromium >/dev/null 2>&1; then
    log "installing Debian chromium"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq chromium >&2
  fi
  # Real Arabic, Hebrew and CJK glyphs for the twenty languages' pages (the screenshots and layout checks).
  if ! dpkg-query -W -f='${Status}' fonts-noto-core fonts-noto-cjk 2>/dev/null | grep -c "ok installed" | grep -qx 2; then
    log "installing Debian fonts-noto-core and fonts-noto-cjk"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq fonts-noto-core fonts-noto-cjk >&2
  fi
  if [ ! -d "$here/end2end/node_modules/@playwright/test" ] || \
     [ "$here/end2end/package-lock.json" -nt "$here/end2end/node_modules/.package-lock.json" ]; then
    log "npm ci in end2end"
    (cd "$here/end2end" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund >&2)
  fi
fi
log "tools ready (wasm-opt from $TOOLS_DIR/bin)"
