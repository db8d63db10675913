#!/usr/bin/env bash
# Text-extraction throughput on the sample resumes (../shared/data/files), in process:
# sniff, extract and normalise, as an upload does.
#   bench/documents/extraction.sh [seconds] [threads]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
./mvnw -B -q -ntp test-compile
./mvnw -B -q -ntp dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  dev.shortlist.documents.ExtractionBench ../shared/data/files "${1:-20}" "${2:-2}"
