#!/usr/bin/env bash
# The remote model at its worst: 30 % HTTP 500, 10 % HTTP 429 (Retry-After: 1), 5 % calls that
# hang, and a total outage in the middle of the run. Submits N distinct score jobs to the
# packaged service and prints the completion rate, HTTP calls per job, the service's own
# overhead per model call (p50/p99, from shortlist_llm_call_overhead_seconds) and its process
# CPU per call.
#   bench/llm/storm.sh [jobs=200] [outage-seconds=60] [outage-after-seconds=10] [-Dkey=value...]
# The service runs with its defaults, except a 10 s call timeout (so a hanging call costs
# 10 s, not 60 s) and no local fallback.
source "$(dirname "$0")/../pipeline/common.sh"
JOBS=${1:-200}
OUTAGE=${2:-60}
OUTAGE_AFTER=${3:-10}
shift $(( $# < 3 ? $# : 3 ))  # the rest: extra -D options for the service

[ -n "${BENCH_SKIP_BUILD:-}" ] || build
fresh_db
java -cp "target/test-classes:$(cat target/test-classpath.txt)" dev.shortlist.support.LlmStubServer \
  --port "$STUB_PORT" --error-rate 0.30 --rate-limit-rate 0.10 --retry-after 1 --hang-rate 0.05 \
  > target/bench-stub.log 2>&1 &
STUB_PID=$!
sleep 2
start_service 16 "-Dquarkus.fault-tolerance.\"dev.shortlist.llm.OpenAiEndpoint/exchange\".timeout.value=10" "$@"
python3 bench/llm/storm.py "$JOBS" "$BASE" "http://127.0.0.1:$STUB_PORT" "$OUTAGE" "$OUTAGE_AFTER" "$APP_PID"
