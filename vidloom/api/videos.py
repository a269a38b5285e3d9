"""OpenAI-compatible Videos API: /v1/videos create, list, retrieve, delete, content, remix (+ events, cancel)."""
from __future__ import annotations

import random
import re
import secrets
from pathlib import Path
from typing import Literal, Optional

import anyio
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response, StreamingResponse
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from pydantic import ValidationError
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from ..engines.catalog import capabilities, names
from ..errors import UserError
from ..operations import Params, check_request as check_operation
from ..safety import check_prompt
from ..service import characters, jobs, sizes
from ..service.context import Service
from ..service.models import JobInput, User, Video
from ..service.plans import get_plan
from . import streams
from . import openai_contract, references
from .bodies import read_body
from .deps import CurrentUser, DB, Svc
from .errors import APIError, not_found, validation_error
from .schemas import CreateVideo, RemixVideo, Video as VideoOut, VideoDeleted, VideoError, VideoList

router = APIRouter(prefix="/v1", tags=["videos"])
ID = re.compile(r"^video_[0-9a-f]{24}$")
OPENAI_MODELS = openai_contract.SORA_MODELS  # run on the service's engine, so unchanged OpenAI clients work
JOB_KEYS = ("engine", "input")  # what a job's params hold besides the operation's: the engine, input_key's name
POLL_AFTER_MS = 500  # the SDK's poll loop waits this long between retrieves (its default is 1000 ms) ...
POLL_JITTER = 0.2  # ... give or take a fifth, drawn per answer: clients that started together drift apart
CREATE_BODY = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": CreateVideo.model_json_schema()},
    "multipart/form-data": {"schema": {"type": "object", "required": ["prompt"], "properties": {
        "prompt": {"type": "string", "minLength": 1, "maxLength": openai_contract.MAX_PROMPT}, "model": {"type": "string"},
        "seconds": {"type": "string"}, "size": {"type": "string"},
        "input_reference": {"type": "string", "format": "binary"}}}}}}}


def to_api(v: Video) -> VideoOut:
    """A job as OpenAI's Video object; a cancelled job reads as failed with code 'cancelled'."""
    error = VideoError(code=v.error_code or "failed", message=v.error_message or "") if v.status in ("failed", "cancelled") else None
    expires = int(v.expires_at) if v.expires_at and not v.published_at else None  # published videos are kept
    return VideoOut(id=v.id, created_at=int(v.created_at), completed_at=int(v.completed_at) if v.completed_at else None,
                    expires_at=expires, error=error, model=v.model, progress=v.progress, prompt=v.prompt,
                    remixed_from_video_id=v.remixed_from_video_id, seconds=v.seconds, size=v.size,
                    status="failed" if v.status == "cancelled" else v.status, notices=v.notices or None)


def owned(db: Session, user: User, video_id: str) -> Video:
    """The caller's video by id; 404 for any id that is malformed, unknown or someone else's."""
    video = db.get(Video, video_id) if ID.match(video_id or "") else None
    if video is None or video.user_id != user.id:
        raise not_found(video_id)
    return video


# ------------------------------------------------------------------ create

def check_request(body: CreateVideo, user: User, default_engine: str) -> dict:
    """Validated job fields from a create request, or APIError (400) naming the bad parameter.

    The engine is decided here, once: an OpenAI model name runs the service's engine, any other
    name must be an engine of this install; params["engine"] is what the worker runs."""
    requested = body.model or "sora-2"
    engine = default_engine if requested in OPENAI_MODELS else requested
    try:
        caps = capabilities(engine)
    except UserError:
        raise APIError(400, f"unknown model {requested!r}: choose one of {', '.join([*OPENAI_MODELS, *names()])}",
                       "invalid_model", "model") from None
    try:
        seconds = float(body.seconds if body.seconds is not None else 4)
    except (TypeError, ValueError):
        raise APIError(400, f"seconds must be a number of seconds such as '4', not {body.seconds!r}", "invalid_value", "seconds") from None
    if not (1 <= seconds <= caps.max_seconds) or seconds != round(seconds):
        raise APIError(400, f"seconds {body.seconds!r} is out of range: choose a whole number from 1 to {caps.max_seconds:g}",
                       "invalid_value", "seconds")
    size = (body.size or sizes.DEFAULT_SIZE).strip()
    try:
        aspect, _, _ = sizes.resolve(size, caps)
        w, h = sizes.parse(size)
    except ValueError as e:
        raise APIError(400, str(e), "invalid_value", "size") from None
    plan = get_plan(user.plan)
    if w * h > plan.max_pixels:
        raise APIError(400, f"size {size} is above what the {plan.name} plan allows: choose 1280x720 or 720x1280, "
                            "or upgrade to Pro", "size_not_in_plan", "size")
    refusal = check_prompt(body.prompt)
    if refusal:
        raise APIError(400, refusal.message, "moderation_blocked", "prompt")
    seed = body.seed if body.seed is not None else secrets.randbelow(2**31)
    return dict(model=requested, prompt=body.prompt.strip(), seconds=str(int(seconds)), size=size,
                params={"aspect": aspect, "seed": seed, "engine": engine})


