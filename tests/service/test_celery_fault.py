"""Scale-out for real: PostgreSQL, Redis and Celery workers. A worker SIGKILLed mid-job: the job is run
again by another worker, completes once, is charged once, and leaves no orphan files."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

from .helpers import Server, new_key, service_env
from .servers import postgres_server, redis_server


def start_worker(env: dict, name: str, log: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "vidloom", "worker", "--name", name], env=env,
                            stdout=open(log, "w"), stderr=subprocess.STDOUT, start_new_session=True)


def wait_for(predicate, timeout: float, what: str):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def stop(proc: subprocess.Popen, sig=signal.SIGTERM) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, sig)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def test_sigkilled_worker_job_completes_once_on_another_worker(tmp_path):
    with redis_server() as broker, postgres_server() as database:
        home = tmp_path / "home"
        env = service_env(home, VIDLOOM_DATABASE_URL=database, VIDLOOM_BROKER_URL=broker,
                          VIDLOOM_LEASE_SECONDS="2", VIDLOOM_VISIBILITY_TIMEOUT="4", VIDLOOM_STEPS="12")
        server = Server(home, **{k: v for k, v in env.items() if k.startswith("VIDLOOM_") and k != "VIDLOOM_HOME"})
        workers: list[subprocess.Popen] = []
        try:
            key = new_key(server.env, "fault@example.com", "pro")
            auth = {"Authorization": f"Bearer {key}"}
            first = start_worker(env, "first@%h", tmp_path / "first.log")
            workers.append(first)
            video = httpx.post(f"{server.url}/v1/videos", json={"prompt": "a red ball bounces on grass", "seconds": "8"},
                               headers=auth, timeout=30).json()

            def progress():
                v = httpx.get(f"{server.url}/v1/videos/{video['id']}", headers=auth).json()
                return v if v["status"] == "in_progress" and v["progress"] >= 10 else None

            wait_for(progress, 120, "the first worker to be sampling")
            second = start_worker(env, "second@%h", tmp_path / "second.log")
            workers.append(second)
            stop(first, signal.SIGKILL)  # the worker and its pool process, mid-job
            done = wait_for(lambda: (v := httpx.get(f"{server.url}/v1/videos/{video['id']}", headers=auth).json())
                            ["status"] in ("completed", "failed") and v, 180, "the job to finish on the second worker")
            assert done["status"] == "completed", done
            logs = (tmp_path / "second.log").read_text()
            assert "vidloom.run_job" in logs, logs[-3000:]
            db = create_engine(database)
            with db.connect() as c:
                attempt, keys = c.execute(text("select attempt, video_key || ' ' || thumbnail_key || ' ' || spritesheet_key "
                                               "from videos where id = :id"), {"id": video["id"]}).one()
                charged = c.execute(text("select count from usage")).scalars().all()
            db.dispose()
            assert attempt == 2  # run once more after the kill, by the second worker
            assert charged == [1]  # charged once
            stored = sorted(p.name for p in (home / "media").glob("*/*"))
            assert stored == sorted(keys.split())  # no orphan files in storage
            assert list((home / "work").glob("*")) == []  # nor scratch files of the killed attempt
            content = httpx.get(f"{server.url}/v1/videos/{video['id']}/content", headers=auth)
            assert content.status_code == 200 and content.content[4:8] == b"ftyp"
        finally:
            for w in workers:
                stop(w)
            server.stop()
