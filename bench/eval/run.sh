#!/usr/bin/env bash
# The local engine's quality on public data: ranking precision@10 and nDCG@10 per resume
# category (the tech-heavy Kaggle set, and the 24-field livecareer PDFs beside TF-IDF and
# BM25 on the same extracted texts), prompt-injection detection and score change, and PII
# recall. The same 24-field ranking through the HTTP API is bench/eval/livecareer.sh.
# Gated figures are printed as "EVAL <key> <value>" lines.
#   bench/eval/run.sh
set -euo pipefail
# Compiles, sets CP and SHORTLIST_SHARED_DATA (../shared/data beside the checkout unless set).
source "$(dirname "${BASH_SOURCE[0]}")/in-process.sh"
echo "== Ranking (bench/eval/job-descriptions, resumes of ../shared/data/resumes)"
java -Dshortlist.data.dir="$SHORTLIST_SHARED_DATA" -cp "$CP" dev.shortlist.bench.RankingEval bench/eval/job-descriptions
echo
echo "== Ranking across 24 fields (bench/eval/job-descriptions/livecareer, PDFs of ../shared/data/resumes/livecareer-dev)"
java -cp "$CP" dev.shortlist.bench.LivecareerEval bench/eval/job-descriptions/livecareer "$SHORTLIST_SHARED_DATA/resumes/livecareer-dev"
echo
echo "== Prompt injection and PII (resumes of ../shared/data/resumes and ../shared/data/files)"
java -Dshortlist.data.dir="$SHORTLIST_SHARED_DATA" -cp "$CP" dev.shortlist.bench.GuardEval
