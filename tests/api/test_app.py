"""The app as a whole: every request body is bounded, /healthz really asks the database."""
from __future__ import annotations

import socket
import time

import pytest
from fastapi.testclient import TestClient

from tests.service.helpers import Server
from vidloom.api import create_app
from vidloom.service.settings import Settings


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = Server(tmp_path_factory.mktemp("limits-home"))
    yield srv
    srv.stop()


def _post_huge(port: int, path: str, content_type: str, announced: int) -> bytes:
    """Announce a POST of `announced` bytes, send none of them, and read the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: {content_type}\r\n"
                     f"Content-Length: {announced}\r\n\r\n".encode())
        return _response(sock)


def _response(sock: socket.socket) -> bytes:
    """The response's head and its Content-Length of body."""
    sock.settimeout(10)
    data = b""
    while b"\r\n\r\n" not in data or len(data.partition(b"\r\n\r\n")[2]) < _length(data):
        block = sock.recv(65536)
        if not block:
            break
        data += block
    return data


def _length(data: bytes) -> int:
    head = data.partition(b"\r\n\r\n")[0].decode("latin-1").lower()
    return next((int(line.split(":", 1)[1]) for line in head.split("\r\n") if line.startswith("content-length:")), 0)


@pytest.mark.parametrize("path", ["/v1/auth/signup", "/v1/auth/login", "/v1/videos", "/v1/studio/generate"])
def test_a_100_mb_json_body_is_refused_from_its_length_without_being_read(server, path):
    started = time.monotonic()
    response = _post_huge(server.port, path, "application/json", 100 * 1024 * 1024)  # answered before any is sent
    head, _, body = response.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413"), response[:300]
    assert b'"code":"request_too_large"' in body
    assert time.monotonic() - started < 5


def test_a_streamed_body_without_a_length_stops_at_the_limit(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(b"POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Transfer-Encoding: chunked\r\n\r\n")
        for _ in range(17):  # 1 MB and 64 KB, one chunk past the 1 MB limit; a reader of everything would wait on
            sock.sendall(b"%x\r\n%s\r\n" % (65536, b" " * 65536))
        response = _response(sock)  # ... for the rest, but the server answers now
    assert response.startswith(b"HTTP/1.1 413"), response[:300]
    assert b'"code":"request_too_large"' in response and b"connection: close" in response.lower()


def test_deeply_nested_json_is_a_400_not_a_500(tmp_path):
    settings = Settings(home=tmp_path, steps=2, cookie_secure=False, embedded_worker=False)
    with TestClient(create_app(settings)) as client:
        from vidloom.service import accounts

        with client.app.state.service.db.session() as s:
            key = accounts.create_key(s, accounts.create_user(s, "deep@example.com"))
        auth = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
        deep = b'{"prompt": "a red ball", "params": {"x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}"
        for path in ("/v1/videos", "/v1/studio/generate", "/v1/auth/login"):
            r = client.post(path, content=deep.replace(b'"params"', b'"seed"') if path == "/v1/videos" else deep,
                            headers=auth)
            assert r.status_code == 400, (path, r.status_code, r.text[:200])
            assert r.json()["error"]["type"] == "invalid_request_error"


def test_healthz_is_503_when_the_database_is_corrupt(tmp_path):
    settings = Settings(home=tmp_path, steps=2, cookie_secure=False, embedded_worker=False)
    with TestClient(create_app(settings)) as client:
        assert client.get("/healthz").status_code == 200
        client.app.state.service.db.engine.dispose()
        with open(tmp_path / "vidloom.db", "r+b") as f:  # garbage over the header and the first pages
            f.write(b"\x13" * 8192)
        r = client.get("/healthz")
        assert r.status_code == 503 and r.json()["error"]["code"] == "database_unavailable"


def test_healthz_is_503_when_the_database_is_unreachable(tmp_path):
    settings = Settings(home=tmp_path, steps=2, cookie_secure=False, embedded_worker=False)
    with TestClient(create_app(settings)) as client:
        client.app.state.service.db.engine.dispose()
        (tmp_path / "vidloom.db").unlink()
        (tmp_path / "vidloom.db-wal").unlink(missing_ok=True)
        (tmp_path / "vidloom.db").mkdir()  # not a file any more: nothing can open it
        r = client.get("/healthz")
        assert r.status_code == 503


FREEZE_CHECK = """
import gc, sys
from fastapi.testclient import TestClient
from vidloom.api import create_app
from vidloom.service.settings import Settings

settings = Settings(home=sys.argv[1], embedded_worker=False, cookie_secure=False)
with TestClient(create_app(settings, process_wide=sys.argv[2] == "1")) as client:
    assert client.get("/healthz").status_code == 200
    print(gc.get_freeze_count())
"""


def test_a_served_app_freezes_what_its_start_up_loaded_out_of_full_collections(tmp_path):
    """`vidloom serve`'s app lives as long as its process: after start-up its objects (the moderation
    tables, WordNet, the routes) are frozen, so a full collection does not walk them while requests
    wait (107-139 ms a pass before, 5 ms after). An app made in passing (tests) freezes nothing: it would
    never be freed."""
    import subprocess
    import sys

    counts = [int(subprocess.run([sys.executable, "-c", FREEZE_CHECK, str(tmp_path / flag), flag], check=True,
                                 capture_output=True, text=True, timeout=120).stdout.split()[-1])
              for flag in ("1", "0")]
    assert counts[0] > 50_000 and counts[1] == 0, counts
