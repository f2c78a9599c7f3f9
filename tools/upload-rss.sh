#!/usr/bin/env bash
# The server's memory under many large uploads at once:
#   tools/upload-rss.sh [BINARY] [--uploads N] [--megabytes M]
# BINARY defaults to target/release/madoguchi (build it with `cargo build --release`).
# It starts the binary on a fresh SQLite database with the demo data, takes a browser's
# cookies and CSRF token from the step with a file question, and sends N (100) uploads of M
# (200) MB at once with curl, streamed (chunked: no length declared, so the server cannot
# refuse them from their headers and must read them). It prints the server's resident set
# (VmRSS, from /proc/PID/status) before, the highest seen while they run (sampled every
# 0.1 s, and VmHWM), and 2 s after, with how the uploads were answered. MADOGUCHI_*
# variables set by the caller reach the server (MADOGUCHI_HTTP_MAX_UPLOADS=100: no cap).
set -euo pipefail
cd "$(dirname "$0")/.."

bin=target/release/madoguchi
uploads=100
megabytes=200
while [ $# -gt 0 ]; do
  case "$1" in
    --uploads) uploads=$2; shift 2 ;;
    --megabytes) megabytes=$2; shift 2 ;;
    *) bin=$1; shift ;;
  esac
done
[ -x "$bin" ] || { echo "no binary at $bin (cargo build --release)" >&2; exit 2; }
# Every upload is a connection and curl process: raise the open-file limit for both.
ulimit -n "$(ulimit -Hn)"

work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
cleanup() {
  [ -n "${sampler:-}" ] && kill "$sampler" 2>/dev/null
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

MADOGUCHI_LISTEN=127.0.0.1:$port MADOGUCHI_DATA_DIR=$work MADOGUCHI_DATABASE_URL="sqlite://$work/madoguchi.db" \
  MADOGUCHI_DEMO=true MADOGUCHI_REQUIRE_IDENTITY=false RUST_LOG=warn "$bin" serve >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "http://127.0.0.1:$port/healthz" >/dev/null || { cat "$work/server.log" >&2; exit 1; }

rss() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$server/status"; }

step="http://127.0.0.1:$port/p/jido-teate-nintei/payment"
curl -fs -c "$work/cookies" "$step" >"$work/step.html"
csrf=$(grep -o 'name="csrf_token" value="[^"]*"' "$work/step.html" | head -1 | sed 's/.*value="//; s/"$//')
[ -n "$csrf" ] || { echo "no CSRF token on $step" >&2; exit 1; }
{ printf '%%PDF-1.7\n'; head -c "$((megabytes * 1024 * 1024))" /dev/zero; } >"$work/big.pdf"

# Warm up: one small upload, so the figures before do not count first-use allocations.
printf '%%PDF-1.7\n' >"$work/small.pdf"
curl -s -o /dev/null -b "$work/cookies" -F "csrf_token=$csrf" -F "_file=bankbook_copy" \
  -F "file:bankbook_copy=@$work/small.pdf;type=application/pdf" "$step/files"
sleep 1
before=$(rss VmRSS)

: >"$work/peak"
( while kill -0 "$server" 2>/dev/null; do rss VmRSS >>"$work/peak"; sleep 0.1; done ) &
sampler=$!

start=$(date +%s.%N)
for i in $(seq 1 "$uploads"); do
  curl -s -o /dev/null -w '%{http_code}\n' -b "$work/cookies" -H "Transfer-Encoding: chunked" \
    -F "csrf_token=$csrf" -F "_file=bankbook_copy" \
    -F "file:bankbook_copy=@$work/big.pdf;type=application/pdf" "$step/files" \
    >"$work/status.$i" 2>/dev/null &
done
wait $(jobs -p | grep -v "^$sampler$" | grep -v "^$server$") 2>/dev/null || true
end=$(date +%s.%N)
sleep 2
after=$(rss VmRSS)
hwm=$(rss VmHWM)
kill "$sampler" 2>/dev/null || true
peak=$(sort -n "$work/peak" | tail -1)

echo "binary: $bin"
echo "uploads: $uploads × $megabytes MB, streamed (chunked), at once; $(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.1f", b - a}') s"
echo "answers: $(cat "$work"/status.* | sort | uniq -c | awk '{printf "%s×%s ", $1, $2}')"
echo "VmRSS before: $((before / 1024)) MB"
echo "VmRSS peak while uploading (sampled): $((peak / 1024)) MB"
echo "VmHWM (highest ever): $((hwm / 1024)) MB"
echo "VmRSS 2 s after: $((after / 1024)) MB"
echo "staged files left: $(find "$work/files/.incoming" -type f 2>/dev/null | wc -l)"
