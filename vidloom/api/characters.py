"""OpenAI's POST /v1/videos/characters and GET /v1/videos/characters/{character_id}.

A character is a named look read from an uploaded clip (see vidloom.service.characters); a later
create request whose prompt says the name, `@name` or the id gets the look's description in its
place. Each character is its owner's: anyone else gets 404.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Literal, Optional

from fastapi import APIRouter, Request
from pydantic import BaseModel
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from ..safety import check_prompt
from ..service import characters
from ..service.context import Service
from ..service.models import Character, User
from .bodies import read_body
from .deps import DB, CurrentUser, Svc
from .errors import APIError
from .references import save_upload

router = APIRouter(prefix="/v1", tags=["videos"])
FIELDS = ("name", "video")
UPLOAD_BODY = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": list(FIELDS), "properties": {
        "name": {"type": "string", "minLength": 1, "maxLength": characters.MAX_NAME},
        "video": {"type": "string", "format": "binary"}}}}}}}


class CharacterLook(BaseModel):
    """What vidloom read from the clip (an extension): the world object and colour, and where each came from."""

    kind: Optional[str] = None  # a world object, or null when neither the clip's prompt nor the name names one
    colour: Optional[str] = None  # the clip's dominant non-background colour as a world colour, or null
    description: str  # what replaces the character's name in a prompt
    colour_from: Optional[Literal["frames"]] = None
    colour_share: float  # of the inner frame's pixels
    kind_from: Optional[Literal["clip prompt", "name"]] = None
    clip_prompt: Optional[str] = None  # the prompt in the clip's vidloom metadata, when it has one


class CharacterObject(BaseModel):
    """A character, as OpenAI's create_character / get_character return it (id, created_at, name), plus its look."""

    id: str
    object: Literal["video.character"] = "video.character"
    created_at: int
    name: str
    look: CharacterLook


def to_api(row: Character) -> CharacterObject:
    return CharacterObject(id=row.id, created_at=int(row.created_at), name=row.name,
                           look=CharacterLook(kind=row.kind, colour=row.colour, description=row.description, **row.read))


def check_name(value) -> str:
    """The character's name, stripped; APIError 400 when it is missing, not text, too long or refused."""
    if value is None:
        raise APIError(400, "Missing required parameter: 'name'.", "missing_required_parameter", "name")
    if not isinstance(value, str):
        raise APIError(400, "Invalid type for 'name': expected a string.", "invalid_type", "name")
    name = " ".join(value.split())
    if not re.search(r"\w", name):
        raise APIError(400, "name must contain a letter or digit.", "empty_string", "name")
    if len(name) > characters.MAX_NAME:
        raise APIError(400, f"name is longer than {characters.MAX_NAME} characters.", "string_above_max_length", "name")
    refusal = check_prompt(name)
    if refusal:
        raise APIError(400, refusal.message, "moderation_blocked", "name")
    return name


@router.post("/videos/characters", response_model=CharacterObject, openapi_extra=UPLOAD_BODY,
             responses={400: {}, 401: {}, 413: {}})
async def create_character(request: Request, user: CurrentUser, db: DB, svc: Svc):
    """Create a character from a name and a video clip (multipart). The clip is read, moderated and not kept."""
    body = await read_body(request, max_fields=len(FIELDS))
    for field in body:
        if field not in FIELDS:
            raise APIError(400, f"Unknown parameter: '{field}'.", "unknown_parameter", field)
    name = check_name(body.get("name"))
    upload = body.get("video")
    if not isinstance(upload, UploadFile):
        raise APIError(400, "Invalid type for 'video': expected a video file upload (multipart).", "invalid_type", "video")
    path = await save_upload(upload, svc, "video")
    try:
        return await run_in_threadpool(_create, path, name, user, db, svc)
    finally:
        path.unlink(missing_ok=True)


def _create(path: Path, name: str, user: User, db: Session, svc: Service) -> CharacterObject:
    import numpy as np

    from ..media import probe_upload, read_metadata  # PyAV and PIL, no torch
    from ..media.probe import stream_frames, video_facts
    from ..media.video import evenly_spaced
    from ..safety.nudity import moderate_frames

    picks: list[np.ndarray] = []

    def checked_frames():  # one pass, as a stream: every frame to moderation, the look's picks kept
        wanted = set(evenly_spaced(video_facts(path).frames, characters.FRAMES_READ).tolist())
        for i, frame in enumerate(stream_frames(path)):
            if i in wanted:
                picks.append(frame)
            yield frame

    try:
        probe = probe_upload(path, max_pixels=svc.settings.max_image_pixels)
        if probe.kind != "video":
            raise ValueError("a character is made from a video clip, not an image")
        refusal = moderate_frames(checked_frames())
    except ValueError as e:
        raise APIError(400, f"video: {e}", "invalid_file", "video") from None
    if refusal:
        raise APIError(400, refusal.message, "moderation_blocked", "video")
    look = characters.look_of(np.stack(picks), name, read_metadata(path))
    try:
        row = characters.create(db, user, name, look)
        db.commit()
    except (characters.DuplicateName, IntegrityError):  # the index catches a concurrent twin
        db.rollback()
        raise APIError(400, f"you already have a character named {name!r}", "duplicate_name", "name") from None
    except characters.TooMany as e:
        raise APIError(400, str(e), "too_many_characters", "name") from None
    return to_api(row)


@router.get("/videos/characters/{character_id}", response_model=CharacterObject, responses={401: {}, 404: {}})
def get_character(character_id: str, user: CurrentUser, db: DB):
    """One of the caller's characters."""
    row = characters.owned(db, user, character_id)
    if row is None:
        raise APIError(404, f"No such character: {character_id!r}", "character_not_found", "character_id")
    return to_api(row)
