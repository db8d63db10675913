#!/usr/bin/env bash
# The local engine's quality on public data: ranking precision@10 and nDCG@10 per resume
# category (the tech-heavy Kaggle set in process; the 24-field livecareer PDFs through the
# API, beside TF-IDF and BM25), prompt-injection detection and score change, and PII recall.
# Gated figures are printed as "EVAL <key> <value>" lines.
#   bench/eval/run.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
./mvnw -B -q -ntp test-compile
./mvnw -B -q -ntp dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="target/classes:target/test-classes:$(cat target/bench.classpath)"
echo "== Ranking (bench/eval/job-descriptions, resumes of ../shared/data/resumes)"
java -cp "$CP" dev.shortlist.bench.RankingEval bench/eval/job-descriptions
echo
echo "== Ranking across 24 fields (bench/eval/job-descriptions/livecareer, PDFs of ../shared/data/resumes/livecareer-dev, through the API)"
bench/eval/livecareer.sh
echo
echo "== Prompt injection and PII (resumes of ../shared/data/resumes and ../shared/data/files)"
java -cp "$CP" dev.shortlist.bench.GuardEval
