#!/usr/bin/env bash
# Benchmarks of docs/benchmarks.md: requests per second and latency of an authenticated page
# of the demo coordinator on SQLite and on PostgreSQL, beside a minimal axum handler, in the
# same run on the same machine, with wrk.
#
#   bench/page.sh [path] [seconds] [connections]
#   HAVRE_BENCH_WAITING=5000 bench/page.sh /waitlist 20 8   # a wait list of 5,000 requests
#   HAVRE_BENCH_HEAVY_FILE=1 HAVRE_BENCH_ROLE=caseworker bench/page.sh '{heavy_file}' 20 8
#       # the caseworker opens a file of 200 meetings and 50 notes ({heavy_file} is its address)
#
# Needs: a release build (cargo build --release --bin havre --example minimal_axum -p havre-cli
# -p havre-web), wrk, curl, and the PostgreSQL server binaries.
set -euo pipefail
cd "$(dirname "$0")/.."
path="${1:-/}"
duration="${2:-20}"
connections="${3:-32}"
waiting="${HAVRE_BENCH_WAITING:-}"
heavy="${HAVRE_BENCH_HEAVY_FILE:-}"
role="${HAVRE_BENCH_ROLE:-coordinator}"
baseline=target/release/examples/minimal_axum
source bench/lib.sh
[ -x "$havre" ] && [ -x "$baseline" ] || { echo "build first: cargo build --release --bin havre --example minimal_axum -p havre-cli -p havre-web"; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)"; exit 1; }

run_wrk() { # url, cookie header (may be empty)
  if [ -n "$2" ]; then
    wrk -t2 -c"$connections" -d"${duration}s" --latency -H "Cookie: $2" "$1"
  else
    wrk -t2 -c"$connections" -d"${duration}s" --latency "$1"
  fi
}

"$baseline" 127.0.0.1:18091 & pids+=($!)
wait_port 127.0.0.1:18091

bench_engine() { # engine name, database url (empty for SQLite)
  local name=$1 url=$2 dir="$work/$1" cookie target
  start_demo "$dir" "$url" ${waiting:+--waiting "$waiting"} ${heavy:+--heavy-file}
  target="$path"
  if [[ "$path" == *"{heavy_file}"* ]]; then
    target="${path//\{heavy_file\}/$(heavy_file "$dir")}"
  fi
  cookie="havre_session=$(login "$dir" "$role")"
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "http://127.0.0.1:18080$target")" = 200 ] || { echo "login failed"; exit 1; }
  run_wrk "http://127.0.0.1:18080$target" "$cookie" > "$work/havre-$name.txt"

  run_wrk http://127.0.0.1:18091/ "" > "$work/baseline-$name.txt"
  kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
  summary "Havre, $role, $path${waiting:+ ($waiting waiting)}, $name" "$work/havre-$name.txt"
  summary "minimal axum handler (same run)" "$work/baseline-$name.txt"
}

echo "| what | requests/s | p50 | p99 | non-2xx |"
echo "|---|---|---|---|---|"
bench_engine sqlite ""
start_postgres
bench_engine postgresql "$pg_url"

echo
echo "wrk: 2 threads, $connections connections, ${duration} s per measurement; $(nproc) cores; $(uname -m)."
