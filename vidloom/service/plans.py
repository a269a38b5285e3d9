"""Plans and monthly quotas. A video is charged only when it completes (see jobs.complete)."""
from __future__ import annotations

import calendar
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Plan:
    name: str
    monthly_videos: int
    concurrent_jobs: int  # jobs run at once; more wait in the queue
    queued_jobs: int  # jobs queued or running at once: beyond this a request is refused (bounds the backlog)
    priority: int  # higher is served first
    watermark: bool  # visible watermark on every frame
    max_pixels: int  # largest requested size (width * height) the plan may ask for


PLANS = {
    "plus": Plan("plus", monthly_videos=50, concurrent_jobs=2, queued_jobs=12, priority=0, watermark=True, max_pixels=1280 * 720),
    "pro": Plan("pro", monthly_videos=500, concurrent_jobs=5, queued_jobs=30, priority=10, watermark=False, max_pixels=1792 * 1024),
}


def get_plan(name: str) -> Plan:
    try:
        return PLANS[name]
    except KeyError:
        raise ValueError(f"unknown plan {name!r}: choose {' or '.join(PLANS)}") from None


def period(at: float | None = None) -> str:
    """The quota period (UTC calendar month) holding the time `at`, as 'YYYY-MM'."""
    return time.strftime("%Y-%m", time.gmtime(time.time() if at is None else at))


def seconds_to_reset(at: float | None = None) -> int:
    """Seconds from `at` until the next month starts (UTC), when quotas reset."""
    t = time.gmtime(time.time() if at is None else at)
    year, month = (t.tm_year + 1, 1) if t.tm_mon == 12 else (t.tm_year, t.tm_mon + 1)
    return max(1, int(calendar.timegm((year, month, 1, 0, 0, 0)) - (time.time() if at is None else at)))
