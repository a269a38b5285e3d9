"""The embedded worker in a child process, against the real SQLite database and vidloom-mini: a stop hands
the running job back to the queue and the next start completes it; a child that dies is replaced and its
job completes on the next attempt."""
from __future__ import annotations

import os
import signal
import threading
import time

from fastapi.testclient import TestClient

from vidloom.api import create_app
from vidloom.service.db import Database
from vidloom.service.models import Video
from vidloom.service.settings import Settings
from vidloom.service.worker_process import WorkerProcess

from .helpers import queue_one

LONG = {"prompt": "a black bird flies right over snow", "model": "vidloom-mini", "seconds": "4"}


def _until(client: TestClient, auth: dict, video_id: str, done, seconds: float = 180) -> dict:
    deadline = time.time() + seconds
    while not done(video := client.get(f"/v1/videos/{video_id}", headers=auth).json()):
        assert video["status"] != "failed" and time.time() < deadline, video
        time.sleep(0.1)
    return video


def _row(settings: Settings, video_id: str) -> Video:
    db = Database(settings.db_url)
    try:
        with db.sessions() as s:
            return s.get(Video, video_id)
    finally:
        db.engine.dispose()


def test_stop_hands_the_running_job_back_and_the_next_start_completes_it(tmp_path):
    slow = Settings(home=tmp_path, steps=40, cookie_secure=False)  # long enough to be caught running
    with TestClient(create_app(slow)) as client:
        worker = client.app.state.service.queue
        assert isinstance(worker, WorkerProcess) and worker.pid != os.getpid() and worker.process.is_alive()
        assert "vidloom-worker" not in [t.name for t in threading.enumerate()]  # no worker thread here
        auth, video_id = queue_one(client, "stop@example.com", "pro", LONG)
        _until(client, auth, video_id, lambda v: v["status"] == "in_progress" and v["progress"] >= 5)
    assert worker.process.exitcode == 0  # stopped, not killed
    row = _row(slow, video_id)
    assert (row.status, row.progress, row.attempt) == ("queued", 0, 1)
    assert list(slow.work_dir.glob("*")) == []

    with TestClient(create_app(Settings(home=tmp_path, steps=2, cookie_secure=False))) as client:
        video = _until(client, auth, video_id, lambda v: v["status"] == "completed")
        assert client.get("/v1/usage", headers=auth).json()["used_this_month"] == 1
        assert client.get(f"/v1/videos/{video_id}/content", headers=auth).content[4:8] == b"ftyp"
    assert video["progress"] == 100 and _row(slow, video_id).attempt == 2


def test_a_worker_process_that_dies_is_replaced_and_its_job_completes(tmp_path):
    settings = Settings(home=tmp_path, steps=12, lease_seconds=2, cookie_secure=False)
    with TestClient(create_app(settings)) as client:
        worker = client.app.state.service.queue
        auth, video_id = queue_one(client, "crash@example.com", "pro", LONG)
        _until(client, auth, video_id, lambda v: v["status"] == "in_progress" and v["progress"] >= 5)
        first = worker.pid
        os.kill(first, signal.SIGKILL)  # the job's process dies; the API's goes on
        video = _until(client, auth, video_id, lambda v: v["status"] == "completed")
        assert worker.pid != first and worker.process.is_alive()
        assert client.get("/v1/usage", headers=auth).json()["used_this_month"] == 1
    assert video["progress"] == 100 and _row(settings, video_id).attempt == 2
    assert list(settings.work_dir.glob("*")) == []  # the killed attempt's scratch went when the job ran again


BUSY = "while True: pass"


def test_the_worker_loads_while_other_work_keeps_every_core_busy_then_runs_in_the_idle_class(tmp_path):
    """The API's start waits for the worker's engine. The child once loaded it after moving to the idle
    class, which a busy machine (a training run, a test suite) never lets run: `vidloom serve` did not come
    up. It loads in the normal class; then every thread but its command listener and its database
    thread, the engine's compute threads included, is in the idle class."""
    import subprocess
    import sys

    busy = [subprocess.Popen([sys.executable, "-c", BUSY]) for _ in range(os.cpu_count() or 1)]
    worker = WorkerProcess(Settings(home=tmp_path, cookie_secure=False))
    starting = threading.Thread(target=worker.start, daemon=True)
    try:
        starting.start()
        starting.join(120)
        assert not starting.is_alive() and worker.ready, "the worker did not load in 120 s beside busy cores"
        tasks = {int(t): os.sched_getscheduler(int(t)) for t in os.listdir(f"/proc/{worker.pid}/task")}
        normal = [t for t, policy in tasks.items() if policy != os.SCHED_IDLE]
        assert len(tasks) >= 4 and len(normal) == 2, tasks  # the listener and the database thread
    finally:
        for p in busy:
            p.kill()
            p.wait()
        if worker.process is not None:
            worker.stop() if not starting.is_alive() else worker.process.kill()
