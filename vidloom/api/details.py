"""GET /v1/videos/{id}/details: what the studio's detail view shows beyond OpenAI's Video object
(operation, seed and settings, library state, and what the MP4 itself says: its picture size, duration and
engine, and the C2PA provenance read back from it)."""
from __future__ import annotations

import asyncio
from typing import Optional

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy.orm import Session

from ..engines.catalog import capabilities
from ..errors import UserError
from ..service import scratch
from ..service.context import Service
from ..service.models import User, Video
from .deps import CurrentUser, DB, Svc
from .schemas import Video as VideoOut
from .videos import owned, to_api

router = APIRouter(prefix="/v1", tags=["studio"])
SETTINGS = ("seed", "aspect", "engine", "strength", "preset", "negative_prompt", "length", "curve", "direction",
            "start", "end")


class Provenance(BaseModel):
    """The C2PA record read back from the MP4: valid only when intact and signed by a chain this install
    trusts; `verdict` says which ("valid", "signed by an unknown party", "tampered or damaged")."""

    has_manifest: bool
    valid: bool
    trusted: bool = False
    verdict: str = ""
    signer: Optional[str] = None
    generation: dict = {}
    made_from: list[str] = []  # titles of the videos it was made from (C2PA ingredients)
    problems: list[str] = []


class FileFacts(BaseModel):
    """The stored MP4 as read from its stream (not the size or seconds the request asked for)."""

    width: int
    height: int
    frames: int
    fps: float
    seconds: float


class Source(BaseModel):
    """The video this one was made from (remixed, re-cut, extended, looped, blended), as far as the caller may see it."""

    id: str
    prompt: Optional[str] = None  # None when it is neither yours nor published
    yours: bool
    published: bool


class VideoDetails(BaseModel):
    video: VideoOut
    operation: str
    engine: str  # the engine that made (or will make) it; `video.model` is the name the request used
    engine_version: Optional[str] = None  # from the file's provenance
    native_size: Optional[str] = None  # the engine's own picture size for this aspect, e.g. 224x128
    upscaled: Optional[bool] = None  # the file is larger than the engine's native size
    file: Optional[FileFacts] = None  # None until the video has completed
    source: Optional[Source] = None
    started_from_upload: bool  # image-to-video: an uploaded image or clip was its first frames
    settings: dict
    favourite: bool
    folder_id: Optional[str] = None
    published: bool
    likes: int
    provenance: Optional[Provenance] = None  # None until the video has completed


def _native_size(engine: str, aspect: str | None) -> tuple[int, int] | None:
    """What the engine draws for this aspect; None for an engine this install no longer has."""
    try:
        return capabilities(engine).sizes.get(aspect or "")
    except UserError:
        return None


def settings_of(video: Video) -> dict:
    """The settings a job runs with that a person chose (seed, aspect, engine, strength, style ...)."""
    params = video.params or {}
    return {k: params[k] for k in SETTINGS if k in params}


def _source(db: Session, user: User, video: Video) -> Optional[Source]:
    found = db.get(Video, video.remixed_from_video_id) if video.remixed_from_video_id else None
    if found is None:
        return None
    yours, published = found.user_id == user.id, found.published_at is not None
    return Source(id=found.id, prompt=found.prompt if yours or published else None, yours=yours, published=published)


def _read_file(video: Video, svc: Service) -> tuple[Provenance, FileFacts]:
    """The completed video's MP4: its stream facts and its checked C2PA manifest (one fetch for both)."""
    from ..media import video_facts  # PyAV, no torch
    from ..media.provenance import trust_anchors, verify  # c2pa, no torch

    path = svc.storage.fetch(video.video_key, scratch.new_path(svc.settings.work_dir, "verify", ".mp4"))
    try:
        facts = FileFacts(**vars(video_facts(path)))
        try:
            found = verify(path, trust_anchors(svc.settings.signing_path, svc.settings.trust_path))
        except ValueError as e:
            return Provenance(has_manifest=True, valid=False, verdict="tampered or damaged", problems=[str(e)]), facts
    finally:
        path.unlink(missing_ok=True)
    return Provenance(has_manifest=found.has_manifest, valid=found.valid, trusted=found.trusted,
                      verdict=found.verdict, signer=found.signer, generation=found.generation,
                      made_from=[i["title"] for i in found.ingredients], problems=list(found.problems)), facts




@router.get("/videos/{video_id}/details", response_model=VideoDetails, responses={401: {}, 404: {}})
async def video_details(video_id: str, user: CurrentUser, db: DB,
                        svc: Svc):
    """Your video with its operation, seed and settings, library state, the engine that made it, what its MP4
    holds (picture size, duration) and its checked C2PA manifest."""
    video = owned(db, user, video_id)
    params = video.params or {}
    ready = video.status == "completed" and video.video_key is not None  # (the media of an expired video is gone)
    provenance, facts = (await asyncio.to_thread(_read_file, video, svc)) if ready else (None, None)
    generation = provenance.generation if provenance else {}
    engine = generation.get("engine") or params.get("engine") or video.model
    native = _native_size(engine, params.get("aspect"))
    upscaled = None if facts is None or native is None else facts.width * facts.height > native[0] * native[1]
    return VideoDetails(video=to_api(video), operation=video.operation, engine=engine,
                        engine_version=generation.get("engine_version"),
                        native_size="{}x{}".format(*native) if native else None, upscaled=upscaled,
                        file=facts, source=_source(db, user, video),
                        started_from_upload=video.operation in ("generate", "image_to_video") and video.input_key is not None,
                        settings=settings_of(video), favourite=video.favourite,
                        folder_id=video.folder_id, published=video.published_at is not None, likes=video.likes,
                        provenance=provenance)
