"""Server-Sent Event streams of a job: a per-user cap that holds across API processes (leases in the
database), no database connection held between polls, and a heartbeat comment while nothing changes."""
from __future__ import annotations

import asyncio
import secrets
import time
from typing import AsyncIterator, Callable

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from starlette.concurrency import run_in_threadpool

from ..service.db import Database
from ..service.models import EventStreamSlot
from .errors import APIError

POLL_SECONDS = 0.25


class Slot:
    """One open stream's lease on one of its user's slots; `release` is safe to call more than once."""

    def __init__(self, slots: "StreamSlots", user_id: str, number: int, holder: str):
        self._slots, self.user_id, self.number, self.holder = slots, user_id, number, holder
        self._held, self._renewed = True, time.monotonic()

    def _row(self):
        return (EventStreamSlot.user_id == self.user_id, EventStreamSlot.slot == self.number,
                EventStreamSlot.holder == self.holder)

    def renew_if_due(self) -> bool:
        """Extend the lease when a third of it has passed; False when it was lost (expired and taken over)."""
        if not self._held:
            return False
        if time.monotonic() - self._renewed < self._slots.lease_seconds / 3:
            return True
        with self._slots.db.session() as s:
            kept = s.execute(update(EventStreamSlot).where(*self._row())
                             .values(expires_at=time.time() + self._slots.lease_seconds)).rowcount == 1
        self._renewed, self._held = time.monotonic(), kept
        return kept

    def release(self) -> None:
        if self._held:
            self._held = False
            with self._slots.db.session() as s:
                s.execute(delete(EventStreamSlot).where(*self._row()))


class StreamSlots:
    """At most `per_user` event streams open per user across every API process sharing the database: slot
    rows (user, 0 .. per_user - 1) whose primary key makes taking one atomic, each a lease renewed while its
    stream lives and free to take once it expires (a process that died without closing its streams)."""

    def __init__(self, db: Database, per_user: int, lease_seconds: float):
        self.db, self.per_user, self.lease_seconds = db, per_user, lease_seconds

    def acquire(self, user_id: str) -> Slot:
        """A slot for a new stream of `user_id` (blocking: call it on a thread), or 429 when all are held."""
        now = time.time()
        with self.db.sessions() as s:
            held = {n: t for n, t in s.execute(select(EventStreamSlot.slot, EventStreamSlot.expires_at)
                                               .where(EventStreamSlot.user_id == user_id))}
        for number in range(self.per_user):
            if number in held and held[number] > now:
                continue
            holder = secrets.token_hex(16)
            if self._take(user_id, number, holder, number in held, now):
                return Slot(self, user_id, number, holder)
        raise APIError(429, f"you have {self.per_user} event streams open, the most allowed at once: "
                            "close one, or poll GET /v1/videos/{id}", "too_many_streams",
                       headers={"retry-after": "5"})

    def _take(self, user_id: str, number: int, holder: str, expired_row: bool, now: float) -> bool:
        """Take slot `number`: insert it, or take over its expired lease; False when another stream won it."""
        expires = now + self.lease_seconds
        with self.db.sessions() as s:
            if expired_row:  # only while it is still expired: its holder may have renewed meanwhile
                taken = s.execute(update(EventStreamSlot).where(
                    EventStreamSlot.user_id == user_id, EventStreamSlot.slot == number,
                    EventStreamSlot.expires_at <= now).values(holder=holder, expires_at=expires)).rowcount == 1
                s.commit()
                return taken
            s.add(EventStreamSlot(user_id=user_id, slot=number, holder=holder, expires_at=expires))
            try:
                s.commit()
            except IntegrityError:  # taken by a stream in this or another process since the read
                s.rollback()
                return False
            return True


async def events(read: Callable[[], tuple[str | None, bool]], heartbeat_seconds: float,
                 slot: Slot | None = None) -> AsyncIterator[str]:
    """`read()` -> (the job as JSON or None when deleted, whether it has ended), run on a thread at each poll
    (it opens and closes its own session); an event whenever it changes, until the job ends. The stream's
    `slot` lease is renewed on the same thread; a lost lease ends the stream (the client may reconnect)."""
    last, quiet_since = None, time.monotonic()
    while True:
        payload, final, kept = await run_in_threadpool(_poll, read, slot)
        if not kept:
            return
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


def _poll(read: Callable[[], tuple[str | None, bool]], slot: Slot | None) -> tuple[str | None, bool, bool]:
    kept = slot.renew_if_due() if slot is not None else True
    return (*read(), kept)
