#!/usr/bin/env bash
# Project-local PostgreSQL and Redis on loopback, for development, tests and benchmarks.
#
#   scripts/services.sh start|stop|status [postgres|redis]
#
# Idempotent: start leaves running servers alone, stop ends only servers this script
# started (it finds them through the pid files in its data folder). Missing server
# binaries are installed from the Debian/Ubuntu packages. PostgreSQL refuses to run as
# root, so as root it runs as the unprivileged `postgres` user.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DATA_DIR=${SHORTLIST_DATA_DIR:-$ROOT/.data}
PG_PORT=${SHORTLIST_PG_PORT:-55432}
REDIS_PORT=${SHORTLIST_REDIS_PORT:-56379}
PG_USER=shortlist
# The development database, and the test database (SHORTLIST_TEST_DB lets parallel checkouts keep apart).
PG_DATABASES=(shortlist "${SHORTLIST_TEST_DB:-shortlist_test}")

log() { printf '[services] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  log "installing $* (Debian packages)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

pg_bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$dir" ] && command -v pg_ctl >/dev/null; then dir=$(dirname "$(readlink -f "$(command -v pg_ctl)")"); fi
  printf '%s' "$dir"
}

# Runs a PostgreSQL server binary as the user that owns the cluster.
pg_run() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

pg_dir() { printf '%s/postgres' "$DATA_DIR"; }

ensure_postgres_installed() {
  [ -n "$(pg_bin_dir)" ] && [ -x "$(pg_bin_dir)/postgres" ] || apt_install postgresql
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  fi
}

pg_running() {
  local bin; bin=$(pg_bin_dir)
  [ -f "$(pg_dir)/PG_VERSION" ] && pg_run "$bin/pg_ctl" -D "$(pg_dir)" status >/dev/null 2>&1
}

start_postgres() {
  ensure_postgres_installed
  local bin dir; bin=$(pg_bin_dir); dir=$(pg_dir)
  mkdir -p "$DATA_DIR"
  if [ ! -f "$dir/PG_VERSION" ]; then
    log "initialising PostgreSQL cluster in $dir"
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then
      chown postgres: "$dir"
      # The server user must be able to reach its data folder through every parent.
      runuser -u postgres -- test -w "$dir" || {
        log "the postgres user cannot write $dir; set SHORTLIST_DATA_DIR to a folder it can reach"; exit 1; }
    fi
    pg_run "$bin/initdb" -D "$dir" --username="$PG_USER" --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    cat >>"$dir/postgresql.conf" <<CONF
# project-local server: loopback only, no unix socket, tuned for a developer machine
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = ''
max_connections = 200
shared_buffers = 256MB
fsync = on
synchronous_commit = on
CONF
  fi
  if pg_running; then
    log "PostgreSQL already running on 127.0.0.1:$PG_PORT"
  else
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    pg_run "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start >/dev/null
  fi
  local db
  for db in "${PG_DATABASES[@]}"; do
    if ! psql -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -tAc "select 1 from pg_database where datname = '$db'" | grep -q 1; then
      psql -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -qc "create database $db" >/dev/null
    fi
  done
}

stop_postgres() {
  if pg_running; then
    log "stopping PostgreSQL"
    pg_run "$(pg_bin_dir)/pg_ctl" -D "$(pg_dir)" -m fast -w stop >/dev/null
  else
    log "PostgreSQL is not running"
  fi
}

redis_pidfile() { printf '%s/redis/redis.pid' "$DATA_DIR"; }

redis_running() {
  local pidfile; pidfile=$(redis_pidfile)
  [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

start_redis() {
  command -v redis-server >/dev/null || apt_install redis-server
  mkdir -p "$DATA_DIR/redis"
  if redis_running; then
    log "Redis already running on 127.0.0.1:$REDIS_PORT"
    return
  fi
  log "starting Redis on 127.0.0.1:$REDIS_PORT"
  # No persistence: the cache and the buckets are rebuildable; jobs live in PostgreSQL.
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes \
    --pidfile "$(redis_pidfile)" --dir "$DATA_DIR/redis" --logfile "$DATA_DIR/redis/redis.log" \
    --save '' --appendonly no --protected-mode yes
  local i
  for i in $(seq 1 50); do
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 && return
    sleep 0.1
  done
  log "Redis did not answer on port $REDIS_PORT; see $DATA_DIR/redis/redis.log"; exit 1
}

stop_redis() {
  if redis_running; then
    log "stopping Redis"
    local pid; pid=$(cat "$(redis_pidfile)")
    kill "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
  else
    log "Redis is not running"
  fi
}

status() {
  if pg_running; then echo "postgres: running on 127.0.0.1:$PG_PORT"; else echo "postgres: stopped"; fi
  if redis_running; then echo "redis: running on 127.0.0.1:$REDIS_PORT"; else echo "redis: stopped"; fi
}

command=${1:-status}
which=${2:-all}
case "$command:$which" in
  start:all) start_postgres; start_redis ;;
  start:postgres) start_postgres ;;
  start:redis) start_redis ;;
  stop:all) stop_redis; stop_postgres ;;
  stop:postgres) stop_postgres ;;
  stop:redis) stop_redis ;;
  status:*) status ;;
  *) echo "usage: $0 start|stop|status [postgres|redis]" >&2; exit 2 ;;
esac
