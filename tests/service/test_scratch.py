"""Scratch files a killed process left behind are removed when the service starts; live ones are kept."""
from __future__ import annotations

import os
import time

from vidloom.service import accounts, jobs
from vidloom.service.context import Service
from vidloom.service.settings import Settings


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
    old_upload, new_upload = work / "upload-0123456789abcdef", work / "upload-fedcba9876543210"
    old_upload.write_bytes(b"half an upload")  # left by an API process killed while checking it
    new_upload.write_bytes(b"an upload another API process is checking now")
    os.utime(old_upload, (time.time() - 7200, time.time() - 7200))

    Service.start(settings).stop()
    assert sorted(p.name for p in work.iterdir()) == sorted([f"{running}-1", new_upload.name])
