"""An open-weight model as the service's default engine: the API checks requests against that model
at submit (refusing what it cannot do, with nothing queued) and the worker runs that same model."""
from __future__ import annotations

import numpy as np
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import func, select

from vidloom.api import create_app
from vidloom.engines.catalog import capabilities
from vidloom.media import read_metadata, read_video
from vidloom.service import accounts
from vidloom.service.models import Video
from vidloom.service.settings import Settings

from tests.service.helpers import wait_final


def test_the_api_checks_and_runs_the_default_open_weight_model(tiny_model, tmp_path):
    name = tiny_model("cogvideox-t2v")  # text-to-video and video-to-video; no known frames
    settings = Settings(home=tmp_path / "home", engine=name, steps=2, cookie_secure=False)
    with TestClient(create_app(settings)) as client:
        with client.app.state.service.db.session() as s:
            auth = {"Authorization": f"Bearer {accounts.create_key(s, accounts.create_user(s, 'ow@example.com', 'pro'))}"}

        def queued() -> int:
            with client.app.state.service.db.session() as s:
                return s.scalar(select(func.count()).select_from(Video))

        # 1. a loop needs known frames: refused at submit, naming the capability
        r = client.post("/v1/studio/loop", json={"prompt": "a red ball", "seconds": 1}, headers=auth)
        assert r.status_code == 400 and r.json()["error"]["code"] == "unsupported_by_model", r.text
        assert "(conditioning_frames)" in r.json()["error"]["message"] and name in r.json()["error"]["message"]
        # 2. so is an image as the first frame (an image-to-video model's job)
        Image.fromarray(np.full((16, 16, 3), 90, np.uint8)).save(tmp_path / "still.png")
        with open(tmp_path / "still.png", "rb") as f:
            r = client.post("/v1/videos", data={"prompt": "a red ball", "seconds": "4"},  # sora-2: the default engine
                            files={"input_reference": ("still.png", f, "image/png")}, headers=auth)
        assert r.status_code == 400 and "(first_frame)" in r.json()["error"]["message"], r.text
        assert queued() == 0
        # 3. text-to-video runs, on that model, resized from its native size to the size asked
        r = client.post("/v1/videos", json={"prompt": "a red ball", "seconds": "4", "size": "1280x720"}, headers=auth)
        assert r.status_code == 200, r.text
        done = wait_final(client, r.json()["id"], auth, timeout=300)
        assert done["status"] == "completed", done["error"]
        (tmp_path / "out.mp4").write_bytes(client.get(f"/v1/videos/{done['id']}/content", headers=auth).content)
        frames, fps = read_video(tmp_path / "out.mp4")
        assert frames.shape == (32, 720, 1280, 3) and fps == 8
        details = client.get(f"/v1/videos/{done['id']}/details", headers=auth).json()
        width, height = capabilities(name).sizes["16:9"]
        assert details["native_size"] == f"{width}x{height}" and details["upscaled"] is True
        assert read_metadata(tmp_path / "out.mp4")["engine"] == name
