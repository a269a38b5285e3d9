"""Retention: expires_at from the setting, and the cleaner really removes expired media from storage."""
from __future__ import annotations

import time

from fastapi.testclient import TestClient

from vidloom.api import create_app
from vidloom.service import accounts, retention
from vidloom.service.settings import Settings

from ..service.helpers import wait_final
from ..geometry import native_size


def test_expired_media_is_removed(tmp_path):
    settings = Settings(home=tmp_path, steps=2, cookie_secure=False, retention_hours=2)
    with TestClient(create_app(settings)) as client:
        svc = client.app.state.service
        with svc.db.session() as s:
            auth = {"Authorization": f"Bearer {accounts.create_key(s, accounts.create_user(s, 'ret@example.com', 'pro'))}"}
        made = [client.post("/v1/videos", headers=auth, json={"prompt": p, "model": "vidloom-mini", "seconds": "1",
                                                                "size": native_size()}).json()
                for p in ("a red ball moves left", "a blue box moves right")]
        done = [wait_final(client, v["id"], auth) for v in made]
        assert all(v["status"] == "completed" for v in done)
        for v in done:
            assert abs(v["expires_at"] - v["completed_at"] - 2 * 3600) <= 1
        keys = set(svc.storage.keys())
        assert len(keys) == 6
        files = [svc.storage.path(k) for k in keys]
        assert all(f.is_file() for f in files)
        # 1. before expiry nothing goes
        with svc.db.session() as s:
            assert retention.remove_expired(s, svc.storage, now=time.time() + 3600) == []
        assert set(svc.storage.keys()) == keys
        # 2. past expiry every file of both goes
        with svc.db.session() as s:
            removed = retention.remove_expired(s, svc.storage, now=time.time() + 2 * 3600 + 5)
        assert sorted(removed) == sorted(v["id"] for v in done)
        first = done[0]
        assert svc.storage.keys() == [] and not any(f.exists() for f in files)
        # 3. the Video still answers; its content says it expired
        assert client.get(f"/v1/videos/{first['id']}", headers=auth).json()["status"] == "completed"
        details = client.get(f"/v1/videos/{first['id']}/details", headers=auth).json()
        assert details["provenance"] is None and details["native_size"] == native_size()
        for variant in ("video", "thumbnail", "spritesheet"):
            r = client.get(f"/v1/videos/{first['id']}/content?variant={variant}", headers=auth)
            assert r.status_code == 404 and r.json()["error"]["code"] == "video_expired"


def test_no_retention_setting_keeps_media(harness):
    auth = harness.user("keep@example.com", "pro")
    v = harness.client.post("/v1/videos", headers=auth, json={"prompt": "a green star spins", "model": "vidloom-mini",
                                                               "seconds": "1", "size": native_size("1:1")}).json()
    assert wait_final(harness.client, v["id"], auth)["expires_at"] is None
    with harness.service.db.session() as s:
        assert retention.remove_expired(s, harness.service.storage, now=time.time() + 10**9) == []
    assert len(harness.service.storage.keys()) == 3
