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
havre=target/release/havre
baseline=target/release/examples/minimal_axum
[ -x "$havre" ] && [ -x "$baseline" ] || { echo "build first: cargo build --release --bin havre --example minimal_axum -p havre-cli -p havre-web"; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)"; exit 1; }

work=$(mktemp -d)
chmod 755 "$work"  # the postgres user must reach its data directory inside
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -n "${pgdata:-}" ]; then runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

run_wrk() { # url, cookie header (may be empty)
  if [ -n "$2" ]; then
    wrk -t2 -c"$connections" -d"${duration}s" --latency -H "Cookie: $2" "$1"
  else
    wrk -t2 -c"$connections" -d"${duration}s" --latency "$1"
  fi
}

summary() { # name, wrk output file
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$2")
  p50=$(awk '$1=="50%" {print $2}' "$2")
  p99=$(awk '$1=="99%" {print $2}' "$2")
  non2xx=$(awk '/Non-2xx/ {print $5}' "$2")
  printf '| %s | %s | %s | %s | %s |\n' "$1" "$rps" "$p50" "$p99" "${non2xx:-0}"
}

wait_port() { for _ in $(seq 3000); do curl -s -o /dev/null "http://$1/healthz" && return 0; curl -s -o /dev/null "http://$1/" && return 0; sleep 0.1; done; echo "nothing on $1"; exit 1; }

"$baseline" 127.0.0.1:18091 & pids+=($!)
wait_port 127.0.0.1:18091

bench_engine() { # engine name, database url (empty for SQLite)
  local name=$1 url=$2 dir="$work/$1"
  mkdir -p "$dir"
  HAVRE_DATA_DIR="$dir" HAVRE_LISTEN=127.0.0.1:18080 HAVRE_DATABASE_URL="$url" HAVRE_LOG=warn \
    "$havre" demo ${waiting:+--waiting "$waiting"} ${heavy:+--heavy-file} >"$dir/demo.out" 2>"$dir/demo.err" & pids+=($!)
  wait_port 127.0.0.1:18080
  local password csrf cookie email target
  email=$(awk -v r="$role" '$1==r {print $2}' "$dir/demo.out")
  password=$(awk -v r="$role" '$1==r {print $3}' "$dir/demo.out")
  target="$path"
  if [[ "$path" == *"{heavy_file}"* ]]; then
    target="${path//\{heavy_file\}/$(awk '/^heavy file:/ {print $3}' "$dir/demo.err")}"
  fi
  csrf=$(curl -s -c "$dir/jar" http://127.0.0.1:18080/login | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
  curl -s -b "$dir/jar" -c "$dir/jar" -o /dev/null --data-urlencode "csrf=$csrf" \
    --data-urlencode "email=$email" --data-urlencode "password=$password" http://127.0.0.1:18080/login
  cookie="havre_session=$(awk '$6=="havre_session" {print $7}' "$dir/jar")"
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

pgbin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort | tail -1)")
pgdata="$work/pg"
mkdir -p "$pgdata" && chown postgres:postgres "$pgdata"
runuser -u postgres -- "$pgbin/initdb" -D "$pgdata" -A trust -U postgres >/dev/null
runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -o "-p 15432 -k $pgdata -c listen_addresses=127.0.0.1" -l "$pgdata/log" -w start >/dev/null
psql -h 127.0.0.1 -p 15432 -U postgres -qc "CREATE DATABASE havre_bench" >/dev/null
bench_engine postgresql "postgres://postgres@127.0.0.1:15432/havre_bench"

echo
echo "wrk: 2 threads, $connections connections, ${duration} s per measurement; $(nproc) cores; $(uname -m)."
