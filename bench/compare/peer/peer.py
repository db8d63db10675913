"""The peer: the Flask + Celery + Redis job service Shortlist replaces, built the way the
seed projects built it, doing the same job as a Shortlist score job.

Submit (Flask under gunicorn/gevent): validate the JSON body, normalise and hash the
input, look the hash up in the Redis result cache, store the job in Redis and hand it to
Celery (Redis broker). Work (Celery worker, gevent pool): call the OpenAI-compatible
model with retries and exponential backoff with jitter, validate the JSON reply against
the score schema, store the result on the job and in the cache.

Configured by environment: PEER_REDIS_URL (jobs, cache, broker) and PEER_MODEL_URL
(base URL ending in /v1). Started by bench/compare/run.sh; never part of Shortlist.
"""
import hashlib
import json
import os
import random
import time
import uuid

import redis
import requests
from celery import Celery
from flask import Flask, jsonify, request

REDIS_URL = os.environ.get("PEER_REDIS_URL", "redis://127.0.0.1:6379/0")
MODEL_URL = os.environ.get("PEER_MODEL_URL", "http://127.0.0.1:18090/v1").rstrip("/") + "/chat/completions"
MODEL = os.environ.get("PEER_MODEL", "stub-model-1")
CACHE_TTL = 7 * 24 * 3600
MAX_ATTEMPTS = 4
TEXT_MAX = 100_000
RECOMMENDATIONS = {"shortlist", "maybe", "reject"}

store = redis.Redis.from_url(REDIS_URL, decode_responses=True)
celery = Celery("peer", broker=REDIS_URL)
celery.conf.update(task_acks_late=True, worker_prefetch_multiplier=4, task_ignore_result=True,
                   broker_connection_retry_on_startup=True)
app = Flask(__name__)
model = requests.Session()
model.mount("http://", requests.adapters.HTTPAdapter(pool_connections=4, pool_maxsize=256))


def problem(field, detail):
    return jsonify({"status": 400, "title": "invalid input", "violations": [{"field": field, "message": detail}]}), 400


def text_of(body, field):
    part = body.get(field)
    text = part.get("text") if isinstance(part, dict) else None
    if not isinstance(text, str) or not text.strip() or len(text) > TEXT_MAX:
        return None
    return " ".join(text.split())


@app.post("/api/v1/jobs")
def submit():
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return problem("body", "must be a JSON object")
    if body.get("type") != "score":
        return problem("type", "must be 'score'")
    resume, description = text_of(body, "resume"), text_of(body, "jobDescription")
    if resume is None:
        return problem("resume.text", f"must be 1 to {TEXT_MAX} characters")
    if description is None:
        return problem("jobDescription.text", f"must be 1 to {TEXT_MAX} characters")
    job_input = json.dumps({"resume": resume, "jobDescription": description})
    digest = hashlib.sha256(("score\n" + job_input).encode()).hexdigest()
    job_id = str(uuid.uuid4())
    job = {"id": job_id, "type": "score", "input": job_input, "inputHash": digest, "createdAt": time.time()}
    cached = store.get("cache:" + digest)
    if cached is not None:
        job.update(status="succeeded", result=cached, cacheHit=1, startedAt=job["createdAt"], finishedAt=job["createdAt"])
        store.hset("job:" + job_id, mapping=job)
    else:
        job.update(status="queued", cacheHit=0)
        store.hset("job:" + job_id, mapping=job)
        run_job.delay(job_id)
    return jsonify({"id": job_id, "status": job["status"]}), 202, {"Location": "/api/v1/jobs/" + job_id}


@app.get("/api/v1/jobs/<job_id>")
def find(job_id):
    job = store.hgetall("job:" + job_id)
    if not job:
        return jsonify({"status": 404, "title": "no such job"}), 404
    return jsonify({"id": job_id, "status": job["status"], "result": json.loads(job["result"]) if "result" in job else None})


def valid_score(content):
    """The reply's content as a score object, or None when it breaks the schema."""
    try:
        answer = json.loads(content)
    except ValueError:
        return None
    if not isinstance(answer, dict) or not isinstance(answer.get("score"), int) or not 0 <= answer["score"] <= 100:
        return None
    if answer.get("recommendation") not in RECOMMENDATIONS:
        return None
    for field in ("matchedSkills", "missingSkills", "evidence"):
        if not isinstance(answer.get(field, []), list):
            return None
    return answer if isinstance(answer.get("summary", ""), str) else None


def call_model(job_input):
    """The model's score, retried with exponential backoff and jitter on 429, 5xx, timeouts and bad JSON."""
    parts = json.loads(job_input)
    payload = {"model": MODEL, "temperature": 0, "response_format": {"type": "json_object"}, "messages": [
        {"role": "system", "content": "Score the resume against the job description. Answer with JSON only."},
        {"role": "user", "content": "Job description:\n" + parts["jobDescription"] + "\n\nResume:\n" + parts["resume"]}]}
    for attempt in range(MAX_ATTEMPTS):
        try:
            reply = model.post(MODEL_URL, json=payload, timeout=30)
            if reply.status_code == 200:
                answer = valid_score(reply.json()["choices"][0]["message"]["content"])
                if answer is not None:
                    return answer
            elif reply.status_code != 429 and reply.status_code < 500:
                raise RuntimeError(f"model refused the request: HTTP {reply.status_code}")
        except (requests.ConnectionError, requests.Timeout):
            pass
        time.sleep(min(30, 0.5 * 2 ** attempt) * (0.5 + random.random()))
    raise RuntimeError("model failed after retries")


@celery.task(acks_late=True)
def run_job(job_id):
    key = "job:" + job_id
    store.hset(key, mapping={"status": "running", "startedAt": time.time()})
    job = store.hgetall(key)
    cached = store.get("cache:" + job["inputHash"])
    if cached is None:
        try:
            cached = json.dumps(call_model(job["input"]))
        except RuntimeError as failure:
            store.hset(key, mapping={"status": "failed", "error": str(failure), "finishedAt": time.time()})
            return
        store.set("cache:" + job["inputHash"], cached, ex=CACHE_TTL)
    store.hset(key, mapping={"status": "succeeded", "result": cached, "finishedAt": time.time()})
