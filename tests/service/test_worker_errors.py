"""Refusals and bugs are different things: an engine's UserError fails the job at once as invalid_request;
a plain ValueError (a shape bug) is an internal error, retried, then failed as internal_error. Neither is charged."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from vidloom.api import create_app
from vidloom.errors import UserError
from vidloom.service.settings import Settings
from vidloom.service.worker import MAX_ATTEMPTS, Worker

from ..operations.recording import RecordingEngine
from .helpers import queue_one


class Refusing(RecordingEngine):
    def generate(self, request, progress=None):
        raise UserError("this engine cannot draw that")


class Buggy(RecordingEngine):
    def generate(self, request, progress=None):
        raise ValueError("operands could not be broadcast together")


@pytest.mark.parametrize("engine,runs,code,words", [
    (Refusing(), 1, "invalid_request", "cannot draw that"),
    (Buggy(), MAX_ATTEMPTS, "internal_error", "ValueError"),
])
def test_refusal_or_bug(tmp_path, engine, runs, code, words):
    settings = Settings(home=tmp_path, embedded_worker=False)  # this test drives the worker itself
    with TestClient(create_app(settings)) as client:
        svc = client.app.state.service
        auth, video_id = queue_one(client, "e@example.com", "pro")
        worker = Worker(settings, svc.db, svc.storage, engine)
        for _ in range(runs):
            assert worker.run_next()
        assert not worker.run_next()
        video = client.get(f"/v1/videos/{video_id}", headers=auth).json()
        assert video["status"] == "failed" and video["error"]["code"] == code and words in video["error"]["message"]
        assert client.get("/v1/usage", headers=auth).json()["used_this_month"] == 0
