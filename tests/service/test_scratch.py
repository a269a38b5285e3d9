"""Scratch files a killed process left behind are removed when the service starts; live ones are kept."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from vidloom.service import accounts, jobs, scratch
from vidloom.service.context import Service
from vidloom.service.settings import Settings

KILLED_WHILE_CHECKING = """
import os, signal, sys
from pathlib import Path
from vidloom.service import scratch
path = scratch.new_path(Path(sys.argv[1]), "upload")
path.write_bytes(b"half an upload")  # an API process killed (out of memory, SIGKILL) while checking it
print(path, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_the_service_removes_a_dead_process_s_scratch_at_start(tmp_path):
    settings = Settings(home=tmp_path, embedded_worker=False)
    svc = Service.start(settings)
    with svc.db.session() as s:
        user = accounts.create_user(s, "s@example.com")
        done, running = (jobs.submit(s, user, model="vidloom-mini", prompt="a red ball", seconds="1",
                                     size="1280x720", params={"aspect": "16:9"}).id for _ in range(2))
    with svc.db.sessions() as s:
        claimed = dict(jobs.claim(s, 60, video_id) for video_id in (done, running))
        jobs.fail(s, done, claimed[done], "internal_error", "the process was killed")
    svc.stop()
    work = settings.work_dir
    (work / f"{done}-1").mkdir(parents=True)  # a killed worker's folder for a job that has ended
    (work / f"{done}-1" / "raw.mp4").write_bytes(b"x" * 1000)
    (work / f"{running}-1").mkdir()  # the attempt another worker is running now
    proc = subprocess.run([sys.executable, "-c", KILLED_WHILE_CHECKING, str(work)], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}, timeout=60)
    assert proc.returncode == -signal.SIGKILL and os.path.exists(proc.stdout.strip())
    live = scratch.new_path(work, "upload")  # this process is alive and checking an upload now
    live.write_bytes(b"an upload in flight")
    old, new = work / "leftover.tmp", work / "fresh.tmp"  # unknown names: by age
    old.write_bytes(b"old")
    new.write_bytes(b"new")
    os.utime(old, (time.time() - 7200, time.time() - 7200))

    Service.start(settings).stop()
    assert sorted(p.name for p in work.iterdir()) == sorted([f"{running}-1", live.name, new.name])
