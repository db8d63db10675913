#!/usr/bin/env bash
# Submit latency p50/p99 and achieved submits/s at offered rates (open loop), against
# the packaged service with the stub model at 200 ms.
#   bench/pipeline/submit-latency.sh [seconds=20] [rate...=100 300 500]
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
seconds=${1:-20}; shift || true
rates=("$@"); [ ${#rates[@]} -eq 0 ] && rates=(100 300 500)
build
start_stub 200
for rate in "${rates[@]}"; do
  fresh_db
  start_service 64
  # warm-up, then the measured run
  java -cp "target/test-classes:$(cat target/test-classpath.txt)" dev.shortlist.bench.SubmitLoad "$BASE" 100 5 >/dev/null
  java -cp "target/test-classes:$(cat target/test-classpath.txt)" dev.shortlist.bench.SubmitLoad "$BASE" "$rate" "$seconds"
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=
done
