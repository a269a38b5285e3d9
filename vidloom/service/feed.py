"""The community feed's Featured tab: operator picks first, then liked videos ranked by likes decayed with age
(so a fresh video with a few likes rises above an old one with more). Unliked, unpicked videos are only in Recent."""
from __future__ import annotations

import time

from sqlalchemy import Select, or_
from sqlalchemy.orm import Session

from .models import Video

GRAVITY = 1.5  # how fast likes lose weight with age (Hacker News' ranking exponent)
CANDIDATES = 500  # the newest liked or picked videos that are ranked: bounds the work of one request


def featured_score(likes: int, published_at: float, now: float) -> float:
    """Likes divided by (hours since publishing + 2) ** GRAVITY."""
    hours = max(0.0, (now - published_at) / 3600)
    return likes / (hours + 2) ** GRAVITY


def featured(db: Session, published: Select, limit: int, now: float | None = None) -> list[Video]:
    """The `published` query's videos for the Featured tab, best first, at most `limit`."""
    now = time.time() if now is None else now
    query = published.where(or_(Video.featured.is_(True), Video.likes > 0))
    rows = db.scalars(query.order_by(Video.published_at.desc()).limit(CANDIDATES))
    ranked = sorted(rows, key=lambda v: (not v.featured, -featured_score(v.likes, v.published_at, now)))
    return ranked[:limit]
