"""Server-Sent Event streams of a job: a per-user cap, no database connection held between polls,
and a heartbeat comment while nothing changes."""
from __future__ import annotations

import asyncio
import threading
import time
from collections import Counter
from typing import AsyncIterator, Callable

from starlette.concurrency import run_in_threadpool

from .errors import APIError

POLL_SECONDS = 0.25


class Slot:
    """One open stream of a user; `release` is safe to call more than once."""

    def __init__(self, slots: "StreamSlots", user_id: str):
        self._slots, self._user_id, self._held = slots, user_id, True

    def release(self) -> None:
        with self._slots.lock:
            if self._held:
                self._held = False
                self._slots.open[self._user_id] -= 1
                if not self._slots.open[self._user_id]:
                    del self._slots.open[self._user_id]


class StreamSlots:
    """How many event streams each user has open in this process; more than `per_user` is a 429."""

    def __init__(self, per_user: int):
        self.per_user = per_user
        self.open: Counter[str] = Counter()
        self.lock = threading.Lock()

    def acquire(self, user_id: str) -> Slot:
        with self.lock:
            if self.open[user_id] >= self.per_user:
                raise APIError(429, f"you have {self.per_user} event streams open, the most allowed at once: "
                                    "close one, or poll GET /v1/videos/{id}", "too_many_streams",
                               headers={"retry-after": "5"})
            self.open[user_id] += 1
        return Slot(self, user_id)


async def events(read: Callable[[], tuple[str | None, bool]], heartbeat_seconds: float) -> AsyncIterator[str]:
    """`read()` -> (the job as JSON or None when deleted, whether it has ended), run on a thread at each poll
    (it opens and closes its own session); an event whenever it changes, until the job ends."""
    last, quiet_since = None, time.monotonic()
    while True:
        payload, final = await run_in_threadpool(read)
        if payload is None:
            yield "event: deleted\ndata: {}\n\n"
            return
        if payload != last:
            yield f"event: {'done' if final else 'progress'}\ndata: {payload}\n\n"
            last, quiet_since = payload, time.monotonic()
        if final:
            return
        if time.monotonic() - quiet_since >= heartbeat_seconds:
            yield ": heartbeat\n\n"
            quiet_since = time.monotonic()
        await asyncio.sleep(POLL_SECONDS)
