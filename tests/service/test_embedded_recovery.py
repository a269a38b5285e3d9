"""The embedded default after a crash: `vidloom serve` SIGKILLed mid-job; on restart the job is run
again and completes once, charged once, with no files left behind by the killed attempt."""
from __future__ import annotations

import signal
import sqlite3
import time

import httpx

from .helpers import Server, new_key


def test_job_of_a_killed_server_completes_after_restart(tmp_path):
    home = tmp_path / "home"
    settings = {"VIDLOOM_STEPS": "12", "VIDLOOM_LEASE_SECONDS": "2"}
    server = Server(home, **settings)
    key = new_key(server.env, "crash@example.com", "plus")
    auth = {"Authorization": f"Bearer {key}"}
    try:
        video = httpx.post(f"{server.url}/v1/videos", json={"prompt": "a black bird flies right over snow", "seconds": "8"},
                           headers=auth).json()
        deadline = time.time() + 120
        while httpx.get(f"{server.url}/v1/videos/{video['id']}", headers=auth).json()["progress"] < 10:
            assert time.time() < deadline, "the job never started"
            time.sleep(0.2)
        server.proc.send_signal(signal.SIGKILL)
        server.proc.wait()
    finally:
        server.stop()
    assert list((home / "work").glob("*")), "the killed attempt had scratch files"
    again = Server(home, **settings)
    try:
        deadline = time.time() + 180
        while (v := httpx.get(f"{again.url}/v1/videos/{video['id']}", headers=auth).json())["status"] != "completed":
            assert v["status"] != "failed" and time.time() < deadline, v
            time.sleep(0.3)
        assert httpx.get(f"{again.url}/v1/usage", headers=auth).json()["used_this_month"] == 1
        assert list((home / "work").glob("*")) == []
    finally:
        again.stop()
    with sqlite3.connect(home / "vidloom.db") as db:
        (attempt, *keys), = db.execute("select attempt, video_key, thumbnail_key, spritesheet_key from videos")
    assert attempt == 2
    assert sorted(p.name for p in (home / "media").glob("*/*")) == sorted(keys)
