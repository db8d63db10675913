#!/usr/bin/env bash
# Local engine scoring throughput on one thread (one core): parse, match and score each
# public resume against a job description, as a score job does.
#   bench/eval/speed.sh [seconds]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
./mvnw -B -q -ntp test-compile
./mvnw -B -q -ntp dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" dev.shortlist.bench.ScoringBench "${1:-20}"
