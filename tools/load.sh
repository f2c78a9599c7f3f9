#!/usr/bin/env bash
# Request figures of a Madoguchi binary, measured with wrk on this machine:
#   tools/load.sh [BINARY] [--postgres URL] [--seconds N]
# BINARY defaults to target/release/madoguchi (build it with `cargo build --release`).
# It starts the binary on a fresh database (SQLite under a temporary folder, or a new
# database on the PostgreSQL server of URL) with the demo data, then measures:
#   - GET /p/{id}            the procedure page
#   - GET /procedures        the list of procedures
#   - POST /api/v1/procedures/{id}/validate      answers checked, nothing stored
#   - POST /api/v1/procedures/{id}/submissions   one filing per request (unique keys)
# at 8 and 64 connections, and prints requests/s and latency percentiles for each.
# Figures from one run are comparable with each other; compare two binaries by running
# this script for each, back to back, on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=target/release/madoguchi
pg=""
seconds=10
while [ $# -gt 0 ]; do
  case "$1" in
    --postgres) pg=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    *) bin=$1; shift ;;
  esac
done
[ -x "$bin" ] || { echo "no binary at $bin (cargo build --release)" >&2; exit 2; }
if ! command -v wrk >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

procedure=suido-shiyo-kaishi-chushi
example=$(ls forms/$procedure/examples/valid/*.json | head -1)
work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
cleanup() { [ -n "${server:-}" ] && kill "$server" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

database_url="sqlite://$work/madoguchi.db"
if [ -n "$pg" ]; then
  name="mdg_load_$$"
  psql "$pg" -qc "DROP DATABASE IF EXISTS $name" >/dev/null
  psql "$pg" -qc "CREATE DATABASE $name" >/dev/null
  database_url="${pg%/*}/$name"
fi

MADOGUCHI_LISTEN=127.0.0.1:$port MADOGUCHI_DATA_DIR=$work MADOGUCHI_DATABASE_URL=$database_url \
  MADOGUCHI_DEMO=true RUST_LOG=warn "$bin" serve >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "http://127.0.0.1:$port/healthz" >/dev/null || { cat "$work/server.log" >&2; exit 1; }

cat >"$work/post.lua" <<EOF
local body = io.open("$example"):read("*a")
wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
local n = 0
local tag = tostring(math.random(1, 1e9))
request = function()
  n = n + 1
  if string.find(wrk.path, "submissions") then
    wrk.headers["Idempotency-Key"] = "load-" .. tag .. "-" .. n
  end
  return wrk.format()
end
EOF

measure() { # label path connections [lua]
  local label=$1 path=$2 conns=$3 script=${4:-}
  local out
  out=$(wrk -t2 -c"$conns" -d"${seconds}s" --latency ${script:+-s "$script"} "http://127.0.0.1:$port$path")
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  printf '%-28s %4s conns  %10s req/s  p50 %8s  p99 %8s  non-2xx %s\n' "$label" "$conns" "$rps" "$p50" "$p99" "${errors:-0}"
}

echo "binary: $bin, database: ${pg:+PostgreSQL}${pg:-SQLite}, ${seconds}s per figure"
for c in 8 64; do
  measure "procedure page" "/p/$procedure" "$c"
  measure "procedure list" "/procedures" "$c"
  measure "validate (API)" "/api/v1/procedures/$procedure/validate" "$c" "$work/post.lua"
  measure "submit (API)" "/api/v1/procedures/$procedure/submissions" "$c" "$work/post.lua"
done
if [ -n "$pg" ]; then psql "$pg" -qc "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null || true; fi
