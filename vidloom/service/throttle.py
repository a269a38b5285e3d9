"""Throttling of log-in and sign-up: failed log-ins per account and per address, sign-ups per address.

Attempts are rows in the database, so every API process (and a restart) sees the same counts.
A subject (an e-mail or an address) is stored as its SHA-256, never in clear.
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from .models import AuthAttempt


@dataclass(frozen=True)
class Limit:
    """At most `count` attempts of `kind` per subject within `window` seconds."""

    kind: str
    count: int
    window: float


class Throttled(Exception):
    """Too many attempts; `retry_after` is the whole seconds until the oldest one leaves the window."""

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


def _subject(text: str) -> str:
    return hashlib.sha256(text.strip().lower().encode()).hexdigest()


def check(db: Session, limit: Limit, subject: str, message: str) -> None:
    """Raise Throttled(message) when `subject` has used up `limit`."""
    since = time.time() - limit.window
    where = (AuthAttempt.kind == limit.kind, AuthAttempt.subject == _subject(subject), AuthAttempt.at > since)
    count, oldest = db.execute(select(func.count(), func.min(AuthAttempt.at)).where(*where)).one()
    if count >= limit.count:
        raise Throttled(message, max(1, int(oldest + limit.window - time.time()) + 1))


def record(db: Session, limit: Limit, subject: str) -> None:
    """Count one attempt (and forget this kind's attempts older than its window)."""
    now = time.time()
    db.execute(delete(AuthAttempt).where(AuthAttempt.kind == limit.kind, AuthAttempt.at <= now - limit.window))
    db.add(AuthAttempt(kind=limit.kind, subject=_subject(subject), at=now))
    db.flush()


def clear(db: Session, limit: Limit, subject: str) -> None:
    """Forget `subject`'s attempts (a successful log-in clears the account's failures)."""
    db.execute(delete(AuthAttempt).where(AuthAttempt.kind == limit.kind, AuthAttempt.subject == _subject(subject)))
