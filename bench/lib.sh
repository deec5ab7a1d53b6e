# What bench/page.sh and bench/mixed.sh share: a work directory cleaned on exit, the demo
# started on an engine, a login, and a PostgreSQL server of its own. Sourced, not run.

havre=target/release/havre
work=$(mktemp -d)
chmod 755 "$work"  # the postgres user must reach its data directory inside
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -n "${pgdata:-}" ]; then runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

wait_port() { for _ in $(seq 3000); do curl -s -o /dev/null "http://$1/healthz" && return 0; curl -s -o /dev/null "http://$1/" && return 0; sleep 0.1; done; echo "nothing on $1"; exit 1; }

# start_demo DIR URL [demo options…]: the demo on 127.0.0.1:18080, its accounts in DIR/demo.out
# and the address of its heavy file (with --heavy-file) in DIR/demo.err.
start_demo() {
  local dir=$1 url=$2
  shift 2
  mkdir -p "$dir"
  HAVRE_DATA_DIR="$dir" HAVRE_LISTEN=127.0.0.1:18080 HAVRE_DATABASE_URL="$url" HAVRE_LOG=warn \
    "$havre" demo "$@" >"$dir/demo.out" 2>"$dir/demo.err" & pids+=($!)
  wait_port 127.0.0.1:18080
  # The server's watch runs as it starts (the database's statistics, the audit chain checked
  # whole, the retention review, which writes and so drops every kept report): let it end
  # before anything is measured.
  sleep "${HAVRE_BENCH_SETTLE:-15}"
}

# login DIR ROLE: prints the session cookie's value of the demo centre's account of that role
# (the first of that role in the demo's list).
login() {
  local dir=$1 role=$2 email password csrf jar="$1/jar-$2"
  email=$(awk -v r="$role" '$1==r {print $2; exit}' "$dir/demo.out")
  password=$(awk -v r="$role" '$1==r {print $3; exit}' "$dir/demo.out")
  csrf=$(curl -s -c "$jar" http://127.0.0.1:18080/login | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
  curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "csrf=$csrf" \
    --data-urlencode "email=$email" --data-urlencode "password=$password" http://127.0.0.1:18080/login
  awk '$6=="havre_session" {print $7}' "$jar"
}

# heavy_file DIR: the address of the demo's file of 200 meetings.
heavy_file() { awk '/^heavy file:/ {print $3}' "$1/demo.err"; }

# start_postgres: a PostgreSQL server of its own on 127.0.0.1:15432, with a database
# havre_bench whose URL it puts in pg_url.
start_postgres() {
  pgbin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort | tail -1)")
  pgdata="$work/pg"
  mkdir -p "$pgdata" && chown postgres:postgres "$pgdata"
  runuser -u postgres -- "$pgbin/initdb" -D "$pgdata" -A trust -U postgres >/dev/null
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -o "-p 15432 -k $pgdata -c listen_addresses=127.0.0.1" -l "$pgdata/log" -w start >/dev/null
  psql -h 127.0.0.1 -p 15432 -U postgres -qc "CREATE DATABASE havre_bench" >/dev/null
  pg_url="postgres://postgres@127.0.0.1:15432/havre_bench"
}

# summary NAME FILE: one line of the tables of docs/benchmarks.md from wrk's output.
summary() {
  local rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' "$2")
  p50=$(awk '$1=="50%" {print $2}' "$2")
  p99=$(awk '$1=="99%" {print $2}' "$2")
  non2xx=$(awk '/Non-2xx/ {print $5}' "$2")
  printf '| %s | %s | %s | %s | %s |\n' "$1" "$rps" "$p50" "$p99" "${non2xx:-0}"
}
