"""Request dependencies under load: a signed-in request holds no pooled database connection while it waits
(for its body, for a thread), and the service loads what its first requests need before it serves."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
import time

import httpx
import uvicorn
from sqlalchemy import event

from tests.service.helpers import REPO, free_port, service_env
from vidloom.api import create_app
from vidloom.service import accounts
from vidloom.service.settings import Settings


def test_a_request_reading_its_body_after_auth_holds_no_connection(tmp_path):
    app = create_app(Settings(home=tmp_path, embedded_worker=False))
    server = uvicorn.Server(uvicorn.Config(app, port=free_port(), log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        with app.state.service.db.session() as s:
            key = accounts.create_key(s, accounts.create_user(s, "slow@example.com"))
        pool = app.state.service.db.engine.pool
        # connections out for requests: the service's own threads (webhook delivery, retention, every half
        # second) check one out for a moment, and are not what is measured
        held = [0]
        returned = threading.Event()  # a request's connection went back to the pool: the key's check is over

        def ours() -> bool:
            return not threading.current_thread().name.startswith("vidloom-")

        def out(*_):
            held[0] += ours()

        def back(*_):
            if ours():
                held[0] -= 1
                returned.set()

        event.listen(pool, "checkout", out)
        event.listen(pool, "checkin", back)
        seen: list[int] = []
        body = json.dumps({"prompt": "a red ball", "model": "vidloom-mini", "seconds": "1"}).encode()

        def slowly():  # a client on a slow link: the request is authenticated before its body arrives
            yield body[:5]
            # waiting for the check-in, not for a fixed time, keeps a busy machine from sampling the check itself;
            # a connection held until the body arrives never comes back, and the samples then read 1
            returned.wait(10)
            for _ in range(5):
                time.sleep(0.1)
                seen.append(held[0])
            yield body[5:]

        response = httpx.post(f"http://127.0.0.1:{server.config.port}/v1/videos", content=slowly(), timeout=20,
                              headers={"Authorization": f"Bearer {key}", "content-type": "application/json",
                                       "content-length": str(len(body))})
        assert response.status_code == 200, response.text
        assert seen == [0] * 5  # the key was checked, and its connection went back to the pool
    finally:
        server.should_exit = True
        thread.join(10)


WARM = """
import json
from vidloom.api import create_app
from fastapi.testclient import TestClient
from vidloom.engines import get_engine
from vidloom.safety.moderators import default_chain
app = create_app()
with TestClient(app):  # started, not yet asked anything
    print(json.dumps({"engine": get_engine.cache_info().currsize, "moderation": default_chain.cache_info().currsize,
                      "worker_ready": getattr(app.state.service.queue, "ready", None)}))
"""


def warmed(tmp_path, **env: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", WARM], env=service_env(tmp_path, **env), cwd=REPO,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_the_engine_and_the_moderation_chain_load_before_the_first_request(tmp_path):
    """Loading either in a request stalled every request of the embedded service for seconds. The worker's
    child process loads the engine (the API's process never does) and is ready before the API serves."""
    assert warmed(tmp_path / "process") == {"engine": 0, "moderation": 1, "worker_ready": True}
    assert warmed(tmp_path / "thread", VIDLOOM_WORKER_PROCESS="false") == {
        "engine": 1, "moderation": 1, "worker_ready": None}
