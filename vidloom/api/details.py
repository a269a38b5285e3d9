"""GET /v1/videos/{id}/details: what the studio's detail view shows beyond OpenAI's Video object
(operation, seed and settings, library state, and the C2PA provenance read back from the MP4)."""
from __future__ import annotations

import asyncio
from typing import Optional

from fastapi import APIRouter, Depends
from pydantic import BaseModel
from sqlalchemy.orm import Session

from ..engines.catalog import capabilities
from ..errors import UserError
from ..service import scratch
from ..service.context import Service
from ..service.models import User, Video
from .deps import current_user, service, session
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


class VideoDetails(BaseModel):
    video: VideoOut
    operation: str
    started_from_upload: bool  # image-to-video: an uploaded image or clip was its first frames
    settings: dict
    favourite: bool
    folder_id: Optional[str] = None
    published: bool
    likes: int
    provenance: Optional[Provenance] = None  # None until the video has completed (or once its media expired)
    native_size: Optional[str] = None  # what the engine drew; the MP4 (video.size) is resized from it if they differ


def _native_size(params: dict) -> str | None:
    try:
        caps = capabilities(params.get("engine", ""))
    except UserError:  # an engine this install no longer has
        caps = None
    size = caps.sizes.get(params.get("aspect", "")) if caps else None
    return f"{size[0]}x{size[1]}" if size else None


def _provenance(video: Video, svc: Service) -> Provenance:
    from ..media.provenance import trust_anchors, verify  # c2pa, no torch

    path = svc.storage.fetch(video.video_key, scratch.new_path(svc.settings.work_dir, "verify", ".mp4"))
    try:
        found = verify(path, trust_anchors(svc.settings.signing_path, svc.settings.trust_path))
    except ValueError as e:
        return Provenance(has_manifest=True, valid=False, verdict="tampered or damaged", problems=[str(e)])
    finally:
        path.unlink(missing_ok=True)
    return Provenance(has_manifest=found.has_manifest, valid=found.valid, trusted=found.trusted,
                      verdict=found.verdict, signer=found.signer, generation=found.generation,
                      made_from=[i["title"] for i in found.ingredients], problems=list(found.problems))


@router.get("/videos/{video_id}/details", response_model=VideoDetails, responses={401: {}, 404: {}})
async def video_details(video_id: str, user: User = Depends(current_user), db: Session = Depends(session),
                        svc: Service = Depends(service)):
    """Your video with its operation, seed and settings, library state and its checked C2PA manifest."""
    video = owned(db, user, video_id)
    params = video.params or {}
    ready = video.status == "completed" and video.video_key is not None
    provenance = await asyncio.to_thread(_provenance, video, svc) if ready else None
    return VideoDetails(video=to_api(video), operation=video.operation,
                        started_from_upload=video.operation in ("generate", "image_to_video") and video.input_key is not None,
                        settings={k: params[k] for k in SETTINGS if k in params}, favourite=video.favourite,
                        folder_id=video.folder_id, published=video.published_at is not None, likes=video.likes,
                        provenance=provenance, native_size=_native_size(params))
