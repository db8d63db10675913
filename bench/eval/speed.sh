#!/usr/bin/env bash
# Local engine scoring cost in CPU time per resume, cold and warm, and a 10,000-resume batch:
# each public resume parsed, embedded (or its embedding reused) and scored as a score job does.
#   bench/eval/speed.sh [warm rounds=20]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
./mvnw -B -q -ntp test-compile
./mvnw -B -q -ntp dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
# The public resumes: ../shared/data beside the checkout, or SHORTLIST_SHARED_DATA.
java -Dshortlist.data.dir="${SHORTLIST_SHARED_DATA:-../shared/data}" -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
    dev.shortlist.bench.ScoringBench "${1:-20}"
