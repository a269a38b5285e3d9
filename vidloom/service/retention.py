"""Retention: with `retention_hours` set, a completed video's media expires that long after completion.

jobs.complete stamps `expires_at`; `remove_expired` releases the files of every video past it. The
Video row stays (its id, prompt and status still answer; its content is gone); published videos are
kept, since the community feed shows them.
"""
from __future__ import annotations

import time

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from . import jobs
from .models import JobInput, Video

MEDIA_COLUMNS = ("video_key", "thumbnail_key", "spritesheet_key", "input_key")


def remove_expired(db: Session, storage, now: float | None = None) -> list[str]:
    """Release the media of every unpublished video past its `expires_at`; returns their ids."""
    now = time.time() if now is None else now
    expired = list(db.scalars(select(Video).where(Video.expires_at <= now, Video.video_key.is_not(None),
                                                  Video.published_at.is_(None))))
    for video in expired:
        keys = {getattr(video, c) for c in MEDIA_COLUMNS}
        keys |= set(db.scalars(select(JobInput.key).where(JobInput.video_id == video.id)))
        db.execute(JobInput.__table__.delete().where(JobInput.video_id == video.id))
        db.execute(update(Video).where(Video.id == video.id).values(**{c: None for c in MEDIA_COLUMNS}))
        db.commit()
        jobs.release_files(db, storage, keys)
    return [v.id for v in expired]
