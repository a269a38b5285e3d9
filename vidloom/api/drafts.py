"""Storyboard drafts: a user's boards in progress, saved by the studio as they are edited, so a board survives
navigation, a reload and another browser. Each user keeps at most MAX_DRAFTS; each draft is bounded by DraftIn."""
from __future__ import annotations

import time

from fastapi import APIRouter
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from ..service.models import StoryboardDraft, User
from .deps import CurrentUser, DB
from .errors import APIError
from .schemas import Draft, DraftDeleted, DraftIn, DraftList

router = APIRouter(prefix="/v1/studio/drafts", tags=["studio"])
MAX_DRAFTS = 20


def to_api(row: StoryboardDraft) -> Draft:
    return Draft(id=row.id, name=row.name, created_at=int(row.created_at), updated_at=int(row.updated_at), **row.board)


def owned(db: Session, user: User, draft_id: str) -> StoryboardDraft:
    """The caller's draft; 404 for one that is unknown or someone else's (the two are not told apart)."""
    row = db.get(StoryboardDraft, draft_id) if len(draft_id) <= 40 else None
    if row is None or row.user_id != user.id:
        raise APIError(404, f"no storyboard draft with id {draft_id!r}", "draft_not_found", "draft_id")
    return row


def _board(body: DraftIn) -> dict:
    return body.model_dump(include={"aspect", "cards"})


@router.get("", response_model=DraftList, responses={401: {}})
def list_drafts(user: CurrentUser, db: DB):
    """Your drafts, the most recently saved first."""
    rows = db.scalars(select(StoryboardDraft).where(StoryboardDraft.user_id == user.id)
                      .order_by(StoryboardDraft.updated_at.desc(), StoryboardDraft.id))
    return DraftList(data=[to_api(r) for r in rows])


@router.post("", response_model=Draft, responses={400: {}, 401: {}})
def create_draft(body: DraftIn, user: CurrentUser, db: DB):
    """Save a new draft (at most MAX_DRAFTS each: delete one to make room)."""
    db.commit()  # a fresh transaction, then the user's row written first: one user's creates are counted one at a time
    db.execute(update(User).where(User.id == user.id).values(touched_at=time.time()))
    count = db.scalar(select(func.count()).select_from(StoryboardDraft).where(StoryboardDraft.user_id == user.id))
    if count >= MAX_DRAFTS:
        raise APIError(400, f"you already keep {count} storyboard drafts, the most there can be: delete one first",
                       "too_many_drafts")
    row = StoryboardDraft(user_id=user.id, name=body.name.strip() or "Untitled board", board=_board(body))
    db.add(row)
    db.commit()
    return to_api(row)


@router.get("/{draft_id}", response_model=Draft, responses={401: {}, 404: {}})
def retrieve_draft(draft_id: str, user: CurrentUser, db: DB):
    return to_api(owned(db, user, draft_id))


@router.put("/{draft_id}", response_model=Draft, responses={400: {}, 401: {}, 404: {}})
def update_draft(draft_id: str, body: DraftIn, user: CurrentUser, db: DB):
    """Replace a draft's name, aspect and cards (the studio saves the whole board as it is edited)."""
    row = owned(db, user, draft_id)
    row.name, row.board, row.updated_at = body.name.strip() or "Untitled board", _board(body), time.time()
    db.commit()
    return to_api(row)


@router.delete("/{draft_id}", response_model=DraftDeleted, responses={401: {}, 404: {}})
def delete_draft(draft_id: str, user: CurrentUser, db: DB):
    db.delete(owned(db, user, draft_id))
    db.commit()
    return DraftDeleted(id=draft_id, deleted=True)
