#!/usr/bin/env bash
# Shortlist side by side with the Flask + Celery + Redis peer it replaces (bench/compare/peer):
# one stub model (200 ms), one private Redis, the same closed-loop driver (wrk, 32
# connections), then open-loop fixed rates. Prints submits/s, submit p50/p99, end-to-end
# jobs/s against the ideal, latency at fixed rates and CPU per job per process.
#   bench/compare/run.sh [seconds=10] [rate...=100 500 1000]
# COMPARE_STACKS="shortlist peer" picks the stacks, in order; "baseline" is Shortlist built in
# COMPARE_BASELINE (another checkout, packaged), for before/after figures from one run.
# COMPARE_JFR=1 records Shortlist's submit-alone run and keeps a summary in bench/compare/profiles/.
# COMPARE_WARMUP (s, 60: a JVM compiles its hot paths for the first tens of thousands of requests), COMPARE_DRAIN_SECONDS (300), COMPARE_SKIP_BUILD=1 (reuse target/),
# BENCH_START_SECONDS (60) for a loaded host; COMPARE_SUBMIT_ONLY=1 stops after the submit-alone run;
# COMPARE_JAVA_OPTS (-Dkey=value ...) starts Shortlist with other settings, to measure what one costs.
BENCH_DB=${BENCH_DB:-shortlist_compare}
source "$(dirname "${BASH_SOURCE[0]}")/../pipeline/common.sh"
seconds=${1:-10}; shift || true
rates=("$@"); [ ${#rates[@]} -eq 0 ] && rates=(100 500 1000)
stacks=${COMPARE_STACKS:-shortlist peer}
CLIENTS=32 LATENCY=200 PIPELINE=256 GEVENT=32 WARMUP=${COMPARE_WARMUP:-60}
export BENCH_RATE_LIMITS=true
here=bench/compare
out=target/compare; mkdir -p "$out"
PY=/usr/bin/python3  # the Debian packages' interpreter, whatever python3 is first on PATH

free_port() { $PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
say() { printf '%s\n' "$*" | tee -a "$out/report.txt"; }

install_peer() {
  local packages=(python3-celery python3-flask python3-redis python3-gevent python3-requests gunicorn wrk)
  dpkg -s "${packages[@]}" >/dev/null 2>&1 && return
  apt-get -o DPkg::Lock::Timeout=300 install -y -q "${packages[@]}" >/dev/null
}

start_redis() { # private, so its CPU is ours alone; no persistence for either stack
  REDIS_PORT=$(free_port)
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no > "$out/redis.log" 2>&1 &
  REDIS_PID=$!
  for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return; sleep 0.1; done
}

# ---- CPU per process -------------------------------------------------------------------
snap() { # name, then "group:pid..." words; one snapshot file per group
  local name=$1; shift
  for group in "$@"; do
    # shellcheck disable=SC2086
    python3 $here/cpu.py snap "$out/$name.${group%%:*}.json" ${group#*:}
  done
}
cpu_line() { # start, end, jobs, groups... -> "jvm 1.23 ms/job, ..."
  local start=$1 end=$2 jobs=$3; shift 3
  local parts=()
  for group in "$@"; do
    local used jit; read -r used jit < <(python3 $here/cpu.py used "$out/$start.$group.json" "$out/$end.$group.json")
    parts+=("$group $(python3 -c "n = max($jobs, 1); print(f'{$used / n * 1000:.3f} ms ($used s'
        + (f'; without JIT compiling {($used - $jit) / n * 1000:.3f} ms' if $jit else '') + ')')")")
  done
  local IFS=';'; echo "${parts[*]}" | sed 's/;/, /g'
}
cpu_ms() { # start, end, jobs, group -> ms of CPU per job, JIT compiler threads left out
  local used jit; read -r used jit < <(python3 $here/cpu.py used "$out/$1.$4.json" "$out/$2.$4.json")
  python3 -c "print(f'{($used - $jit) / max($3, 1) * 1000:.3f}')"
}
commits() { psql -d postgres -tAc "SELECT xact_commit FROM pg_stat_database WHERE datname = '$BENCH_DB'"; }
pg_pids() { psql -d postgres -tAc "SELECT string_agg(pid::text, ' ') FROM pg_stat_activity WHERE datname = '$BENCH_DB'"; }

# ---- load --------------------------------------------------------------------------------
closed_loop() { # base-url seconds [api-key] -> "WRK requests=... failed=... seconds=... p50=... p99=..."
  WRK_API_KEY=${3:-} WRK_RUN=$RANDOM$RANDOM wrk -t2 -c"$CLIENTS" -d"$2"s --timeout 10s -s $here/submit.lua "$1" | grep '^WRK'
}
field() { sed -E "s/.*$1=([0-9.]+).*/\1/" <<<"$2"; }
fixed_rates() { # base-url [api-key]
  for rate in "${rates[@]}"; do
    wait_drained
    local result
    result=$(java -cp "target/test-classes:$(cat target/test-classpath.txt)" dev.shortlist.bench.SubmitLoad "$1" "$rate" "$seconds" ${2:-} | tr '\n' ' ')
    say "  fixed rate $rate/s offered: $result"
    FIGURES[$LABEL.p99_at_$rate]=$(sed -E 's/.*p99 ([0-9.]+).*/\1/' <<<"$result")
  done
}

# ---- the two stacks ------------------------------------------------------------------------
wait_drained() { # until the current stack has nothing queued or running (at most COMPARE_DRAIN_SECONDS, 300)
  local limit=${COMPARE_DRAIN_SECONDS:-300}
  for _ in $(seq 1 $(( limit * 2 ))); do "drained_$STACK" && return; sleep 0.5; done
  say "  (not drained after $limit s)"
}
drained_shortlist() { [ "$(psql -d "$BENCH_DB" -tAc "SELECT count(*) FROM jobs WHERE status IN ('queued', 'running')")" = 0 ]; }
drained_peer() { # kombu's Redis transport: the queue list and the unacknowledged (taken, unfinished) tasks
  [ "$(redis-cli -p "$REDIS_PORT" -n 2 eval "return redis.call('llen', 'celery') + redis.call('hlen', 'unacked')" 0)" = 0 ]
}
end_to_end_shortlist() { # from, until (epoch s) -> jobs that succeeded in between
  psql -d "$BENCH_DB" -tAc "SELECT count(*) FROM jobs WHERE status = 'succeeded'
      AND finished_at BETWEEN to_timestamp($1) AND to_timestamp($2)"
}
end_to_end_peer() {
  PEER_REDIS_URL=redis://127.0.0.1:$REDIS_PORT/2 $PY - "$1" "$2" <<'PY'
import os, sys, redis
r = redis.Redis.from_url(os.environ["PEER_REDIS_URL"], decode_responses=True)
start, until, pipe = float(sys.argv[1]), float(sys.argv[2]), r.pipeline(transaction=False)
for key in r.scan_iter("job:*", count=1000):
    pipe.hmget(key, "status", "finishedAt")
print(sum(1 for status, finished in pipe.execute() if status == "succeeded" and start <= float(finished or 0) <= until))
PY
}

start_shortlist() { # pipeline on|off
  local args=()
  [ "$1" = off ] && args+=(-Dshortlist.pipeline.enabled=false)
  fresh_db
  # shellcheck disable=SC2086
  start_service "$PIPELINE" "${args[@]}" ${COMPARE_JAVA_OPTS:-}
  GROUPS_NOW=("jvm:$APP_PID" "postgres:$(pg_pids)" "redis:$REDIS_PID")
  BASE_URL=$BASE KEY=$SHORTLIST_API_KEY
}
stop_shortlist() { kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=; }

start_peer() { # worker on|off
  if [ -z "${WEB_PID:-}" ]; then
    redis-cli -p "$REDIS_PORT" -n 2 flushdb >/dev/null
    local port; port=$(free_port)
    (cd $here/peer && PEER_REDIS_URL=redis://127.0.0.1:$REDIS_PORT/2 PEER_MODEL_URL=http://127.0.0.1:$STUB_PORT/v1 \
      exec gunicorn -k gevent -w 2 --worker-connections 1000 -b 127.0.0.1:"$port" peer:app) > "$out/peer-web.log" 2>&1 &
    WEB_PID=$!
    BASE_URL=http://127.0.0.1:$port KEY=
    for _ in $(seq 1 100); do curl -s -o /dev/null "$BASE_URL/api/v1/jobs/none" && break; sleep 0.1; done
  fi
  WORKER_PID=
  if [ "$1" = on ]; then
    (cd $here/peer && PEER_REDIS_URL=redis://127.0.0.1:$REDIS_PORT/2 PEER_MODEL_URL=http://127.0.0.1:$STUB_PORT/v1 \
      exec $PY -m celery -A peer:celery worker -P gevent -c "$GEVENT" --without-heartbeat --without-gossip --without-mingle -l warning) \
      > "$out/peer-worker.log" 2>&1 &
    WORKER_PID=$!
    sleep 3
  fi
  GROUPS_NOW=("web:$WEB_PID" "redis:$REDIS_PID")
  if [ -n "$WORKER_PID" ]; then GROUPS_NOW+=("worker:$WORKER_PID"); fi
}
stop_peer() {
  for pid in ${WORKER_PID:-} ${WEB_PID:-}; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; done
  WORKER_PID= WEB_PID=
}

# A flight recording of Shortlist's measured submit-alone run (COMPARE_JFR=1).
record() {
  [ "${COMPARE_JFR:-}" = 1 ] && [ "$STACK" = shortlist ] || return 0
  # The default settings (a sample every 20 ms) cost little; sampling every millisecond
  # measured five times the CPU per submit it was meant to explain. Profile a long run.
  if [ "$1" = start ]; then jcmd "$APP_PID" JFR.start name=submit settings=default >/dev/null
  else jcmd "$APP_PID" JFR.stop name=submit filename="$PWD/$out/submit-${LABEL%% *}.jfr" >/dev/null; fi
}
# PostgreSQL backends come and go with the service's pool: take them as they are now.
refresh_pg() { if [ "$STACK" = shortlist ]; then GROUPS_NOW[1]="postgres:$(pg_pids)"; fi; }
group_names() { local names=(); for g in "${GROUPS_NOW[@]}"; do names+=("${g%%:*}"); done; echo "${names[@]}"; }

run_stack() {
  LABEL=$1 STACK=$1 APP_JAR=
  if [ "$1" = baseline ]; then
    STACK=shortlist APP_JAR=${COMPARE_BASELINE:?the baseline checkout}/target/quarkus-app/quarkus-run.jar
    LABEL="baseline ($(git -C "$COMPARE_BASELINE" log -1 --format=%h 2>/dev/null || echo "$COMPARE_BASELINE"))"
  fi
  export APP_JAR
  say "== $LABEL"
  # 1. Submit alone: no pipeline (Shortlist) or no worker (peer).
  "start_$STACK" off
  closed_loop "$BASE_URL" "$WARMUP" "$KEY" >/dev/null
  refresh_pg
  record start
  snap a "${GROUPS_NOW[@]}"
  local commits_before; commits_before=$(commits)
  local result; result=$(closed_loop "$BASE_URL" "$seconds" "$KEY")
  record stop
  refresh_pg
  snap b "${GROUPS_NOW[@]}"
  local accepted=$(( $(field requests "$result") - $(field failed "$result") ))
  if [ "$STACK" = shortlist ]; then
    sleep 2 # PostgreSQL publishes its counters about once a second
    say "  PostgreSQL commits per accepted job: $(python3 -c "print(f'{($(commits) - $commits_before) / max($accepted, 1):.3f}')")"
  fi
  say "  submit alone, $CLIENTS clients closed loop, ${seconds} s: $(python3 -c "print(f'{$accepted / $(field seconds "$result"):.0f}')") submits/s accepted ($(field failed "$result") failed), p50 $(field p50 "$result") ms, p99 $(field p99 "$result") ms"
  # shellcheck disable=SC2046
  say "  CPU per accepted job: $(cpu_line a b "$accepted" $(group_names))"
  FIGURES[$LABEL.submits]=$(python3 -c "print(f'{$accepted / $(field seconds "$result"):.0f}')")
  if [ "$STACK" = shortlist ]; then FIGURES[$LABEL.submit_cpu]=$(cpu_ms a b "$accepted" jvm); fi
  if [ -n "${COMPARE_SUBMIT_ONLY:-}" ]; then "stop_$STACK"; return; fi
  if [ "$STACK" = shortlist ]; then stop_shortlist; else redis-cli -p "$REDIS_PORT" -n 2 flushdb >/dev/null; fi
  # 2. End to end: the same load while the pipeline works; jobs completed during the run.
  "start_$STACK" on
  closed_loop "$BASE_URL" "$WARMUP" "$KEY" >/dev/null
  local since; since=$(date +%s.%N)
  refresh_pg
  snap c "${GROUPS_NOW[@]}"
  result=$(closed_loop "$BASE_URL" "$seconds" "$KEY")
  local until; until=$(date +%s.%N)
  refresh_pg
  snap d "${GROUPS_NOW[@]}"
  local concurrency=$PIPELINE; [ "$STACK" = peer ] && concurrency=$GEVENT
  accepted=$(( $(field requests "$result") - $(field failed "$result") ))
  say "  submit with the pipeline working: $(python3 -c "print(f'{$accepted / $(field seconds "$result"):.0f}')") submits/s, p50 $(field p50 "$result") ms, p99 $(field p99 "$result") ms"
  local done; done=$("end_to_end_$STACK" "$since" "$until")
  FIGURES[$LABEL.e2e]=$(python3 -c "print(f'{$done / ($until - $since):.1f}')")
  FIGURES[$LABEL.e2e_ratio]=$(python3 -c "print(f'{$done / ($until - $since) / ($concurrency * 1000 / $LATENCY):.2f}')")
  if [ "$STACK" = shortlist ]; then # the work's share: the run's JVM CPU less what its submits cost alone
    FIGURES[$LABEL.work_cpu]=$(python3 -c "print(f'{max(0, ($(cpu_ms c d 1 jvm) - $accepted * ${FIGURES[$LABEL.submit_cpu]:-0}) / max($done, 1)):.3f}')")
  fi
  say "  end to end: $done jobs completed during the run = $(python3 -c "n, s, c = $done, $until - $since, $concurrency; ideal = c * 1000 / $LATENCY; print(f'{n / s:.1f} jobs/s; ideal {ideal:.0f} (concurrency {c} / {$LATENCY} ms); ratio {n / s / ideal:.2f}')")"
  # shellcheck disable=SC2046
  say "  CPU per completed job during the run (submit + work): $(cpu_line c d "$done" $(group_names))"
  # 3. Open-loop fixed rates, the pipeline working.
  fixed_rates "$BASE_URL" "$KEY"
  "stop_$STACK"
}

# The issue's goals against this run's figures: met, or the figure measured.
goals() {
  local s=shortlist
  verdict() { # name, figure, unit, test (python, x = the figure)
    [ -z "$2" ] && { say "  $1: not measured in this run"; return; }
    say "  $1: $2 $3 — $(python3 -c "x = $2; print('met' if $4 else 'missed')")"
  }
  say "== goals (Shortlist)"
  verdict "JVM CPU per accepted job ≤ 0.2 ms (JIT left out)" "${FIGURES[$s.submit_cpu]:-}" ms "x <= 0.2"
  verdict "JVM CPU per completed model job ≤ 0.5 ms beside the model (the run's CPU less its submits')" "${FIGURES[$s.work_cpu]:-}" ms "x <= 0.5"
  verdict "submits ≥ 6,000/s, limits on" "${FIGURES[$s.submits]:-}" /s "x >= 6000"
  verdict "submit p99 < 10 ms at 500/s offered, pipeline working" "${FIGURES[$s.p99_at_500]:-}" ms "x < 10"
  verdict "end to end ≥ 0.95 of ideal" "${FIGURES[$s.e2e_ratio]:-}" "" "x >= 0.95"
  if [ -n "${FIGURES[peer.e2e]:-}" ] && [ -n "${FIGURES[$s.e2e]:-}" ]; then
    verdict "end to end ≥ 10× Flask + Celery (${FIGURES[peer.e2e]} jobs/s)" \
      "$(python3 -c "print(f'{${FIGURES[$s.e2e]} / max(${FIGURES[peer.e2e]}, 0.1):.1f}')")" "×" "x >= 10"
  fi
  say "  enqueue → start, no-op claim + complete, memory with 10,000 queued: bench/pipeline (see bench/README.md)"
}

cleanup() { stop_peer; stop_all; [ -n "${REDIS_PID:-}" ] && kill "$REDIS_PID" 2>/dev/null; true; }
trap cleanup EXIT

install_peer
[ -n "${COMPARE_SKIP_BUILD:-}" ] || build
: > "$out/report.txt"
STUB_PORT=$(free_port) APP_PORT=$(free_port); BASE=http://127.0.0.1:$APP_PORT
start_redis
export BENCH_REDIS_URL=redis://127.0.0.1:$REDIS_PORT/1
start_stub "$LATENCY"
say "$(date -u '+%F %H:%M UTC'); $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
say "stub model $LATENCY ms; $CLIENTS clients (wrk, closed loop); Shortlist pipeline $PIPELINE, limits on with high ceilings; peer gunicorn gevent x2, Celery gevent $GEVENT"
declare -A FIGURES
for stack in $stacks; do run_stack "$stack"; done
[ -n "${COMPARE_SUBMIT_ONLY:-}" ] || goals
say "stub model CPU over the whole run: $(ps -o times= -p "$STUB_PID" | xargs) s; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
for recording in "$out"/submit-*.jfr; do
  [ "${COMPARE_JFR:-}" = 1 ] && [ -f "$recording" ] || continue
  name=$(basename "$recording" .jfr)
  mkdir -p "$here/profiles"
  jfr print --stack-depth 64 --events jdk.ExecutionSample "$recording" > "$out/$name-samples.txt"
  python3 $here/hot.py "$out/$name-samples.txt" > "$here/profiles/$name-$(date -u +%Y%m%d-%H%M).txt"
done
