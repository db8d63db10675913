#!/usr/bin/env bash
# Counterfactual bench: does a score move with who the candidate is? The 472 real resumes of
# the 24-field dev split under four names, three pronouns and three graduation years, scored
# by the local engine against three postings. See bench/fairness/README.md.
#   bench/fairness/run.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../eval/in-process.sh"
java -cp "$CP" dev.shortlist.bench.FairnessBench bench/eval/job-descriptions/livecareer "$SHORTLIST_SHARED_DATA/resumes/livecareer-dev"
