#!/usr/bin/env bash
# Redis time per API request spent on limits: the one Lua call of quota.LimitCounters with
# the per-minute bucket alone, then with the bucket and the four hour/day windows (key and
# client address) that every request takes. Runs a throw-away Redis on a free port; prints
# Redis' own microseconds per call (INFO commandstats), which load on the host barely moves.
#   bench/limits/redis-cost.sh [calls]
set -euo pipefail
cd "$(dirname "$0")/../.."
CALLS=${1:-200000}
DIR=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
redis-server --port "$PORT" --bind 127.0.0.1 --dir "$DIR" --save '' --appendonly no --daemonize yes --pidfile "$DIR/redis.pid" >/dev/null
trap 'kill "$(cat "$DIR/redis.pid")" 2>/dev/null; rm -rf "$DIR"' EXIT
for _ in $(seq 1 50); do redis-cli -p "$PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
# The script exactly as the service sends it: the text block of LimitCounters.TAKE.
SCRIPT=$(sed -n '/String TAKE = """/,/""";/p' src/main/java/dev/shortlist/platform/quota/LimitCounters.java | sed '1d;$d')
HOUR=3600000 DAY=86400000 BIG=1000000000

measure() { # label, then the EVAL arguments after the script
  local label=$1; shift
  redis-cli -p "$PORT" config resetstat >/dev/null
  redis-benchmark -p "$PORT" -n "$CALLS" -c 8 -q EVAL "$SCRIPT" "$@" | tail -1 | tr -d "\r" | sed -E "s/.*: ([0-9.]+ requests per second.*)/  $label: \1/"
  redis-cli -p "$PORT" info commandstats | grep '^cmdstat_eval:' | sed -E 's/.*usec_per_call=([0-9.]+).*/    Redis time per call: \1 µs/'
}
echo "$CALLS calls, 8 connections, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
measure "bucket only" 1 'b:minute' "$BIG" 60000 1
measure "bucket + 4 windows" 5 'b:all' 'k:hour' 'k:day' 'a:hour' 'a:day' "$BIG" 60000 1 "$BIG" "$HOUR" "$BIG" "$DAY" "$BIG" "$HOUR" "$BIG" "$DAY"
