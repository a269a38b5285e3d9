"""An in-process service (FastAPI TestClient, embedded worker, SQLite and a media folder in tmp)."""
from __future__ import annotations

import threading
import time

import pytest
import uvicorn
from fastapi.testclient import TestClient

from vidloom.api import create_app
from vidloom.service import accounts
from vidloom.service.settings import Settings


class Harness:
    def __init__(self, client: TestClient, settings: Settings):
        self.client, self.settings = client, settings

    @property
    def service(self):
        return self.client.app.state.service

    def user(self, email: str, plan: str = "plus") -> dict[str, str]:
        """Authorization headers of a new user's API key."""
        with self.service.db.session() as s:
            key = accounts.create_key(s, accounts.create_user(s, email, plan))
        return {"Authorization": f"Bearer {key}"}


@pytest.fixture(scope="module")
def harness(tmp_path_factory):
    home = tmp_path_factory.mktemp("vidloom-home")
    settings = Settings(home=home, steps=2, cookie_secure=False)
    with TestClient(create_app(settings)) as client:
        yield Harness(client, settings)


@pytest.fixture()
def live_url(harness):
    """The harness's app also served by uvicorn on a thread, for requests that really run at once."""
    from ..service.helpers import free_port

    server = uvicorn.Server(uvicorn.Config(harness.client.app, port=free_port(), lifespan="off", log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{server.config.port}"
    server.should_exit = True
    thread.join(10)
