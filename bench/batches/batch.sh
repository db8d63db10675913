#!/usr/bin/env bash
# Submits one batch of N resumes (the public resume set, cycled) to a running service
# and reports the submit time, then waits for the batch and reports the end-to-end time.
#   bench/batches/batch.sh [resumes=1000] [base-url=http://localhost:8080]
# Start the service first, packaged as in production, e.g.
#   scripts/services.sh start && ./mvnw -B -q package -DskipTests && java -jar target/quarkus-app/quarkus-run.jar
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
count=${1:-1000}
url=${2:-http://localhost:8080}
body=target/bench-batch-$count.json
auth=()
[ -n "${SHORTLIST_API_KEY:-}" ] && auth=(-H "Authorization: Bearer $SHORTLIST_API_KEY")

mkdir -p target
python3 - "$count" "$body" <<'PY'
import csv, json, sys
count, out = int(sys.argv[1]), sys.argv[2]
seen, resumes = set(), []
with open("../shared/data/resumes/updated-resume-dataset.csv", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        if row["Resume"] not in seen:
            seen.add(row["Resume"])
            resumes.append(row)
jd = ("Java developer: Java, Spring Boot, Hibernate, SQL databases (MySQL, PostgreSQL), REST APIs, "
      "microservices, Git, Maven, JUnit, Jenkins; Kafka, Docker and AWS a plus.")
items = [{"externalId": f"{r['Category']} #{i}", "text": r["Resume"]}
         for i, r in ((i, resumes[i % len(resumes)]) for i in range(count))]
json.dump({"type": "score", "jobDescription": {"text": jd}, "resumes": items}, open(out, "w"))
PY
printf 'body: %s resumes, %s bytes\n' "$count" "$(stat -c %s "$body")"

start=$(date +%s.%N)
response=$(curl -sS -w '\n%{http_code} %{time_total}' "${auth[@]}" -H 'Content-Type: application/json' \
  --data-binary @"$body" "$url/api/v1/batches")
read -r code seconds <<<"$(tail -n 1 <<<"$response")"
[ "$code" = 202 ] || { echo "submit failed: $response" >&2; exit 1; }
id=$(head -n 1 <<<"$response" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
printf 'submit: HTTP %s in %.3f s (batch %s)\n' "$code" "$seconds" "$id"

while :; do
  status=$(curl -sS "${auth[@]}" "$url/api/v1/batches/$id" | python3 -c 'import json,sys; b=json.load(sys.stdin); print(b["status"], b["progress"])')
  [ "${status% *}" = running ] || break
  sleep 0.2
done
end=$(date +%s.%N)
python3 -c "import sys; s,e,n=float(sys.argv[1]),float(sys.argv[2]),int(sys.argv[3]); print(f'end to end: {e-s:.2f} s, {n/(e-s):.1f} jobs/s ({sys.argv[4]})')" "$start" "$end" "$count" "$status"
