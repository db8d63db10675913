# Shared by the in-process benches (bench/eval/run.sh, bench/fairness/run.sh): compiles the
# tests, sets CP to run their programs, and SHORTLIST_SHARED_DATA to the public data
# (../shared/data beside the checkout unless set). Source it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
./mvnw -B -q -ntp test-compile
./mvnw -B -q -ntp dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="target/classes:target/test-classes:$(cat target/bench.classpath)"
export SHORTLIST_SHARED_DATA=${SHORTLIST_SHARED_DATA:-../shared/data}
