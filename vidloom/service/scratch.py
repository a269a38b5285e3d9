"""Scratch space (settings.work_dir): what a killed process left there is removed when the service starts.

Entries are a job attempt's folder ("{video_id}-{attempt}", the worker's), or a file of the API named by
`new_path` ("{purpose}-{pid}-{random}", an upload being checked, a file being verified). A job's folder
goes unless that attempt still runs; a file goes when the process that made it is gone; anything else
once it is older than `grace_seconds`.
"""
from __future__ import annotations

import os
import re
import secrets
import shutil
import time
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import Video

ATTEMPT = re.compile(r"^(video_[0-9a-f]{24})-(\d+)$")
OWNED = re.compile(r"^[a-z]+-(\d+)-[0-9a-f]{16}")


def new_path(work_dir: Path, purpose: str, suffix: str = "") -> Path:
    """A fresh scratch file path that names this process, so a later start knows when it is orphaned."""
    work_dir.mkdir(parents=True, exist_ok=True)
    return work_dir / f"{purpose}-{os.getpid()}-{secrets.token_hex(8)}{suffix}"


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def clean(db: Session, work_dir: Path, grace_seconds: float = 3600.0) -> list[str]:
    """Remove stale scratch entries; returns their names."""
    if not work_dir.is_dir():
        return []
    cutoff, removed = time.time() - grace_seconds, []
    for entry in work_dir.iterdir():
        job, owned = ATTEMPT.match(entry.name), OWNED.match(entry.name)
        if job:
            running = db.scalar(select(Video.id).where(Video.id == job[1], Video.attempt == int(job[2]),
                                                       Video.status == "in_progress"))
            stale = running is None
        elif owned:
            stale = not _alive(int(owned[1]))
        else:
            stale = entry.lstat().st_mtime < cutoff
        if stale:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
            removed.append(entry.name)
    return sorted(removed)
