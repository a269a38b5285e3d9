"""Uploaded files (OpenAI's /v1/files): a user's named handle on a stored key, owned by that user."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import jobs
from .models import File, User

PURPOSES = ("assistants", "batch", "fine-tune", "vision", "user_data", "evals")  # OpenAI's; vidloom reads any


def create(db: Session, storage, user: User, path: Path, ext: str, media_type: str, filename: str,
           purpose: str) -> File:
    """Store the checked file at `path` and record it for `user`; commit is the caller's."""
    key = storage.put(path, ext)
    row = File(user_id=user.id, purpose=purpose, filename=filename[:255], bytes=path.stat().st_size, key=key,
               media_type=media_type)
    db.add(row)
    db.flush()
    return row


def owned(db: Session, user: User, file_id: str) -> File | None:
    row = db.get(File, file_id) if isinstance(file_id, str) and len(file_id) <= 40 else None
    return row if row is not None and row.user_id == user.id else None


def listed(db: Session, user: User, purpose: str | None = None) -> list[File]:
    query = select(File).where(File.user_id == user.id)
    if purpose:
        query = query.where(File.purpose == purpose)
    return list(db.scalars(query.order_by(File.created_at.desc(), File.id.desc())))


def delete(db: Session, storage, row: File) -> None:
    """Forget the file and remove its bytes unless a video or another file still uses them."""
    key = row.key
    db.delete(row)
    db.commit()
    jobs.release_files(db, storage, {key})
