"""Event streams under a flood: a per-user cap (429), no database connection held while open, heartbeats."""
from __future__ import annotations

import threading
import time

import httpx
import pytest
import uvicorn

from tests.service.helpers import free_port
from vidloom.api import create_app
from vidloom.service import accounts
from vidloom.service.settings import Settings


@pytest.fixture()
def live(tmp_path):
    """The app under uvicorn on a thread (so the test can look at its connection pool), jobs left queued."""
    settings = Settings(home=tmp_path, steps=2, embedded_worker=False, event_streams_per_user=3,
                        event_heartbeat_seconds=0.5)
    app = create_app(settings)
    server = uvicorn.Server(uvicorn.Config(app, port=free_port(), log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield app, f"http://127.0.0.1:{server.config.port}"
    server.should_exit = True
    thread.join(10)


def _user(app, email: str) -> dict[str, str]:
    with app.state.service.db.session() as s:
        return {"Authorization": f"Bearer {accounts.create_key(s, accounts.create_user(s, email))}"}


def test_streams_are_capped_per_user_hold_no_connection_and_send_heartbeats(live):
    app, url = live
    alice, bob = _user(app, "alice@example.com"), _user(app, "bob@example.com")
    with httpx.Client(base_url=url, timeout=10) as client:
        video = client.post("/v1/videos", headers=alice, json={"prompt": "a red ball", "model": "vidloom-mini", "seconds": "1"}).json()
        path = f"/v1/videos/{video['id']}/events"
        opened = [client.stream("GET", path, headers=alice) for _ in range(3)]
        responses = [s.__enter__() for s in opened]
        try:
            assert all(r.status_code == 200 for r in responses)
            lines = responses[0].iter_lines()
            assert next(lines) == "event: progress"  # the job as it is now ...
            assert '"status":"queued"' in next(lines)
            seen = [next(lines) for _ in range(3)]  # ... then, while nothing changes, heartbeats
            assert ": heartbeat" in seen
            time.sleep(0.6)  # several polls of every stream
            assert app.state.service.db.engine.pool.checkedout() == 0  # no connection held between polls
            extra = client.get(path, headers=alice)
            assert extra.status_code == 429 and extra.json()["error"]["code"] == "too_many_streams"
            assert extra.headers["retry-after"]
            # other users are not affected by alice's streams
            assert client.get("/v1/videos", headers=bob).status_code == 200
        finally:
            for s in opened:
                s.__exit__(None, None, None)
        deadline = time.time() + 5  # closing a stream frees its slot
        while time.time() < deadline:
            with client.stream("GET", path, headers=alice) as again:
                if again.status_code == 200:
                    break
            time.sleep(0.2)
        assert again.status_code == 200


def test_the_cap_holds_across_api_processes_and_a_dead_process_s_streams_expire(tmp_path):
    """Two `vidloom serve` processes on one database: a user's streams count together, a closed stream frees
    its slot for the other process, and the slots of a killed process are free once their lease expires."""
    from tests.service.helpers import Server, new_key

    extra = dict(VIDLOOM_EMBEDDED_WORKER="false", VIDLOOM_EVENT_STREAMS_PER_USER="3",
                 VIDLOOM_EVENT_STREAM_LEASE_SECONDS="3", VIDLOOM_EVENT_HEARTBEAT_SECONDS="1")
    first = Server(tmp_path, **extra)
    second = Server(tmp_path, **extra)
    try:
        alice = {"Authorization": f"Bearer {new_key(first.env, 'alice@example.com')}"}
        with httpx.Client(timeout=10) as client:
            video = client.post(first.url + "/v1/videos", headers=alice,
                                json={"prompt": "a red ball", "model": "vidloom-mini", "seconds": "1"}).json()
            path = f"/v1/videos/{video['id']}/events"

            def open_on(server):
                stream = client.stream("GET", server.url + path, headers=alice)
                return stream, stream.__enter__()

            held = [open_on(first), open_on(first), open_on(second)]
            assert [r.status_code for _, r in held] == [200, 200, 200]
            for server in (second, first):  # the fourth is refused by either process
                refused = client.get(server.url + path, headers=alice)
                assert refused.status_code == 429 and refused.json()["error"]["code"] == "too_many_streams"
            stream, _ = held.pop(0)
            stream.__exit__(None, None, None)  # closed on the first process ...
            deadline = time.time() + 5
            while time.time() < deadline:  # ... its slot is free for the second
                stream, response = open_on(second)
                if response.status_code == 200:
                    break
                stream.__exit__(None, None, None)
                time.sleep(0.2)
            assert response.status_code == 200
            held.append((stream, response))
            first.proc.kill()  # dies holding one stream: no release, its lease lapses
            first.proc.wait()
            assert client.get(second.url + path, headers=alice).status_code == 429  # still leased
            deadline = time.time() + 10
            while time.time() < deadline:
                stream, response = open_on(second)
                if response.status_code == 200:
                    break
                stream.__exit__(None, None, None)
                time.sleep(0.5)
            assert response.status_code == 200, "a dead process's slot was never freed"
            held.append((stream, response))
            assert client.get(second.url + path, headers=alice).status_code == 429  # and the cap still holds
            for stream, _ in held[1:]:
                stream.__exit__(None, None, None)
    finally:
        first.stop()
        second.stop()
