#!/usr/bin/env bash
# Checks the open API against its OpenAPI document with a property-based API tester
# (schemathesis from PyPI, installed when missing): requests the document calls valid must be
# answered as it says (status, content type, headers, body schema), requests it calls invalid
# must be refused, and nothing may answer 5xx. Prints schemathesis's summary; exits non-zero on
# any failure. EXAMPLES (per operation, default 200) and SEED change the run. Needs the release
# build (`make build-release`); starts its own server on a scratch SQLite database with the demo.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x target/release/nabij ] || { echo "no release build: make build-release" >&2; exit 1; }
command -v st >/dev/null || pip3 install -q 'schemathesis>=4,<5'
port="${PORT:-3303}"
base="http://127.0.0.1:$port"
scratch=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$scratch"' EXIT
DATABASE_URL="sqlite://$scratch/nabij.db" NABIJ_VAR_DIR="$scratch" NABIJ_BIND="127.0.0.1:$port" RUST_LOG=warn \
  ./target/release/nabij serve --demo >"$scratch/server.log" 2>&1 &
server=$!
for _ in $(seq 1 300); do curl -fs "$base/readyz" >/dev/null && break; sleep 0.2; done

status=0
# From the scratch folder, where schemathesis leaves its own files.
(cd "$scratch" && st run "$base/api/v1/openapi.json" --url "$base/api/v1" --checks all --workers 1 \
  --max-examples "${EXAMPLES:-200}" --seed "${SEED:-$RANDOM}" --no-color --warnings off) || status=$?
if grep -qi 'panicked' "$scratch/server.log"; then
  echo "the server panicked:" >&2
  grep -i 'panicked' "$scratch/server.log" | head -5 >&2
  status=1
fi
exit "$status"
