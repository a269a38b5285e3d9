"""Scratch space (settings.work_dir): what a killed process left there is removed when the service starts.

Entries are a job attempt's folder ("{video_id}-{attempt}", the worker's), or a single file of the API
(an upload being checked, a file being verified). A job's folder goes unless that attempt still runs;
a file goes once it is older than `grace_seconds`, so another process's request in flight keeps its own.
"""
from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import Video

ATTEMPT = re.compile(r"^(video_[0-9a-f]{24})-(\d+)$")


def clean(db: Session, work_dir: Path, grace_seconds: float = 3600.0) -> list[str]:
    """Remove stale scratch entries; returns their names."""
    if not work_dir.is_dir():
        return []
    cutoff, removed = time.time() - grace_seconds, []
    for entry in work_dir.iterdir():
        m = ATTEMPT.match(entry.name)
        if m:
            running = db.scalar(select(Video.id).where(Video.id == m[1], Video.attempt == int(m[2]),
                                                       Video.status == "in_progress"))
            stale = running is None
        else:
            stale = entry.lstat().st_mtime < cutoff
        if stale:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
            removed.append(entry.name)
    return sorted(removed)
