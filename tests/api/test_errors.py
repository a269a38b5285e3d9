"""Errors a client can meet that are not its fault: a full disk is a clear 507, with nothing left behind."""
from __future__ import annotations

import io

import numpy as np
from fastapi.testclient import TestClient
from PIL import Image

from tests.service.helpers import tiny_disk
from vidloom.api import create_app
from vidloom.service import accounts
from vidloom.service.settings import Settings


def test_an_upload_onto_a_full_disk_is_a_507_and_leaves_nothing(tmp_path):
    with tiny_disk(tmp_path / "media", "1m") as media:
        settings = Settings(home=tmp_path / "home", storage_url=f"file://{media}", steps=2, embedded_worker=False)
        with TestClient(create_app(settings)) as client:
            with client.app.state.service.db.session() as s:
                auth = {"Authorization": f"Bearer {accounts.create_key(s, accounts.create_user(s, 'f@example.com'))}"}
            buf = io.BytesIO()  # noise compresses badly: about 1.9 MB, more than the disk holds
            Image.fromarray(np.random.default_rng(0).integers(0, 256, (800, 800, 3), np.uint8)).save(buf, "PNG")
            r = client.post("/v1/videos", headers=auth, data={"prompt": "a red ball", "model": "vidloom-mini", "seconds": "1"},
                            files={"input_reference": ("a.png", buf.getvalue(), "image/png")})
            assert r.status_code == 507, r.text
            assert r.json()["error"]["code"] == "insufficient_storage"
            assert [p for p in media.rglob("*") if p.is_file()] == []  # no half-written file
            assert list(settings.work_dir.glob("*")) == []  # nor scratch
            assert client.get("/v1/videos", headers=auth).json()["data"] == []  # no job, nothing charged
            assert client.get("/v1/usage", headers=auth).json()["used_this_month"] == 0
