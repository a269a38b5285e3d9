"""The worker checks an engine's output for nudity where the engine could draw a person; the built-in
world (shapes only, its inputs moderated at submit) is not misread by NudeNet, which refused 1 in 60 of
its ordinary clips."""
from __future__ import annotations

import dataclasses

import pytest
from fastapi.testclient import TestClient

from vidloom.api import create_app
from vidloom.engines.base import Capabilities
from vidloom.engines.catalog import BUILTIN
from vidloom.safety import nudity
from vidloom.service.settings import Settings
from vidloom.service.worker import Worker

from ..operations.recording import RecordingEngine
from .helpers import queue_one


class DrawsPeople(RecordingEngine):
    capabilities = dataclasses.replace(BUILTIN, depicts_people=True)


@pytest.mark.parametrize("engine,checked", [(DrawsPeople(), True), (RecordingEngine(), False)])
def test_output_frames_are_checked_where_the_engine_could_draw_a_person(tmp_path, monkeypatch, engine, checked):
    seen = []
    real = nudity.detections
    monkeypatch.setattr(nudity, "detections", lambda image: seen.append(image.shape) or real(image))
    settings = Settings(home=tmp_path, embedded_worker=False)  # this test drives the worker itself
    with TestClient(create_app(settings)) as client:
        svc = client.app.state.service
        auth, video_id = queue_one(client, "m@example.com", "pro")
        assert Worker(settings, svc.db, svc.storage, engine).run_next()
        assert client.get(f"/v1/videos/{video_id}", headers=auth).json()["status"] == "completed"
    assert (len(seen) >= 3) if checked else not seen  # every 4th of 8 frames, and the last
    assert all(shape in {(h, w, 3) for w, h in BUILTIN.sizes.values()} for shape in seen)  # the engine's frames


def test_only_the_builtin_world_is_trusted_not_to_draw_people():
    assert BUILTIN.depicts_people is False
    opened = Capabilities(text_to_video=True, conditioning_frames=False, sizes={"16:9": (832, 480)}, max_seconds=5,
                          native_fps=16)  # as the diffusers engines build theirs
    assert opened.depicts_people
