"""Waking the one job worker of `vidloom serve --processes N` from its API processes.

The worker's pipe belongs to the process that started it, so the API processes send a datagram to a Unix
socket that process listens on instead. A datagram is fire-and-forget: a lost wake-up costs at most the
worker's poll interval, and a request never waits on the worker.
"""
from __future__ import annotations

import contextlib
import os
import socket
import tempfile
import threading
from pathlib import Path
from typing import Callable


class WakeListener:
    """Calls `on_wake` for each datagram sent to `path` (a fresh socket in a private folder), on a thread."""

    def __init__(self, on_wake: Callable[[], None]):
        self.on_wake = on_wake
        self.folder = Path(tempfile.mkdtemp(prefix="vidloom-"))  # short: a socket path holds at most 107 bytes
        self.path = str(self.folder / "wake")
        self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self._socket.bind(self.path)
        self._thread = threading.Thread(target=self._listen, name="vidloom-wake", daemon=True)

    def __enter__(self) -> "WakeListener":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._socket.close()  # recv on the thread then fails: it ends
        with contextlib.suppress(OSError):
            os.unlink(self.path)
            self.folder.rmdir()

    def _listen(self) -> None:
        while True:
            try:
                self._socket.recv(16)
            except OSError:
                return
            self.on_wake()


class WakeSocket:
    """The queue of an API process whose worker another process runs: `notify` sends it a datagram."""

    def __init__(self, path: str):
        self.path = path
        self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self._socket.setblocking(False)

    def notify(self, video_id: str | None = None) -> None:
        with contextlib.suppress(OSError):  # a full buffer already holds a wake-up; a gone listener, no worker
            self._socket.sendto(b"w", self.path)

    def stop(self) -> None:
        self._socket.close()