def check_job(operation: str, fields: dict, inputs: dict[str, str]) -> None:
    """The job's operation, parameters and inputs (name -> image or video) against the engine that will
    run it: APIError 400 naming the parameter, before anything is stored, queued or charged."""
    params = {k: v for k, v in fields["params"].items() if k not in JOB_KEYS}
    engine = fields["params"]["engine"]
    try:
        check_operation(operation, {"prompt": fields["prompt"], **params}, inputs, capabilities(engine), engine)
    except UserError as e:
        code = "unsupported_by_model" if e.param == "model" else "invalid_value"
        raise APIError(400, str(e), code, e.param) from None


async def _read_create(request: Request, user: User, svc: Service) -> tuple[CreateVideo, Path | None]:
    """The create body from JSON or multipart; the input_reference (any form) is saved to a scratch file."""
    body = await read_body(request)
    if isinstance(body, dict):
        raw, reference = body, body.pop("input_reference", None)
    else:
        raw, reference = references.split_form(body)
    openai_contract.check_create(raw)  # OpenAI's exact contract under sora-* names
    try:
        body = CreateVideo.model_validate(raw)
    except ValidationError as e:
        raise validation_error(e) from None
    return body, await references.resolve(reference, user, svc)


def _probe_upload(path: Path, svc: Service):
    """An upload's format (image or video), or 400 with the reason when it is unusable."""
    from ..media import probe_upload  # PIL and PyAV, no torch

    try:
        return probe_upload(path, max_pixels=svc.settings.max_image_pixels)
    except ValueError as e:
        raise APIError(400, f"input_reference: {e}", "invalid_input_reference", "input_reference") from None


def _store_upload(path: Path, probe, svc: Service) -> str:
    """Moderate a probed upload and store it; 400 when it is refused."""
    from ..safety.nudity import moderate_file  # NudeNet on the image, or on a clip's frames as a stream

    refusal = moderate_file(path, probe.kind)
    if refusal:
        raise APIError(400, refusal.message, "moderation_blocked", "input_reference")
    return svc.storage.put(path, probe.ext)


@router.post("/videos", response_model=VideoOut, openapi_extra=CREATE_BODY,
             responses={400: {}, 401: {}, 413: {}, 429: {}})
async def create_video(request: Request, user: CurrentUser, db: DB,
                       svc: Svc):
    """Create a video job from a prompt (and optionally an input_reference image or clip)."""
    body, upload = await _read_create(request, user, svc)
    # the database and file work runs on a worker thread: it must not block the event loop
    return await run_in_threadpool(_create, body, upload, user, db, svc)


def _create(body: CreateVideo, upload: Path | None, user: User, db: Session, svc: Service) -> Response:
    input_key = None
    try:
        body.prompt = characters.cast(db, user, body.prompt)  # a character it names becomes its look
        fields = check_request(body, user, svc.settings.engine)
        operation, inputs = "generate", {}
        if upload is not None:  # an image becomes the first frame; a clip is kept as it is, from its start
            probe = _probe_upload(upload, svc)
            operation = "image_to_video" if probe.kind == "image" else "generate"
            inputs = {"image": "image"} if probe.kind == "image" else {"video": "video"}
            fields["params"].update(input=next(iter(inputs)), **({"keep": 1.0} if probe.kind == "video" else {}))
        check_job(operation, fields, inputs)
        if upload is not None:
            input_key = _store_upload(upload, probe, svc)
            fields["remixed_from_video_id"] = jobs.made_from(db, input_key, user.id)  # a stored video re-uploaded
        video = _submit(db, user, svc, input_key=input_key, operation=operation, **fields)
    except BaseException:
        if input_key:
            jobs.release_files(db, svc.storage, {input_key})
        raise
    finally:
        if upload is not None:
            upload.unlink(missing_ok=True)
    return _created(video, db, user)


def _submit(db: Session, user: User, svc: Service, inputs: tuple[JobInput, ...] = (), **fields) -> Video:
    """Queue a job (with its named `inputs`, if any) in one transaction; 429 over the plan's limits."""
    db.commit()  # a fresh transaction: SQLite cannot turn an older read snapshot into a write
    try:
        video = jobs.submit(db, user, **fields)
        for named in inputs:
            named.video_id = video.id
            db.add(named)
        db.commit()
    except jobs.QuotaExceeded as e:
        db.rollback()
        raise APIError(429, str(e), e.code, headers=e.headers) from None
    svc.queue.notify(video.id)
    return video


