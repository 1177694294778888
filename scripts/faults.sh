#!/usr/bin/env bash
# Faults (a script that prints figures, never a test), against the release build with the demo:
#  1. SMTP down: a password-reset mail is asked for while no mail server listens; the person
#     gets their answer at once, the mail waits in the outbox, and arrives once a mail server
#     (`nabij mail-sink`) is started; the time it took is printed.
#  2. PostgreSQL restarted under traffic (with NABIJ_TEST_POSTGRES_URL and pg_ctlcluster): 30 s
#     of directory and API reads, the cluster restarted after 10 s; prints the answers by status
#     (requests fail with 503, never 500) and whether the server is ready again without a
#     restart of its own.
#  3. Disk full on SQLite (needs permission to mount a tmpfs): the database on an 80 MiB
#     filesystem that is then filled; prints what writes answer (503, never 500), then frees
#     the space, checks that writing works again without a restart, and the integrity.
# Needs wrk and the release build (`make build-release`).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x target/release/nabij ] || { echo "no release build: make build-release" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
port="${PORT:-3304}"
base="http://127.0.0.1:$port"
. scripts/lib.sh
sink=""
# The mail sink and the small file system of the disk-full case go too.
cleanup() {
  for p in $server $sink; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  mountpoint -q "$scratch/small" 2>/dev/null && umount "$scratch/small"
  drop_postgres
  rm -rf "$scratch"
}

start() { # database URL, var dir, extra environment...
  local url="$1" var="$2"
  shift 2
  env NO_COLOR=1 DATABASE_URL="$url" NABIJ_VAR_DIR="$var" NABIJ_BIND="127.0.0.1:$port" RUST_LOG=warn "$@" \
    ./target/release/nabij serve --demo >>"$scratch/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 600); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.2; done
}
stop() { kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true; server=""; }
status_of() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
sign_up() { # e-mail address, client address
  curl -s -o /dev/null -w '%{http_code}' -H 'Accept: application/json' -H "X-Forwarded-For: $2" \
    --data-urlencode "email=$1" --data-urlencode "display_name=Test ${1%@*}" --data-urlencode "lang=nl" \
    --data-urlencode "password=a long enough password" --data-urlencode "password_repeat=a long enough password" \
    "$base/api/auth/sign_up"
}

