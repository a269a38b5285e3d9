"""OpenAI's POST /v1/videos/edits and /v1/videos/extensions over vidloom's operations.

An edit is a remix of the source with a new prompt; an extension is the `extend` operation (the
clip plus `seconds` of new footage after it; the Video's `seconds` is the stitched total, as OpenAI
reports it). The source is one of the caller's completed videos, `{"id": "video_..."}` (JSON, or
`video[id]` in multipart), or an uploaded video file (checked and moderated like any upload; the
new Video takes the OpenAI size of the clip's orientation and the clip's whole seconds).
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from fastapi import APIRouter, Request
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from ..safety import check_prompt
from ..service import jobs, sizes
from ..service.context import Service
from ..service.models import JobInput, User
from . import openai_contract
from .bodies import read_body
from .deps import DB, CurrentUser, Svc
from .errors import APIError
from .references import save_upload
from .schemas import Video as VideoOut
from .videos import _created, _store_upload, _submit, check_job, owned

router = APIRouter(prefix="/v1", tags=["videos"])


@dataclass(frozen=True)
class Source:
    """The clip an edit or extension starts from."""

    key: str  # stored MP4
    model: str
    seconds: int
    size: str
    params: dict
    video_id: str | None  # None for an uploaded clip


async def _read(request: Request) -> tuple[dict, object]:
    """(the fields, the `video` value: {"id"}, a scratch file of an upload, or what was sent) from the body."""
    body = await read_body(request, max_fields=10)
    if isinstance(body, dict):
        raw, video = body, body.pop("video", None)
    else:
        raw = {k: v for k, v in body.multi_items() if k not in ("video", "video[id]")}
        video = {"id": body["video[id]"]} if "video[id]" in body else body.get("video")
    for name, value in raw.items():
        if not isinstance(value, (str, int, float, type(None))):
            raise APIError(400, f"Invalid type for '{name}'.", "invalid_type", name)
    return raw, video


async def _checked(request: Request, svc: Service, check) -> tuple[dict, object]:
    raw, video = await _read(request)
    check(raw)
    if isinstance(video, UploadFile):
        video = await save_upload(video, svc, "video")
    return raw, video


def _source(db: Session, user: User, svc: Service, video) -> Source:
    """The source clip: one of the caller's completed videos, or an uploaded clip stored now."""
    if isinstance(video, Path):
        return _uploaded(video, svc)
    if video is None:
        raise APIError(400, "Missing required parameter: 'video'.", "missing_required_parameter", "video")
    if not isinstance(video, dict) or set(video) != {"id"} or not isinstance(video["id"], str):
        raise APIError(400, "Invalid type for 'video': expected a video file or {\"id\": \"video_...\"}.",
                       "invalid_type", "video")
    row = owned(db, user, video["id"])
    if row.status != "completed" or row.video_key is None:
        raise APIError(400, f"video {row.id} is not a completed video with content", "video_not_ready", "video.id")
    return Source(row.video_key, row.model, max(1, round(float(row.seconds))), row.size, dict(row.params), row.id)


def _uploaded(path: Path, svc: Service) -> Source:
    from ..media import probe_upload, video_facts  # PyAV, no torch

    try:
        probe = probe_upload(path, max_pixels=svc.settings.max_image_pixels)  # the header's budget, before decoding
        if probe.kind != "video":
            raise APIError(400, "'video' must be a video file (MP4, MOV or WebM)", "invalid_value", "video")
        facts = video_facts(path)  # size and length from the header: no frame is decoded twice
    except ValueError as e:
        raise APIError(400, f"video: {e}", "invalid_value", "video") from None
    size = "1280x720" if facts.width >= facts.height else "720x1280"
    key = _store_upload(path, probe, svc)
    model = openai_contract.DEFAULT_MODEL  # a sora-* name: it runs on the service's engine
    return Source(key, model, max(1, round(facts.seconds)), size,
                  {"aspect": sizes.OPENAI_SIZES[size], "engine": svc.settings.engine}, None)


def _run(kind: str, raw: dict, video, user: User, db: Session, svc: Service):
    """Moderate the prompt, then queue the edit (a remix) or the extension of the source."""
    refusal = check_prompt(raw["prompt"])
    if refusal:
        raise APIError(400, refusal.message, "moderation_blocked", "prompt")
    source = _source(db, user, svc, video)
    try:
        params = {**source.params, "seed": secrets.randbelow(2**31)}
        common = dict(model=source.model, prompt=raw["prompt"].strip(), size=source.size,
                      remixed_from_video_id=source.video_id)
        if kind == "edit":
            fields = dict(common, seconds=str(source.seconds), params={**params, "strength": "mild", "input": "source"})
            check_job("remix", fields, {"source": "video"})
            job = _submit(db, user, svc, **fields, operation="remix", input_key=source.key)
        else:
            added = int(raw["seconds"])
            fields = dict(common, seconds=str(source.seconds + added),
                          params={**params, "seconds": added, "direction": "forward"})
            check_job("extend", fields, {"source": "video"})
            job = _submit(db, user, svc, **fields, operation="extend",
                          inputs=(JobInput(name="source", key=source.key, source_video_id=source.video_id),))
    except BaseException:
        if source.video_id is None:
            jobs.release_files(db, svc.storage, {source.key})
        raise
    return _created(job, db, user)


async def _endpoint(kind: str, check, request: Request, user: User, db: Session, svc: Service):
    raw, video = await _checked(request, svc, check)
    try:
        return await run_in_threadpool(_run, kind, raw, video, user, db, svc)
    finally:
        if isinstance(video, Path):
            video.unlink(missing_ok=True)


@router.post("/videos/edits", response_model=VideoOut, responses={400: {}, 401: {}, 404: {}, 413: {}, 429: {}})
async def edit_video(request: Request, user: CurrentUser, db: DB, svc: Svc):
    """Edit a video with a prompt (a remix of it): `prompt` and `video` (a file or {"id": ...})."""
    return await _endpoint("edit", openai_contract.check_edit, request, user, db, svc)


@router.post("/videos/extensions", response_model=VideoOut, responses={400: {}, 401: {}, 404: {}, 413: {}, 429: {}})
async def extend_video(request: Request, user: CurrentUser, db: DB, svc: Svc):
    """Extend a video by `seconds` ("4", "8", "12", "16" or "20") of new footage that follows `prompt`."""
    return await _endpoint("extend", openai_contract.check_extend, request, user, db, svc)