def _created(video: Video, db: Session, user: User) -> Response:
    headers = jobs.quota(db, user).headers()
    return Response(to_api(video).model_dump_json(), media_type="application/json", headers=headers)


# ------------------------------------------------------------------ read

@router.get("/videos", response_model=VideoList, responses={400: {}, 401: {}})
def list_videos(user: CurrentUser, db: DB, after: Optional[str] = Query(None, max_length=64), limit: int = Query(20, ge=0, le=100), order: Literal["asc", "desc"] = "desc"):
    """The caller's videos, newest first by default; page with `after` (the last id of the previous page).
    `limit=0` means the default page of 20."""
    limit = limit or 20
    query = select(Video).where(Video.user_id == user.id)
    if after:
        try:
            cursor = owned(db, user, after)
        except APIError:
            raise APIError(400, f"after: no video of yours has the id {after!r}", "invalid_value", "after") from None
        if order == "desc":
            query = query.where(or_(Video.created_at < cursor.created_at,
                                    and_(Video.created_at == cursor.created_at, Video.id < cursor.id)))
        else:
            query = query.where(or_(Video.created_at > cursor.created_at,
                                    and_(Video.created_at == cursor.created_at, Video.id > cursor.id)))
    keys = (Video.created_at.desc(), Video.id.desc()) if order == "desc" else (Video.created_at, Video.id)
    rows = list(db.scalars(query.order_by(*keys).limit(limit + 1)))
    data = [to_api(v) for v in rows[:limit]]
    return VideoList(data=data, first_id=data[0].id if data else None, last_id=data[-1].id if data else None,
                     has_more=len(rows) > limit)


@router.get("/videos/{video_id}", response_model=VideoOut, responses={401: {}, 404: {}})
def retrieve_video(video_id: str, user: CurrentUser, db: DB):
    """One video job: status, progress, error."""
    video = owned(db, user, video_id)
    return Response(to_api(video).model_dump_json(), media_type="application/json",
                    headers={"openai-poll-after-ms": str(round(POLL_AFTER_MS * random.uniform(1 - POLL_JITTER, 1 + POLL_JITTER)))})


@router.delete("/videos/{video_id}", response_model=VideoDeleted, responses={401: {}, 404: {}})
def delete_video(video_id: str, user: CurrentUser, db: DB,
                 svc: Svc):
    """Delete a video and its files (a queued or running job is cancelled first, not charged)."""
    video = owned(db, user, video_id)
    jobs.delete_video(db, svc.storage, video)
    return VideoDeleted(id=video_id, deleted=True)


@router.post("/videos/{video_id}/cancel", response_model=VideoOut, responses={401: {}, 404: {}, 409: {}})
def cancel_video(video_id: str, user: CurrentUser, db: DB):
    """Cancel a queued or running job; it is not charged."""
    video = owned(db, user, video_id)
    if not jobs.cancel(db, video):
        raise APIError(409, f"video {video_id} has already finished ({video.status})", "job_finished")
    db.refresh(video)
    return to_api(video)


VARIANTS = {"video": "video_key", "thumbnail": "thumbnail_key", "spritesheet": "spritesheet_key"}
MEDIA_TYPES = {"mp4": "video/mp4", "webp": "image/webp", "jpg": "image/jpeg"}  # by the stored key's extension


def content_response(video: Video, variant: str, request: Request, svc: Service) -> Response:
    """A stored file of a completed video, honouring a single HTTP byte range."""
    if video.status != "completed":
        raise APIError(404, f"video {video.id} is {video.status}: its content is ready once it has completed",
                       "video_not_ready")
    key = getattr(video, VARIANTS[variant])
    if key is None:
        raise APIError(404, f"video {video.id} has expired: its media was removed", "video_expired")
    media_type = MEDIA_TYPES[key.rsplit(".", 1)[-1]]
    total = svc.storage.size(key)
    start, end, status = 0, total - 1, 200
    spec = request.headers.get("range")
    if spec:
        m = re.fullmatch(r"bytes=(\d*)-(\d*)", spec.strip())
        if not m or (m[1] == "" and m[2] == ""):
            raise APIError(416, f"range {spec!r} is not a single byte range such as bytes=0-1023", "invalid_range",
                           headers={"content-range": f"bytes */{total}"})
        if m[1] == "":
            start = max(0, total - int(m[2]))
        else:
            start, end = int(m[1]), min(int(m[2]), total - 1) if m[2] else total - 1
        if start >= total or start > end:
            raise APIError(416, f"range {spec!r} is outside the {total}-byte file", "invalid_range",
                           headers={"content-range": f"bytes */{total}"})
        status = 206
    headers = {"accept-ranges": "bytes", "content-length": str(end - start + 1),
               "content-disposition": f'inline; filename="{video.id}.{key.rsplit(".", 1)[-1]}"'}
    if status == 206:
        headers["content-range"] = f"bytes {start}-{end}/{total}"
    if request.method == "HEAD":
        return Response(status_code=status, media_type=media_type, headers=headers)
    return StreamingResponse(svc.storage.read(key, start, end), status_code=status, media_type=media_type, headers=headers)