# A wrk script that counts answers by status.
cat >"$scratch/statuses.lua" <<'LUA'
local paths = { "/?q=9000", "/?q=Gent", "/bin/1", "/bin/2", "/api/v1/bins?near=50.85,4.35&limit=20", "/api/v1/bins/1", "/learn" }
local threads = {}
setup = function(thread) table.insert(threads, thread) end
init = function() counts = {} end
request = function() return wrk.format("GET", paths[math.random(#paths)]) end
response = function(status) counts[status] = (counts[status] or 0) + 1 end
done = function()
  local total = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("counts")) do total[status] = (total[status] or 0) + n end
  end
  local keys = {}
  for status in pairs(total) do table.insert(keys, status) end
  table.sort(keys)
  for _, status in ipairs(keys) do io.write(string.format("  status %d: %d answers\n", status, total[status])) end
end
LUA

echo "== 1. SMTP down, then back"
sink_port=$((port + 1))
mkdir -p "$scratch/mail-var" "$scratch/sink"
start "sqlite://$scratch/mail-var/nabij.db" "$scratch/mail-var" NABIJ_SMTP__HOST=127.0.0.1 NABIJ_SMTP__PORT="$sink_port" \
  NABIJ_SMTP__FROM="Nabij <noreply@nabij.invalid>"
asked=$(date +%s)
answer=$(curl -s -o /dev/null -w '%{http_code} in %{time_total} s' -H 'Accept: application/json' \
  --data-urlencode "email=member@demo.nabij.invalid" "$base/api/auth/request_reset")
echo "  asking for a reset link with no mail server: $answer"
tried=0
for _ in $(seq 1 60); do
  tried=$(sqlite3 "$scratch/mail-var/nabij.db" "SELECT COALESCE(MAX(attempts), 0) FROM outbox WHERE sent_at IS NULL")
  [ "$tried" -gt 0 ] && break
  sleep 0.5
done
echo "  the mail worker tried $tried time(s), failed, and keeps the mail in the outbox"
./target/release/nabij mail-sink --port "$sink_port" --dir "$scratch/sink" >"$scratch/sink.log" 2>&1 &
sink=$!
for _ in $(seq 1 300); do
  [ -n "$(ls -A "$scratch/sink")" ] && break
  sleep 1
done
if [ -n "$(ls -A "$scratch/sink")" ]; then
  echo "  the mail arrived $(($(date +%s) - asked)) s after it was asked for, once the mail server ran ($(ls "$scratch/sink" | wc -l) message)"
else
  echo "  the mail did not arrive within 300 s"
fi
sleep 5
echo "  messages received after 5 s more: $(ls "$scratch/sink" | wc -l) (sent once)"
stop
kill "$sink" 2>/dev/null || true
sink=""

if [ -n "${NABIJ_TEST_POSTGRES_URL:-}" ] && command -v pg_ctlcluster >/dev/null; then
  echo "== 2. PostgreSQL restarted under traffic"
  fresh_postgres faults
  url="$pgurl"
  mkdir -p "$scratch/pg-var"
  start "$url" "$scratch/pg-var"
  for _ in $(seq 1 300); do curl -fs "$base/readyz" >/dev/null && break; sleep 0.2; done
  cluster=$(pg_lsclusters -h | awk '$4 == "online" { print $1, $2; exit }')
  (sleep 10 && pg_ctlcluster --skip-systemctl-redirect $cluster restart -m fast && echo "  restarted PostgreSQL $cluster at 10 s") &
  restarter=$!
  wrk -t2 -c32 -d30s --timeout 10s -s "$scratch/statuses.lua" "$base" | grep -E 'status|Socket errors|Requests/sec' | sed 's/^ */  /'
  wait "$restarter"
  echo "  /readyz after the run: $(status_of "$base/readyz")"
  echo "  a BIN page after the run: $(status_of "$base/bin/1")"
  stop
fi

echo "== 3. Disk full on SQLite"
mkdir -p "$scratch/small"
if mount -t tmpfs -o size=80m tmpfs "$scratch/small" 2>/dev/null; then
  start "sqlite://$scratch/small/nabij.db" "$scratch/small"
  for _ in $(seq 1 300); do curl -fs "$base/readyz" >/dev/null && break; sleep 0.2; done
  echo "  database: $(du -h "$scratch/small/nabij.db" | cut -f1) on $(df -h --output=size "$scratch/small" | tail -1 | tr -d ' ')"
  dd if=/dev/zero of="$scratch/small/filler" bs=1M 2>/dev/null || true
  echo "  filled: $(df -h --output=avail "$scratch/small" | tail -1 | tr -d ' ') left"
  codes=""
  for i in $(seq 1 20); do
    codes+="$(sign_up "full-$i@example.invalid" "10.9.0.$i") "
  done
  echo "  20 sign-ups on a full disk answered: $(echo "$codes" | tr ' ' '\n' | grep . | sort | uniq -c | awk '{ printf "%s x %s  ", $1, $2 }')"
  echo "  a page that only reads: $(status_of "$base/bin/1")"
  rm -f "$scratch/small/filler"
  echo "  space freed, the same server: a sign-up answers $(sign_up after@example.invalid 10.9.1.1)"
  stop
  echo "  integrity after stopping: $(sqlite3 "$scratch/small/nabij.db" 'PRAGMA integrity_check')"
  echo "  accounts of the full-disk sign-ups in the database: $(sqlite3 "$scratch/small/nabij.db" "SELECT COUNT(*) FROM users WHERE email LIKE 'full-%'") (none half written)"
  umount "$scratch/small"
else
  echo "  not measured: this machine does not allow mounting a small filesystem"
fi
if grep -q 'panicked' "$scratch/server.log"; then echo "the server panicked:"; grep 'panicked' "$scratch/server.log" | head -3; fi
