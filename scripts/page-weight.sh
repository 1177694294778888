#!/usr/bin/env bash
# Prints what a first visit to each public page transfers, compressed as served (brotli when the
# browser accepts it): the HTML and every asset a real browser (Chromium) loads until the page
# has hydrated, and the JavaScript and WebAssembly part of it. Budget (DESIGN.md): 100 KiB a
# page, 60 KiB of it code. Extra arguments go to scripts/page-weight.mjs (pages, --detail).
# Needs the release build (`make build-release`); starts its own server on a scratch database.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${PORT:-3300}"
scratch=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$scratch"' EXIT
DATABASE_URL="sqlite://$scratch/nabij.db" NABIJ_VAR_DIR="$scratch" NABIJ_BIND="127.0.0.1:$port" RUST_LOG=warn \
  ./target/release/nabij serve --demo &
server=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done

node scripts/page-weight.mjs "http://127.0.0.1:$port" "$@"
