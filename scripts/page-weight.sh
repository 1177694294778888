#!/usr/bin/env bash
# Prints what a first visit to the directory page transfers, compressed as served (brotli when
# the browser accepts it): the HTML and every asset it loads. Budget: 250 KiB.
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

base="http://127.0.0.1:$port"
html="$scratch/page.html"
curl -fs -H 'Accept-Language: nl' "$base/" -o "$html"
assets=$( (grep -o '/pkg/[^"]*' "$html"; echo /map/base.svg; echo /favicon.svg) | sort -u)
total=0
printf "%-28s %10s %12s\n" "resource" "raw bytes" "transferred"
for path in / $assets; do
  raw=$(curl -fs -H 'Accept-Language: nl' "$base$path" | wc -c)
  sent=$(curl -fs -H 'Accept-Language: nl' -H 'Accept-Encoding: br, gzip' "$base$path" -o /dev/null -w '%{size_download}')
  printf "%-28s %10d %12d\n" "$path" "$raw" "$sent"
  total=$((total + sent))
done
printf "%-28s %10s %12d  (%d KiB of a 250 KiB budget)\n" "total" "" "$total" $(( (total + 1023) / 1024 ))
