"""Where a queued job stands: its place among the jobs waiting before it and when it should start and finish,
estimated from how long recent jobs took per second of video (measured from claim to completion)."""
from __future__ import annotations

import statistics
import time
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import Video

RECENT = 50  # completed jobs the rate is measured over


@dataclass(frozen=True)
class Estimate:
    position: int | None  # 1: next to start; None for a job that is already running
    waiting: int  # jobs queued in all
    start_at: float | None
    finish_at: float | None
    seconds_per_second: float | None  # measured run time per second of video; None before any job completed


def rate(db: Session) -> float | None:
    """Median run time per second of video over the last RECENT completed jobs."""
    rows = db.execute(select(Video.started_at, Video.completed_at, Video.seconds)
                      .where(Video.status == "completed", Video.started_at.is_not(None), Video.completed_at.is_not(None))
                      .order_by(Video.completed_at.desc()).limit(RECENT)).all()
    rates = [(done - start) / max(float(seconds), 1.0) for start, done, seconds in rows if done >= start]
    return statistics.median(rates) if rates else None


def estimate(db: Session, videos: list[Video], now: float | None = None) -> dict[str, Estimate]:
    """Estimates for the active jobs among `videos` (queued ones in the order workers claim: priority, then age).

    Jobs run `parallel` at a time, where `parallel` is how many run now (at least one); a job starts once the
    running jobs' remaining work and the work queued before it are shared out over those slots."""
    now = now or time.time()
    per_second = rate(db)
    running = db.execute(select(Video.started_at, Video.seconds)
                         .where(Video.status == "in_progress")).all()
    parallel = max(1, len(running))
    line = db.execute(select(Video.id, Video.seconds).where(Video.status == "queued")  # one read: one consistent line
                      .order_by(Video.priority.desc(), Video.created_at, Video.id)).all()
    place = {vid: k for k, (vid, _) in enumerate(line)}

    def work(seconds: str) -> float | None:
        return None if per_second is None else per_second * max(float(seconds), 1.0)

    busy = 0.0  # work the running jobs have left
    if per_second is not None:
        for started, seconds in running:  # one that overran its estimate is taken to end now
            busy += max(work(seconds) - (now - (started or now)), 0.0)
    out = {}
    for v in videos:
        if v.id in place:
            k = place[v.id]
            if per_second is None:
                out[v.id] = Estimate(k + 1, len(line), None, None, None)
                continue
            start = now + (busy + sum(work(s) for _, s in line[:k])) / parallel
            out[v.id] = Estimate(k + 1, len(line), start, start + work(v.seconds), per_second)
        elif v.status in ("queued", "in_progress"):  # running (or claimed since it was read)
            total = work(v.seconds)
            started = v.started_at or now
            out[v.id] = Estimate(None, len(line), started, None if total is None else max(now, started + total), per_second)
    return out
