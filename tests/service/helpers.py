"""Shared test helpers: a running service in-process or as a `vidloom serve` subprocess."""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def service_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VIDLOOM_")}
    path = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))  # the caller's after ours
    env.update({"PYTHONPATH": path, "VIDLOOM_HOME": str(home), "VIDLOOM_STEPS": "2", "OMP_NUM_THREADS": "1",
                "VIDLOOM_COOKIE_SECURE": "false", **extra})
    return env


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "vidloom", *args], env=env, capture_output=True, text=True, timeout=120)


def new_key(env: dict[str, str], email: str, plan: str = "plus") -> str:
    proc = cli(env, "keys", "create", "--user", email, "--plan", plan)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.split()[-1]


class Server:
    """`vidloom serve` in a subprocess on a free port; stopped (by its pid) when the test ends."""

    def __init__(self, home: Path, port: int | None = None, serve_args: tuple[str, ...] = (), **extra: str):
        self.env = service_env(home, **extra)
        self.port = port or free_port()  # a restarted server takes its old port
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = Path(home) / "serve.log"
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log, "w") as log:  # a file, not a pipe: a full pipe would stall the server
            self.proc = subprocess.Popen([sys.executable, "-m", "vidloom", "serve", "--port", str(self.port), *serve_args],
                                         env=self.env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if self.proc.poll() is not None:
                raise RuntimeError(f"vidloom serve exited: {self.log.read_text()[-3000:]}")
            time.sleep(0.2)
        self.stop()
        raise RuntimeError("vidloom serve did not start in 60 s")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


ONE_SECOND = {"prompt": "a red ball", "model": "vidloom-mini", "seconds": "1"}


def queue_one(client, email: str, plan: str = "plus", body: dict = ONE_SECOND) -> tuple[dict[str, str], str]:
    """A new user's Authorization headers and the id of the video (`body`) they queued through `client`."""
    from vidloom.service import accounts

    with client.app.state.service.db.session() as s:
        auth = {"Authorization": f"Bearer {accounts.create_key(s, accounts.create_user(s, email, plan))}"}
    r = client.post("/v1/videos", headers=auth, json=body)
    assert r.status_code == 200, r.text
    return auth, r.json()["id"]


def wait_final(client, video_id: str, headers: dict | None = None, timeout: float = 120) -> dict:
    """Poll GET /v1/videos/{id} until the job ends; returns the Video object."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        video = client.get(f"/v1/videos/{video_id}", headers=headers).json()
        if video["status"] in ("completed", "failed"):
            return video
        time.sleep(0.2)
    raise AssertionError(f"video {video_id} did not finish in {timeout} s")


@contextlib.contextmanager
def tiny_disk(path: Path, size: str = "1m"):
    """A real, small file system (tmpfs) at `path`, to fill up; the test is skipped where mounting is not allowed."""
    import pytest

    path.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {mounted.stderr.decode().strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)
