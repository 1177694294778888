#!/usr/bin/env bash
# Load (a script that prints figures, never a test): 60 s of mixed traffic at 256 connections
# against the release build with the demo data, on SQLite and, when NABIJ_TEST_POSTGRES_URL is
# set, on a fresh PostgreSQL database. The traffic: directory searches and BIN pages (pages and
# their server functions), the open API, a signed-in member reading their inbox and messages, a
# coordinator reading the requests to approve; every request from another client address of a
# proxy on this machine (X-Forwarded-For), as behind a reverse proxy. Prints, per engine:
# requests/s, answers that were not 2xx/3xx and socket errors (the goal is zero), latency
# percentiles (p99), and the server's memory after a 10 s warm-up and at the end (goal: within
# 20 %). SECONDS_LOAD and CONNECTIONS change the run. Needs wrk (apt-get install wrk) and the
# release build (`make build-release`).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
[ -x target/release/nabij ] || { echo "no release build: make build-release" >&2; exit 1; }
seconds="${SECONDS_LOAD:-60}"
connections="${CONNECTIONS:-256}"
port="${PORT:-3302}"
base="http://127.0.0.1:$port"
. scripts/lib.sh
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

rss_kib() { awk '/^VmRSS/ { print $2 }' "/proc/$server/status"; }

run() { # engine name, database URL
  local engine="$1" url="$2"
  rm -rf "$scratch/var" && mkdir -p "$scratch/var"
  NO_COLOR=1 DATABASE_URL="$url" NABIJ_VAR_DIR="$scratch/var" NABIJ_BIND="127.0.0.1:$port" RUST_LOG=warn \
    ./target/release/nabij serve --demo >"$scratch/server.log" 2>&1 &
  server=$!
  wait_ready "$base" "$scratch/server.log"

  local who
  for who in member coordinator; do
    curl -fs -c "$scratch/$who.jar" -o /dev/null -H 'Accept: application/json' \
      --data-urlencode "email=$who@demo.nabij.invalid" --data-urlencode "password=nabij-demo-2024" "$base/api/auth/sign_in"
  done
  local member coordinator manage bins
  member=$(awk '$6 ~ /session/ { print $6 "=" $7 }' "$scratch/member.jar")
  coordinator=$(awk '$6 ~ /session/ { print $6 "=" $7 }' "$scratch/coordinator.jar")
  manage=$(curl -fs -b "$scratch/coordinator.jar" "$base/my" | grep -o '/bin/[0-9]*/manage' | head -1)
  bins=$(curl -fs "$base/api/v1/bins?near=51.05,3.72&limit=40" | grep -o '"id":[0-9]*' | cut -d: -f2 | tr '\n' ' ')
  [ -n "$member" ] && [ -n "$coordinator" ] && [ -n "$manage" ] && [ -n "$bins" ] ||
    { echo "$engine: could not prepare the traffic (sessions, manage page, BIN ids)" >&2; exit 1; }

  # One request in the list per line: weight, path, cookie.
  {
    echo 'local list = {'
    local q
    for q in 9000 Gent Li%C3%A8ge 1000 Antwerpen 3000%20Leuven Namur 8400 Eupen Kerkstraat%2012%2C%209000%20Gent; do
      echo "  {3, '/?q=$q', ''},"
    done
    local id
    for id in $bins; do
      echo "  {1, '/bin/$id', ''},"
      echo "  {1, '/api/v1/bins/$id', ''},"
    done
    echo "  {4, '/api/v1/bins?near=50.85,4.35&limit=20', ''},"
    echo "  {3, '/api/v1/places?q=Sint', ''},"
    echo "  {2, '/api/v1/stats/regions', ''},"
    echo "  {2, '/learn', ''},"
    echo "  {2, '/learn/phishing', ''},"
    echo "  {6, '/inbox', '$member'},"
    echo "  {4, '/messages', '$member'},"
    echo "  {4, '$manage', '$coordinator'},"
    echo '}'
    cat <<'LUA'
local paths = {}
for _, item in ipairs(list) do
  for _ = 1, item[1] do paths[#paths + 1] = item end
end
local n = 0
math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 1000)
request = function()
  n = n + 1
  local item = paths[math.random(#paths)]
  local headers = { ["X-Forwarded-For"] = "10." .. math.random(0, 255) .. "." .. math.random(0, 255) .. "." .. math.random(1, 254) }
  if item[3] ~= "" then headers["Cookie"] = item[3] end
  return wrk.format("GET", item[2], headers)
end
LUA
  } >"$scratch/load.lua"

  wrk -t2 -c"$connections" -d10s -s "$scratch/load.lua" "$base" >"$scratch/warmup.txt"
  local warm end_
  warm=$(rss_kib)
  wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s --latency -s "$scratch/load.lua" "$base" >"$scratch/run.txt"
  end_=$(rss_kib)
  echo "== $engine: ${seconds} s at $connections connections"
  grep -E 'Requests/sec|Non-2xx|Socket errors|requests in' "$scratch/run.txt" | sed 's/^ */  /'
  grep -q 'Non-2xx\|Socket errors' "$scratch/run.txt" || echo "  errors: none (no non-2xx/3xx answer, no socket error)"
  awk '/Latency Distribution/ { on = 1; next } on && /%/ { printf "  p%s %s\n", $1, $2 } /requests in/ { on = 0 }' "$scratch/run.txt" | sed 's/%//'
  awk -v w="$warm" -v e="$end_" 'BEGIN { printf "  memory: %.1f MiB after warm-up, %.1f MiB at the end (%+.1f %%)\n", w / 1024, e / 1024, (e - w) * 100 / w }'
  if grep -q 'panicked\| ERROR ' "$scratch/server.log"; then
    echo "  server log, errors (count, message):"
    grep 'panicked\| ERROR ' "$scratch/server.log" | sed -E 's/^[0-9TZ:.-]+ +//' | sort | uniq -c | sort -rn | head -5
  else
    echo "  server log: no error"
  fi
  kill "$server" && wait "$server" 2>/dev/null || true
  server=""
}

run SQLite "sqlite://$scratch/var/nabij.db"
if [ -n "${NABIJ_TEST_POSTGRES_URL:-}" ]; then
  fresh_postgres load
  run PostgreSQL "$pgurl"
fi
