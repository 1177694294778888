#!/usr/bin/env bash
# Messaging figures (a benchmark that prints, never a test): the time to record an urgent alert
# to 20,000 member households of one zone, the time until 1,000 open live pages have it (median
# and 95th percentile), and e-mails per second through the delivery worker to a local SMTP sink.
# Runs on SQLite and, when NABIJ_TEST_POSTGRES_URL is set, on a fresh PostgreSQL database.
# HOUSEHOLDS and CLIENTS change the sizes. The first run compiles the release build (~10 min on
# two cores).
set -euo pipefail
cd "$(dirname "$0")/.."
# 1,000 live clients and the server's side of each connection in one process.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
RUSTFLAGS="--cfg erase_components" cargo build --release -p nabij --example bench_messaging
bench=target/release/examples/bench_messaging
echo "== SQLite"
"$bench" sqlite
if [ -n "${NABIJ_TEST_POSTGRES_URL:-}" ]; then
  echo "== PostgreSQL"
  "$bench" postgres
fi
