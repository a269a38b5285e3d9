"""Studio endpoints the Videos API lacks: feed (publish, featured/recent, search, one video, like, remix),
library (favourites, folders), the queue with each job's operation and settings, appeals and feedback."""
from __future__ import annotations

import time
from typing import Literal, Optional

from fastapi import APIRouter, Query, Request
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..service.eta import estimate
from ..service.feed import featured
from ..service.models import Feedback, Folder, Like, User, Video
from .details import settings_of
from .deps import CurrentUser, DB, Svc
from .errors import APIError, not_found
from .schemas import (Feed, FeedbackIn, FeedbackOut, FeedItem, FolderIn, FolderOut, LibraryUpdate, Queue, QueueItem,
                      RemixVideo, Video as VideoOut)
from .videos import ID, content_response, owned, remix_job, to_api

router = APIRouter(prefix="/v1", tags=["studio"])


def published(db: Session, video_id: str) -> Video:
    video = db.get(Video, video_id) if ID.match(video_id or "") else None
    if video is None or video.published_at is None:
        raise not_found(video_id)
    return video


def _authors(db: Session, videos: list[Video]) -> dict[str, str]:
    """user id -> handle (the part of the email before the @: the feed never shows whole addresses)."""
    rows = db.execute(select(User.id, User.email).where(User.id.in_({v.user_id for v in videos})))
    return {uid: email.split("@")[0] for uid, email in rows}


def _item(v: Video, liked: set[str], authors: dict[str, str]) -> FeedItem:
    return FeedItem(id=v.id, author=authors.get(v.user_id, ""), prompt=v.prompt, seconds=v.seconds, size=v.size, model=v.model, likes=v.likes,
                    liked=v.id in liked, published_at=int(v.published_at), remixed_from_video_id=v.remixed_from_video_id)


@router.post("/videos/{video_id}/publish", response_model=VideoOut, responses={400: {}, 401: {}, 404: {}})
def publish(video_id: str, user: CurrentUser, db: DB):
    """Share a completed video of yours on the community feed (its prompt is shown)."""
    video = owned(db, user, video_id)
    if video.status != "completed":
        raise APIError(400, f"video {video_id} is {video.status}: only completed videos can be published", "video_not_ready")
    video.published_at = video.published_at or time.time()
    db.commit()
    return to_api(video)


@router.delete("/videos/{video_id}/publish", response_model=VideoOut, responses={401: {}, 404: {}})
def unpublish(video_id: str, user: CurrentUser, db: DB):
    video = owned(db, user, video_id)
    video.published_at = None
    db.commit()
    return to_api(video)


@router.get("/feed", response_model=Feed, responses={401: {}})
def feed(user: CurrentUser, db: DB, tab: Literal["featured", "recent"] = "recent", q: Optional[str] = Query(None, max_length=200), limit: int = Query(30, ge=1, le=100)):
    """Published videos: recent (newest first) or featured (operator picks, then likes decayed by age; only
    picked or liked videos); `q` searches prompts."""
    query = select(Video).where(Video.published_at.is_not(None))
    for word in (q or "").split()[:8]:
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(Video.prompt.ilike(f"%{escaped}%", escape="\\"))
    rows = featured(db, query, limit) if tab == "featured" else \
        list(db.scalars(query.order_by(Video.published_at.desc()).limit(limit)))
    liked = set(db.scalars(select(Like.video_id).where(Like.user_id == user.id, Like.video_id.in_([v.id for v in rows]))))
    authors = _authors(db, rows)
    return Feed(data=[_item(v, liked, authors) for v in rows])


@router.get("/feed/{video_id}", response_model=FeedItem, responses={401: {}, 404: {}})
def feed_item(video_id: str, user: CurrentUser, db: DB):
    """One published video: prompt, author, date, likes and what it was remixed from."""
    video = published(db, video_id)
    liked = {video_id} if db.get(Like, (user.id, video_id)) else set()
    item = _item(video, liked, _authors(db, [video]))
    source = db.get(Video, video.remixed_from_video_id) if video.remixed_from_video_id else None
    if source is not None and source.published_at is not None:
        item.remixed_from_prompt = source.prompt
    return item


@router.post("/feed/{video_id}/like", response_model=FeedItem, responses={401: {}, 404: {}})
def like(video_id: str, user: CurrentUser, db: DB):
    video = published(db, video_id)
    if db.get(Like, (user.id, video_id)) is None:
        try:
            db.add(Like(user_id=user.id, video_id=video_id))
            db.execute(update(Video).where(Video.id == video_id).values(likes=Video.likes + 1))
            db.commit()
        except IntegrityError:  # the same user's like from a concurrent request won: one like, counted once
            db.rollback()
        db.refresh(video)
    return _item(video, {video_id}, _authors(db, [video]))


