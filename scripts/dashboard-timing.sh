#!/usr/bin/env bash
# Prints the server time of each dashboard on the demo data (1,557 networks, ~180,000
# households): the zone dashboard of the demo officer (12 and 24 months), its CSVs, the national
# dashboard, a figure's CSV and the national open data, each asked 20 times; median and slowest.
# Target: under 100 ms each.
# Uses target/debug/nabij unless NABIJ_BIN names another build (e.g. target/release/nabij);
# DATABASE_URL may point at PostgreSQL (a fresh database) instead of a scratch SQLite file.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${NABIJ_BIN:-./target/debug/nabij}"
port="${PORT:-3301}"
scratch=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$scratch"' EXIT
DATABASE_URL="${DATABASE_URL:-sqlite://$scratch/nabij.db}" NABIJ_VAR_DIR="$scratch" NABIJ_BIND="127.0.0.1:$port" \
  RUST_LOG=warn "$bin" serve --demo &
server=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 300); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.2; done

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
  printf '%s\n' "${times[@]}" | sort -n | awk -v name="$1" '{ t[NR] = $1 * 1000 } END { printf "%-32s median %7.1f ms   slowest %7.1f ms\n", name, t[int((NR + 1) / 2)], t[NR] }'
}
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
