#!/usr/bin/env python3
"""Submits N score jobs with distinct resumes (so no cache hit, one model call each) to a
running service, waits for all of them and reports jobs per second end to end.
  bench/llm/unique-jobs.py [jobs=300] [base-url=http://localhost:8080]
Run the service against the stub model (bench/README.md) to compare with the ideal,
concurrency / stub latency."""
import json
import sys
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
url = sys.argv[2] if len(sys.argv) > 2 else "http://localhost:8080"
JD = "Java developer: Java, Spring Boot, SQL databases (PostgreSQL), REST APIs, microservices, Docker."


def call(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url + path, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def submit(i):
    resume = f"Candidate {i}: backend engineer, Java 17, Spring Boot, PostgreSQL, Kubernetes. Ref {uuid.uuid4()}"
    return call("POST", "/api/v1/jobs", {"type": "score", "resume": {"text": resume}, "jobDescription": {"text": JD}})["id"]


start = time.monotonic()
with ThreadPoolExecutor(16) as pool:
    ids = list(pool.map(submit, range(count)))
submitted = time.monotonic()
pending = set(ids)
statuses = {}
while pending:
    for job_id in list(pending):
        job = call("GET", f"/api/v1/jobs/{job_id}")
        if job["status"] in ("succeeded", "failed", "cancelled"):
            statuses[job["status"]] = statuses.get(job["status"], 0) + 1
            pending.discard(job_id)
    time.sleep(0.1)
end = time.monotonic()
print(f"submit: {count} jobs in {submitted - start:.2f} s")
print(f"end to end: {end - start:.2f} s, {count / (end - start):.1f} jobs/s {statuses}")
