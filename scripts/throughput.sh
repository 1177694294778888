#!/usr/bin/env bash
# Throughput of anonymous public pages (a script that prints figures, never a test): for each
# page, the requests per second Nabij's release build serves (SQLite, demo data; the render
# cache answers all but the first) against nginx sending the very same bytes (headers of the
# body's type and encoding, brotli-compressed body) from a file, both with wrk on this machine
# for DURATION seconds (10) at 64 connections. Prints both rates and their ratio (goal: 0.5 or
# more). Needs wrk and nginx (apt-get install -y wrk nginx-light) and the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x target/release/nabij ] || { echo "no release build: make build-release" >&2; exit 1; }
for tool in wrk nginx; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install -y wrk nginx-light" >&2; exit 1; }
done
duration="${DURATION:-10}"
port="${PORT:-3305}"
nginx_port=$((port + 1))
base="http://127.0.0.1:$port"
scratch=$(mktemp -d)
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  [ -f "$scratch/nginx.pid" ] && kill "$(cat "$scratch/nginx.pid")" 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT

NO_COLOR=1 DATABASE_URL="sqlite://$scratch/nabij.db" NABIJ_VAR_DIR="$scratch" NABIJ_BIND="127.0.0.1:$port" RUST_LOG=warn \
  ./target/release/nabij serve --demo >"$scratch/server.log" 2>&1 &
server=$!
for _ in $(seq 1 600); do curl -fs "$base/readyz" >/dev/null && break; sleep 0.2; done

pages=("/" "/?q=9000" "/bin/1" "/learn" "/learn/phishing" "/api/v1/bins?near=9000&limit=10")
mkdir -p "$scratch/www"
{
  echo "worker_processes 2; pid $scratch/nginx.pid; error_log $scratch/nginx-error.log; daemon on;"
  echo "events { worker_connections 1024; }"
  echo "http { access_log off; client_body_temp_path $scratch; proxy_temp_path $scratch; fastcgi_temp_path $scratch; uwsgi_temp_path $scratch; scgi_temp_path $scratch;"
  echo "  server { listen 127.0.0.1:$nginx_port; root $scratch/www;"
  i=0
  for page in "${pages[@]}"; do
    curl -fs -H 'Accept-Encoding: br' -D "$scratch/h$i" -o "$scratch/www/p$i" "$base$page"
    type=$(awk -F': ' 'tolower($1) == "content-type" { gsub("\r", "", $2); print $2 }' "$scratch/h$i")
    encoding=$(awk -F': ' 'tolower($1) == "content-encoding" { gsub("\r", "", $2); print $2 }' "$scratch/h$i")
    echo "    location = /p$i { default_type \"$type\"; add_header Content-Encoding \"${encoding:-identity}\"; add_header Vary \"Accept-Encoding\"; }"
    i=$((i + 1))
  done
  echo "  }"
  echo "}"
} >"$scratch/nginx.conf"
nginx -c "$scratch/nginx.conf"

rate() { # URL
  wrk -t2 -c64 -d"${duration}s" -H 'Accept-Encoding: br' "$1" | awk '/Requests\/sec/ { print $2 }'
}
printf '%-36s %10s %12s %12s %7s\n' page "bytes" "Nabij req/s" "nginx req/s" ratio
i=0
for page in "${pages[@]}"; do
  nabij=$(rate "$base$page")
  plain=$(rate "http://127.0.0.1:$nginx_port/p$i")
  printf '%-36s %10d %12.0f %12.0f %7.2f\n' "$page" "$(wc -c <"$scratch/www/p$i")" "$nabij" "$plain" "$(echo "$nabij / $plain" | bc -l)"
  i=$((i + 1))
done
