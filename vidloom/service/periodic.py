"""A daemon thread that calls one function every few seconds until stopped (the service's background chores)."""
from __future__ import annotations

import logging
import threading
from typing import Callable

log = logging.getLogger("vidloom.periodic")


class Periodic:
    """Calls `task()` every `every` seconds on its own thread; an exception is logged and the next round runs."""

    def __init__(self, name: str, every: float, task: Callable[[], object]):
        self.every, self.task = every, task
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)

    def start(self) -> "Periodic":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    def _loop(self) -> None:
        while not self._stop.wait(self.every):
            try:
                self.task()
            except Exception:  # noqa: BLE001 - e.g. the database briefly locked: try again next round
                log.exception("%s", self._thread.name)
