#!/usr/bin/env bash
# How well a score's explanation names what a posting asks: requirement recall and precision
# per field, on the postings of bench/eval/explanations (24 fields, three styles each) scored
# against resumes of their field (../shared/data's livecareer PDFs when present, else the
# project's fixtures), beside the figures recorded for the engine before. Prints EVAL lines.
#   bench/eval/explain.sh [-Dexplain.show-missed=true]
set -euo pipefail
# Compiles, sets CP and SHORTLIST_SHARED_DATA (../shared/data beside the checkout unless set).
source "$(dirname "${BASH_SOURCE[0]}")/in-process.sh"
java "$@" -cp "$CP" dev.shortlist.bench.ExplanationEval bench/eval/explanations "$SHORTLIST_SHARED_DATA/resumes/livecareer-dev"