@router.head("/videos/{video_id}/content", responses={401: {}, 404: {}, 416: {}})
@router.get("/videos/{video_id}/content", responses={200: {"content": {"video/mp4": {}, "image/webp": {}, "image/jpeg": {}}},
                                                     206: {}, 401: {}, 404: {}, 416: {}})
def download_content(video_id: str, request: Request, user: CurrentUser, db: DB, svc: Svc, variant: Literal["video", "thumbnail", "spritesheet"] = "video"):
    """The MP4 (or its WebP thumbnail or spritesheet). Supports `Range: bytes=...` and HEAD."""
    return content_response(owned(db, user, video_id), variant, request, svc)


def remix_job(db: Session, user: User, svc: Service, source: Video, body: RemixVideo) -> Response:
    if source.status != "completed" or source.video_key is None:
        state = source.status if source.video_key or source.status != "completed" else "expired"
        raise APIError(400, f"video {source.id} is {state}: only a completed video can be remixed",
                       "video_not_ready", "video_id")
    refusal = check_prompt(body.prompt)
    if refusal:
        raise APIError(400, refusal.message, "moderation_blocked", "prompt")
    if isinstance(body.strength, float) and not (0.05 <= body.strength <= 0.95):
        raise APIError(400, "strength must be subtle, mild, strong or a number from 0.05 to 0.95", "invalid_value", "strength")
    # someone else's video (from the feed) lends its look, not its private settings (negative prompt, preset)
    private = {} if source.user_id == user.id else {"negative_prompt", "preset"}
    shared = {k: v for k, v in source.params.items() if k in Params.model_fields and k not in private}
    params = {**shared, "strength": body.strength if body.strength is not None else "mild",
              "seed": secrets.randbelow(2**31), "engine": source.params.get("engine", svc.settings.engine),
              "input": "source"}
    size = sizes.within_plan(source.size, source.params["aspect"], get_plan(user.plan).max_pixels)
    fields = dict(model=source.model, prompt=body.prompt.strip(), seconds=source.seconds, size=size, params=params)
    check_job("remix", fields, {"source": "video"})
    video = _submit(db, user, svc, **fields, operation="remix", input_key=source.video_key,
                    remixed_from_video_id=source.id)
    return _created(video, db, user)


@router.post("/videos/{video_id}/remix", response_model=VideoOut, responses={400: {}, 401: {}, 404: {}, 429: {}})
def remix_video(video_id: str, body: RemixVideo, user: CurrentUser, db: DB,
                svc: Svc):
    """Remix a completed video with a new prompt (strength: subtle, mild, strong or 0.05-0.95; default mild)."""
    source = owned(db, user, video_id)
    openai_contract.check_remix(body.model_dump(exclude_unset=True), source.model)  # no strength under sora-*
    return remix_job(db, user, svc, source, body)


@router.get("/videos/{video_id}/events", responses={200: {"content": {"text/event-stream": {}}}, 401: {}, 404: {},
                                                    429: {}})
async def video_events(video_id: str, request: Request, user: CurrentUser,
                       db: DB, svc: Svc):
    """Server-Sent Events: a `progress` event with the Video object whenever it changes, until it ends;
    a `: heartbeat` comment while it does not. A user may hold a few streams open at once (429 beyond)."""
    owned(db, user, video_id)
    db.close()  # the stream holds no connection: each poll opens its own session

    def read() -> tuple[str | None, bool]:
        with svc.db.sessions() as s:
            video = s.get(Video, video_id)
            return (to_api(video).model_dump_json() if video else None), video is None or video.status in jobs.FINAL

    # 429 here, before the response starts; on a thread: the slots are rows shared by every API process
    slot = await run_in_threadpool(request.app.state.event_streams.acquire, user.id)

    async def stream():
        try:
            async for event in streams.events(read, svc.settings.event_heartbeat_seconds, slot):
                yield event
        finally:
            with anyio.CancelScope(shield=True):  # a client gone cancels the stream: the slot is freed anyway
                await run_in_threadpool(slot.release)

    # released after the response too, in case it ends (a client gone) before the stream ever started
    return StreamingResponse(stream(), media_type="text/event-stream", headers={"cache-control": "no-cache"},
                             background=BackgroundTask(slot.release))
