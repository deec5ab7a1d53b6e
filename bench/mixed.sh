#!/usr/bin/env bash
# The mixed load of docs/benchmarks.md "Many at work on one instance": the demo with 5,000
# waiting requests and a file of 200 meetings, and of every 20 requests 7 home pages, 5 wait
# lists, 7 file opens and 1 activity report (bench/mixed.lua), at 64 and then 256
# connections, on SQLite and on PostgreSQL, with wrk.
#
#   bench/mixed.sh [seconds]
#   HAVRE_BENCH_ENGINES=sqlite HAVRE_BENCH_CONNECTIONS=64 bench/mixed.sh 20   # one measurement
#
# Needs: a release build (cargo build --release --bin havre -p havre-cli), wrk, curl, and the
# PostgreSQL server binaries.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-30}"
engines="${HAVRE_BENCH_ENGINES:-sqlite postgresql}"
connection_counts="${HAVRE_BENCH_CONNECTIONS:-64 256}"
source bench/lib.sh
[ -x "$havre" ] || { echo "build first: cargo build --release --bin havre -p havre-cli"; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)"; exit 1; }

bench_engine() { # engine name, database url (empty for SQLite)
  local name=$1 url=$2 dir="$work/$1" path
  start_demo "$dir" "$url" --waiting 5000 --heavy-file
  MIX_COORDINATOR=$(login "$dir" coordinator)
  MIX_CASEWORKER=$(login "$dir" caseworker)
  MIX_FILE=$(heavy_file "$dir")
  export MIX_COORDINATOR MIX_CASEWORKER MIX_FILE
  for path in / /waitlist /reports; do
    [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: havre_session=$MIX_COORDINATOR" "http://127.0.0.1:18080$path")" = 200 ] || { echo "the coordinator cannot open $path"; exit 1; }
  done
  for path in / "$MIX_FILE"; do
    [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: havre_session=$MIX_CASEWORKER" "http://127.0.0.1:18080$path")" = 200 ] || { echo "the caseworker cannot open $path"; exit 1; }
  done
  for connections in $connection_counts; do
    wrk -t2 -c"$connections" -d"${duration}s" --timeout 10s --latency -s bench/mixed.lua http://127.0.0.1:18080 > "$work/$name-$connections.txt"
    summary "mixed load, $connections connections, $name" "$work/$name-$connections.txt"
  done
  kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
}

echo "| what | requests/s | p50 | p99 | non-2xx |"
echo "|---|---|---|---|---|"
for engine in $engines; do
  case $engine in
    sqlite) bench_engine sqlite "" ;;
    postgresql) start_postgres; bench_engine postgresql "$pg_url" ;;
  esac
done

echo
echo "wrk: 2 threads, ${duration} s per measurement, after the demo started; $(nproc) cores; $(uname -m)."
