#!/usr/bin/env bash
# Prints the server time of each dashboard (a script that prints figures, never a test): the zone
# dashboard of the demo officer (12 and 24 months), its CSVs, the national dashboard, a figure's
# CSV and the national open data, each asked 20 times; median and slowest. Targets: under 25 ms
# at the demo's size (1,557 networks, ~180,000 households), under 100 ms at ten times it (15,570
# networks, ~1.8 million households: `serve --demo-scale 10`).
# Runs on SQLite and, when NABIJ_TEST_POSTGRES_URL is set (the Makefile sets it), on a fresh
# PostgreSQL database, at each scale in SCALES (default "1 10").
# Uses target/release/nabij unless NABIJ_BIN names another build.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${NABIJ_BIN:-./target/release/nabij}"
[ -x "$bin" ] || { echo "no build at $bin: make build-release" >&2; exit 1; }
port="${PORT:-3301}"
base="http://127.0.0.1:$port"
. scripts/lib.sh

sign_in() {
  curl -fs -c "$scratch/$1.jar" -o /dev/null -H 'Accept: application/json' \
    --data-urlencode "email=$1@demo.nabij.invalid" --data-urlencode "password=nabij-demo-2024" "$base/api/auth/sign_in"
}
time_it() { # name, jar, method, path, [form data for POST]
  local times=()
  for _ in $(seq 1 20); do
    if [ "$3" = POST ]; then
      times+=("$(curl -fs -b "$scratch/$2.jar" -o /dev/null -w '%{time_total}' -X POST -H 'Accept: application/json' \
        --data "${5:-}" "$base$4")")
    else
      times+=("$(curl -fs -b "$scratch/$2.jar" -o /dev/null -w '%{time_total}' "$base$4")")
    fi
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v name="$1" '{ t[NR] = $1 * 1000 } END { printf "  %-32s median %7.1f ms   slowest %7.1f ms\n", name, t[int((NR + 1) / 2)], t[NR] }'
}

run() { # engine name, database URL, scale
  local engine="$1" url="$2" scale="$3" started
  rm -rf "$scratch/var" && mkdir -p "$scratch/var"
  started=$(date +%s)
  NO_COLOR=1 DATABASE_URL="$url" NABIJ_VAR_DIR="$scratch/var" NABIJ_BIND="127.0.0.1:$port" RUST_LOG=warn \
    "$bin" serve --demo --demo-scale "$scale" >"$scratch/server.log" 2>&1 &
  server=$!
  wait_ready "$base" "$scratch/server.log" 3000
  local networks
  networks=$(curl -fs "$base/api/v1/stats/national.json" | grep -o '"total":[0-9]*' | head -1 | cut -d: -f2 || true)
  echo "$engine, demo scale $scale (${networks:-?} active networks, ready in $(( $(date +%s) - started )) s):"
  sign_in officer
  sign_in admin
  touch "$scratch/visitor.jar"
  time_it "zone dashboard (Gent)" officer POST /api/dashboard/mine
  time_it "zone dashboard, 24 months" officer POST /api/dashboard/mine months=24
  time_it "zone CSV (Gent)" officer GET /dashboard/zone/5415.csv
  time_it "zone figure CSV (households)" officer GET /dashboard/figures/5415/households.csv
  time_it "national dashboard" admin POST /api/dashboard/mine
  time_it "national figure CSV (growth)" admin GET /dashboard/figures/national/growth.csv
  time_it "national open data (JSON)" visitor GET /api/v1/stats/national.json
  time_it "national open data (CSV)" visitor GET /api/v1/stats/national.csv
  kill "$server" && wait "$server" 2>/dev/null || true
  server=""
}

for scale in ${SCALES:-1 10}; do
  run SQLite "sqlite://$scratch/nabij-$scale.db" "$scale"
  rm -f "$scratch/nabij-$scale.db"*
  if [ -n "${NABIJ_TEST_POSTGRES_URL:-}" ]; then
    fresh_postgres dashboards
    run PostgreSQL "$pgurl" "$scale"
    drop_postgres
  fi
done
