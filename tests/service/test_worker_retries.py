"""A job whose run fails unexpectedly is retried, then failed with a clear error, never charged."""
from __future__ import annotations

import io

import numpy as np
from fastapi.testclient import TestClient
from PIL import Image

from vidloom.api import create_app
from vidloom.service import accounts
from vidloom.service.settings import Settings
from vidloom.service.worker import MAX_ATTEMPTS, Worker


def test_lost_input_file_is_retried_then_failed_and_not_charged(tmp_path):
    settings = Settings(home=tmp_path, steps=2, embedded_worker=False)  # this test drives the worker itself
    with TestClient(create_app(settings)) as client:
        svc = client.app.state.service
        with svc.db.session() as s:
            auth = {"Authorization": f"Bearer {accounts.create_key(s, accounts.create_user(s, 'r@example.com', 'pro'))}"}
        buf = io.BytesIO()
        Image.fromarray(np.full((64, 64, 3), 200, np.uint8)).save(buf, "PNG")
        r = client.post("/v1/videos", headers=auth, data={"prompt": "a red ball", "model": "vidloom-mini", "seconds": "1"},
                        files={"input_reference": ("a.png", buf.getvalue(), "image/png")})
        assert r.status_code == 200, r.text
        (key,) = svc.storage.keys()
        svc.storage.delete(key)  # the input vanished from storage before the job ran
        worker = Worker(settings, svc.db, svc.storage)
        for attempt in range(1, MAX_ATTEMPTS + 1):
            assert worker.run_next()
            video = client.get(f"/v1/videos/{r.json()['id']}", headers=auth).json()
            assert video["status"] == ("failed" if attempt == MAX_ATTEMPTS else "queued"), (attempt, video)
        assert not worker.run_next()
        assert video["error"]["code"] == "internal_error" and "FileNotFoundError" in video["error"]["message"]
        assert client.get("/v1/usage", headers=auth).json()["used_this_month"] == 0
        assert list(settings.work_dir.glob("*")) == []


def test_a_job_whose_files_do_not_fit_on_the_disk_fails_at_once_uncharged(tmp_path):
    from tests.service.helpers import tiny_disk

    with tiny_disk(tmp_path / "media", "256k") as media:
        (media / "ballast").write_bytes(b"\0" * (250 * 1024))  # the disk is all but full
        settings = Settings(home=tmp_path / "home", storage_url=f"file://{media}", steps=2, embedded_worker=False)
        with TestClient(create_app(settings)) as client:
            svc = client.app.state.service
            with svc.db.session() as s:
                auth = {"Authorization": f"Bearer {accounts.create_key(s, accounts.create_user(s, 'd@example.com'))}"}
            r = client.post("/v1/videos", headers=auth, json={"prompt": "a red ball", "model": "vidloom-mini", "seconds": "1"})
            assert r.status_code == 200, r.text
            assert Worker(settings, svc.db, svc.storage).run_next()
            video = client.get(f"/v1/videos/{r.json()['id']}", headers=auth).json()
            assert video["status"] == "failed" and video["error"]["code"] == "storage_full", video
            assert client.get("/v1/usage", headers=auth).json()["used_this_month"] == 0
            assert sorted(p.name for p in media.rglob("*") if p.is_file()) == ["ballast"]
            assert list(settings.work_dir.glob("*")) == []