@router.delete("/feed/{video_id}/like", response_model=FeedItem, responses={401: {}, 404: {}})
def unlike(video_id: str, user: CurrentUser, db: DB):
    video = published(db, video_id)
    if db.execute(delete(Like).where(Like.user_id == user.id, Like.video_id == video_id)).rowcount:
        db.execute(update(Video).where(Video.id == video_id).values(likes=Video.likes - 1))
        db.commit()
        db.refresh(video)
    return _item(video, set(), _authors(db, [video]))


@router.get("/feed/{video_id}/content", responses={200: {"content": {"video/mp4": {}, "image/jpeg": {}}},
                                                   206: {}, 401: {}, 404: {}, 416: {}})
def feed_content(video_id: str, request: Request, _user: CurrentUser, db: DB, svc: Svc, variant: Literal["video", "thumbnail", "spritesheet"] = "video"):
    """A published video's file, for any signed-in user."""
    return content_response(published(db, video_id), variant, request, svc)


@router.post("/feed/{video_id}/remix", response_model=VideoOut, responses={400: {}, 401: {}, 404: {}, 429: {}})
def remix_from_feed(video_id: str, body: RemixVideo, user: CurrentUser,
                    db: DB, svc: Svc):
    """Remix someone's published video into a new video of your own (charged to you)."""
    return remix_job(db, user, svc, published(db, video_id), body)


@router.patch("/videos/{video_id}", response_model=VideoOut, responses={400: {}, 401: {}, 404: {}})
def update_library(video_id: str, body: LibraryUpdate, user: CurrentUser, db: DB):
    """Mark a video as a favourite and/or file it in one of your folders ("" takes it out)."""
    video = owned(db, user, video_id)
    if body.favourite is not None:
        video.favourite = body.favourite
    if body.folder_id is not None:
        folder = db.get(Folder, body.folder_id) if body.folder_id else None
        if body.folder_id and (folder is None or folder.user_id != user.id):
            raise APIError(404, f"no folder with id {body.folder_id!r}", "folder_not_found", "folder_id")
        video.folder_id = folder.id if folder else None
    db.commit()
    return to_api(video)


@router.get("/library", response_model=list[VideoOut], responses={401: {}, 404: {}})
def library(user: CurrentUser, db: DB, favourites: bool = False, folder_id: Optional[str] = Query(None, max_length=40)):
    """Your videos, optionally only favourites or one folder's."""
    query = select(Video).where(Video.user_id == user.id)
    if favourites:
        query = query.where(Video.favourite.is_(True))
    if folder_id:
        query = query.where(Video.folder_id == folder_id)
    return [to_api(v) for v in db.scalars(query.order_by(Video.created_at.desc()).limit(500))]


def _time(t: float | None) -> int | None:
    return None if t is None else int(t)


@router.get("/queue", response_model=Queue, responses={401: {}})
def queue(user: CurrentUser, db: DB, limit: int = Query(20, ge=1, le=100)):
    """Your latest jobs, newest first, each with its operation and settings (the studio's queue), and for an active
    job its place in line and estimated start and finish from measured recent run times."""
    rows = list(db.scalars(select(Video).where(Video.user_id == user.id)
                           .order_by(Video.created_at.desc(), Video.id.desc()).limit(limit)))
    estimates = estimate(db, rows)

    def item(v: Video) -> QueueItem:
        e = estimates.get(v.id)
        extra = dict(position=e.position, waiting=e.waiting, estimated_start_at=_time(e.start_at),
                     estimated_finish_at=_time(e.finish_at)) if e else {}
        return QueueItem(video=to_api(v), operation=v.operation, settings=settings_of(v), **extra)

    return Queue(data=[item(v) for v in rows])


@router.post("/folders", response_model=FolderOut, responses={400: {}, 401: {}})
def create_folder(body: FolderIn, user: CurrentUser, db: DB):
    folder = Folder(user_id=user.id, name=body.name.strip() or "untitled")
    db.add(folder)
    db.commit()
    return FolderOut(id=folder.id, name=folder.name)


@router.get("/folders", response_model=list[FolderOut], responses={401: {}})
def list_folders(user: CurrentUser, db: DB):
    return [FolderOut(id=f.id, name=f.name) for f in db.scalars(select(Folder).where(Folder.user_id == user.id))]


@router.post("/feedback", response_model=FeedbackOut, responses={400: {}, 401: {}, 404: {}})
def feedback(body: FeedbackIn, user: CurrentUser, db: DB):
    """Appeal a refusal or send feedback, optionally about one of your videos."""
    if body.video_id:
        owned(db, user, body.video_id)
    row = Feedback(user_id=user.id, video_id=body.video_id, kind=body.kind, message=body.message)
    db.add(row)
    db.commit()
    return FeedbackOut(id=row.id, kind=row.kind)
