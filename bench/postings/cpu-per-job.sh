#!/usr/bin/env bash
# CPU time per score job of the local engine with the job description given as text versus
# named by a stored posting (its reading decoded, or cached), over the project's fixtures.
#   bench/postings/cpu-per-job.sh [rounds=5]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
./mvnw -B -q -ntp test-compile
./mvnw -B -q -ntp dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" dev.shortlist.bench.PostingBench "${1:-5}"
