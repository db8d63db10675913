#!/usr/bin/env bash
# Rendering throughput of job results to PDF and DOCX, in process: a one-page resume and
# the longest resume of ../shared/data (several pages), as GET /api/v1/jobs/{id}/result does.
#   bench/documents/rendering.sh [seconds] [threads]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
./mvnw -B -q -ntp test-compile
./mvnw -B -q -ntp dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -Dshortlist.data.dir=../shared/data -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  dev.shortlist.documents.rendering.RenderBench "${1:-10}" "${2:-2}" 2> >(grep -v 'fallback font' >&2)
