"""`vidloom serve --processes N`: N API processes and one job worker, woken over a Unix datagram socket."""
from __future__ import annotations

import os
import subprocess
import threading
import time

import httpx
import pytest

from vidloom.service.wake import WakeListener, WakeSocket

from .helpers import ONE_SECOND, Server, new_key


def test_a_wake_up_reaches_the_listener_and_a_gone_listener_is_no_error():
    woken = threading.Event()
    with WakeListener(woken.set) as listener:
        sender = WakeSocket(listener.path)
        sender.notify("video_1")
        assert woken.wait(5)
    assert not os.path.exists(listener.path)
    sender.notify("video_2")  # nobody listens: dropped, as a request must never wait on the worker
    sender.stop()


def _children(pid: int) -> dict[int, str]:
    """{pid: scheduling class} of the processes `pid` started (multiprocessing's resource tracker left out)."""
    out = subprocess.run(["ps", "-ww", "--ppid", str(pid), "-o", "pid=,cls=,args="], capture_output=True, text=True).stdout
    return {int(line.split()[0]): line.split()[1] for line in out.splitlines() if "resource_tracker" not in line}


def _loaded(pid: int, seconds: float = 120) -> dict[int, str]:
    """_children once the worker has loaded its engine (which it does while the API processes start, in the
    normal class) and moved to the idle class."""
    deadline = time.time() + seconds
    while "IDL" not in (children := _children(pid)).values():
        assert time.time() < deadline, children
        time.sleep(0.2)
    return children


def test_serve_with_two_api_processes_runs_each_job_once_and_stops_every_process(tmp_path):
    server = Server(tmp_path, serve_args=("--processes", "2"))
    try:
        # two API processes; one worker, whose CPU time is what the API processes leave (Linux's idle class)
        children = _loaded(server.proc.pid)
        assert sorted(children.values()) == ["IDL", "TS", "TS"], children
        worker = next(pid for pid, cls in children.items() if cls == "IDL")
        threads = subprocess.run(["ps", "-L", "-o", "cls=", "-p", str(worker)], capture_output=True, text=True).stdout
        assert "TS" in threads.split(), threads  # its command thread keeps a normal share: stops are prompt
        auth = {"Authorization": f"Bearer {new_key(server.env, 'two@example.com', 'pro')}"}
        ids = [httpx.post(f"{server.url}/v1/videos", headers=auth, json=ONE_SECOND, timeout=30).json()["id"]
               for _ in range(3)]
        deadline = time.time() + 120
        while (videos := [httpx.get(f"{server.url}/v1/videos/{i}", headers=auth, timeout=30).json() for i in ids]) \
                and any(v["status"] in ("queued", "in_progress") for v in videos):
            assert time.time() < deadline, videos
            time.sleep(0.2)
        assert [v["status"] for v in videos] == ["completed"] * 3
        assert httpx.get(f"{server.url}/v1/usage", headers=auth).json()["used_this_month"] == 3
    finally:
        server.stop()
    assert server.proc.returncode == 0
    deadline = time.time() + 20
    while any(os.path.exists(f"/proc/{pid}") for pid in children) and time.time() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in children if os.path.exists(f"/proc/{pid}")]


def test_a_killed_serve_takes_its_api_processes_and_worker_with_it(tmp_path):
    server = Server(tmp_path, serve_args=("--processes", "2"))
    try:
        children = _children(server.proc.pid)
        assert len(children) == 3, children
        server.proc.kill()  # no clean exit: uvicorn's supervisor cannot stop its children itself
        server.proc.wait()
        deadline = time.time() + 20
        while any(os.path.exists(f"/proc/{pid}") for pid in children) and time.time() < deadline:
            time.sleep(0.2)
        assert not [pid for pid in children if os.path.exists(f"/proc/{pid}")]
        with pytest.raises(httpx.ConnectError):  # nothing left serving on its port
            httpx.get(f"{server.url}/healthz", timeout=5)
    finally:
        server.stop()


def test_serve_starts_one_api_process_per_core_by_default_at_most_four(tmp_path):
    expected = min(len(os.sched_getaffinity(0)), 4)
    server = Server(tmp_path)
    try:
        api = [cls for cls in _loaded(server.proc.pid).values() if cls != "IDL"]
        assert len(api) == (expected if expected > 1 else 0), api  # one process: the API runs in `serve` itself
    finally:
        server.stop()
