#!/usr/bin/env python3
"""Driver of bench/llm/storm.sh: submits N distinct score jobs, starts the stub's total outage
after a delay, waits for every job to end and prints what the storm cost.
  bench/llm/storm.py jobs service-url stub-url outage-seconds outage-after-seconds service-pid"""
import json
import os
import re
import sys
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

jobs, url, stub, outage, outage_after, pid = sys.argv[1:7]
jobs, outage, outage_after = int(jobs), int(outage), int(outage_after)
KEY = os.environ.get("SHORTLIST_API_KEY", "")
JD = "Java developer: Java, Spring Boot, SQL databases (PostgreSQL), REST APIs, microservices, Docker."
TICKS = os.sysconf("SC_CLK_TCK")


def call(method, base, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json", "Authorization": f"Bearer {KEY}"})
    with urllib.request.urlopen(request) as response:
        text = response.read().decode()
        return json.loads(text) if text.startswith(("{", "[")) else text


def cpu_seconds():
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def submit(i):
    resume = f"Candidate {i}: backend engineer\n- Built Java 17 and Spring Boot services on PostgreSQL\nRef {uuid.uuid4()}"
    return call("POST", url, "/api/v1/jobs", {"type": "score", "resume": {"text": resume}, "jobDescription": {"text": JD}})["id"]


cpu_before = cpu_seconds()
start = time.monotonic()
with ThreadPoolExecutor(8) as pool:
    ids = list(pool.map(submit, range(jobs)))
outage_started = False
ended = {}
waiting_seen = set()
while len(ended) < jobs:
    if not outage_started and time.monotonic() - start >= outage_after:
        call("POST", stub, f"/outage?seconds={outage}")
        outage_started = True
        print(f"outage of {outage} s started at {time.monotonic() - start:.1f} s", flush=True)
    # A listing a second (the database holds only this run's jobs), so polling costs the service little.
    cursor = ""
    while cursor is not None:
        page = call("GET", url, f"/api/v1/jobs?limit=200" + (f"&cursor={cursor}" if cursor else ""))
        for job in page["items"]:
            if job.get("waitingFor") == "model":
                waiting_seen.add(job["id"])
            if job["status"] in ("succeeded", "failed", "cancelled"):
                ended[job["id"]] = job
        cursor = page.get("nextCursor")
    time.sleep(1)
end = time.monotonic()
cpu = cpu_seconds() - cpu_before
stats = call("GET", stub, "/stats")
metrics = call("GET", url, "/q/metrics")


statuses = {}
for job in ended.values():
    statuses[job["status"]] = statuses.get(job["status"], 0) + 1
attempts = [job["attempts"] for job in ended.values()]
succeeded = statuses.get("succeeded", 0)
calls = stats["requests"]
print(f"jobs: {jobs}, {statuses}, end to end {end - start:.1f} s (outage {outage} s)")
print(f"completion rate: {succeeded / jobs:.1%}; attempts per job: max {max(attempts)}; "
      f"jobs seen waiting for the model: {len(waiting_seen)}")
print(f"HTTP calls to the model: {calls}, {calls / jobs:.2f} per job")


def quantile(q):
    """From the cumulative histogram buckets of the whole run, interpolated within the bucket."""
    buckets = sorted((float("inf") if le == "+Inf" else float(le), float(n)) for le, n in re.findall(
        r'^shortlist_llm_call_overhead_seconds_bucket\{le="([^"]+)"\} ([0-9.eE+-]+)$', metrics, re.M))
    total = buckets[-1][1]
    low, below = 0.0, 0.0
    for upper, count in buckets:
        if count >= q * total:
            return low + (upper - low) * (q * total - below) / max(count - below, 1)
        low, below = upper, count
    return float("nan")


print("service overhead per answered call (quota, request, reply, accounting): p50 {:.2f} ms, p99 {:.2f} ms".format(
    quantile(0.5) * 1000, quantile(0.99) * 1000))
print(f"service process CPU: {cpu:.1f} s, {cpu * 1000 / calls:.2f} ms per HTTP call, {cpu * 1000 / jobs:.1f} ms per job")
