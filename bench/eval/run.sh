#!/usr/bin/env bash
# The local engine's quality on public data: ranking precision@10 and nDCG@10 per resume
# category, prompt-injection detection and score change, and PII recall.
#   bench/eval/run.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
./mvnw -B -q -ntp test-compile
./mvnw -B -q -ntp dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="target/classes:target/test-classes:$(cat target/bench.classpath)"
echo "== Ranking (bench/eval/job-descriptions, resumes of ../shared/data/resumes)"
java -cp "$CP" dev.shortlist.bench.RankingEval bench/eval/job-descriptions
echo
echo "== Prompt injection and PII (resumes of ../shared/data/resumes and ../shared/data/files)"
java -cp "$CP" dev.shortlist.bench.GuardEval
