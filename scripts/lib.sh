# Shared by the scripts that print figures (source it from the project's root): a scratch
# folder, the server a script starts (`server`, its process id) and a fresh PostgreSQL database,
# all gone when the script ends.
scratch=$(mktemp -d)
server=""
pgdb=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  wait 2>/dev/null || true
  drop_postgres
  rm -rf "$scratch"
}
trap cleanup EXIT

# Creates an empty database named after $1 on NABIJ_TEST_POSTGRES_URL's server; sets `pgdb` and
# `pgurl` (the URL of the new database).
fresh_postgres() {
  pgdb="nabij_$1_$$"
  psql -q "$NABIJ_TEST_POSTGRES_URL" -c "CREATE DATABASE $pgdb" >/dev/null
  pgurl=$(echo "$NABIJ_TEST_POSTGRES_URL" | sed "s|^postgres://\([^/?]*\)/[^?]*|postgres://\1/$pgdb|")
}

drop_postgres() {
  if [ -n "$pgdb" ]; then psql -q "$NABIJ_TEST_POSTGRES_URL" -c "DROP DATABASE IF EXISTS $pgdb" >/dev/null 2>&1 || true; fi
  pgdb=""
}

# Waits until the server at $1 is ready (at most $3 tenths of seconds times two, default 600),
# else prints its log ($2) and fails.
wait_ready() {
  for _ in $(seq 1 "${3:-600}"); do curl -fs "$1/readyz" >/dev/null && return 0; sleep 0.2; done
  echo "the server did not become ready" >&2
  cat "$2" >&2
  exit 1
}
