"""POST /v1/studio/{operation}: queue any registered operation (vidloom.operations.OPERATIONS) with named
inputs (videos, or uploaded /v1/files images and clips) and parameters, as 1, 2 or 4 variations, each checked at
submit against the engine that runs it."""
from __future__ import annotations

import json
import re

from fastapi import APIRouter
from sqlalchemy.orm import Session

from ..errors import UserError
from ..operations import OPERATIONS
from ..safety import check_prompts
from ..service import files, jobs, scratch
from ..service.models import File, JobInput, User, Video
from ..service.plans import ParamError, check_params, get_plan
from .deps import CurrentUser, DB, Svc
from .errors import APIError, not_found
from .schemas import CreateVideo, Operations, Preset, Presets, StudioJob, VideoList
from .videos import ID, JOB_KEYS, check_job, check_request, to_api

router = APIRouter(prefix="/v1/studio", tags=["studio"])
NAME = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
MAX_PARAMS_BYTES = 16_000


@router.get("/operations", response_model=Operations, responses={401: {}})
def operations(_user: CurrentUser):
    """The operations this server's workers run."""
    return Operations(data=sorted(OPERATIONS))


@router.get("/presets", response_model=Presets, responses={401: {}})
def style_presets(_user: CurrentUser):
    """The style presets a job's `preset` parameter may name."""
    from ..features.presets import PRESETS  # numpy and the grade only, no torch

    return Presets(data=[Preset(name=p.name, description=p.description) for p in PRESETS.values()])


def _input_video(db: Session, user: User, name: str, video_id: str) -> Video:
    video = db.get(Video, video_id) if ID.match(video_id or "") else None
    if video is None or (video.user_id != user.id and video.published_at is None):
        raise not_found(video_id)
    if video.status != "completed":
        raise APIError(400, f"inputs.{name}: video {video_id} is {video.status}, not completed", "video_not_ready",
                       f"inputs.{name}")
    return video


def _input_file(db: Session, user: User, name: str, file_id: str) -> File:
    """An uploaded file of the caller's (POST /v1/files), named as an input: read as an image or a video."""
    row = files.owned(db, user, file_id)
    if row is None:
        raise APIError(404, f"inputs.{name}: no file with id {file_id!r}", "file_not_found", f"inputs.{name}")
    return row


def _kind(row: File) -> str:
    return "image" if row.media_type.startswith("image/") else "video"


def _moderate_file(svc, name: str, row: File) -> None:
    """An uploaded file is moderated where it is used (as an input_reference file_id is): 400 when refused."""
    path = svc.storage.fetch(row.key, scratch.new_path(svc.settings.work_dir, "upload", "." + row.key.rsplit(".", 1)[-1]))
    from ..safety.nudity import moderate_file  # NudeNet on the image, or on a clip's frames as a stream

    try:
        refusal = moderate_file(path, _kind(row))
    finally:
        path.unlink(missing_ok=True)
    if refusal:
        raise APIError(400, refusal.message, "moderation_blocked", f"inputs.{name}")


@router.post("/{operation}", response_model=VideoList, responses={400: {}, 401: {}, 404: {}, 429: {}})
def run_operation(operation: str, body: StudioJob, user: CurrentUser, db: DB,
                  svc: Svc):
    """Queue `operation` (see /v1/studio/operations) n times; each job is charged when it completes."""
    if operation not in OPERATIONS:
        raise APIError(400, f"operation {operation!r} is not available on this server: choose one of "
                            f"{', '.join(sorted(OPERATIONS))}", "unknown_operation", "operation")
    if len(json.dumps(body.params)) > MAX_PARAMS_BYTES:
        raise APIError(400, f"params is larger than {MAX_PARAMS_BYTES} bytes", "invalid_value", "params")
    reserved = sorted(set(body.params) & set(JOB_KEYS))
    if reserved:
        raise APIError(400, f"params.{reserved[0]} is set by the server: choose the engine with `model`",
                       "invalid_value", f"params.{reserved[0]}")
    for name in body.inputs:
        if not NAME.match(name):
            raise APIError(400, f"input name {name!r} must be lowercase letters, digits, - or _", "invalid_value", "inputs")
    op = OPERATIONS[operation]
    uploads = {n: _input_file(db, user, n, ref) for n, ref in body.inputs.items() if ref.startswith("file-")}
    kinds = {n: _kind(uploads[n]) if n in uploads else "video" for n in body.inputs}
    try:  # the OpenAI-style name for the operation's image or video input
        renamed = {n: op.primary(kinds[n]) if n == "input_reference" else n for n in body.inputs}
    except UserError as e:
        raise APIError(400, str(e), "invalid_value", e.param) from None
    named = {renamed[n]: ref for n, ref in body.inputs.items()}
    uploads, kinds = {renamed[n]: row for n, row in uploads.items()}, {renamed[n]: k for n, k in kinds.items()}
    fields = check_request(CreateVideo(prompt=body.prompt, model=body.model, seconds=body.seconds, size=body.size,
                                        seed=body.seed), user, svc.settings.engine)
    if blocked := check_prompts(body.prompt, body.params):  # storyboard cards and character names too
        raise APIError(400, blocked[1].message, "moderation_blocked", blocked[0])
    fields["params"] = {**body.params, **fields["params"]}
    try:  # the operation's own types and values; a parameter of the body's params is named as params.X
        check_job(operation, fields, kinds)
    except APIError as e:
        if e.param in body.params:
            e.param = f"params.{e.param}"
        raise
    try:  # what the parameters cost (steps, seconds, cards) within the plan's bounds
        check_params(get_plan(user.plan), body.params)
    except ParamError as e:
        raise APIError(400, str(e), "invalid_value", e.param) from None
    sources = {name: _input_video(db, user, name, vid) for name, vid in named.items() if name not in uploads}
    for name, row in uploads.items():
        _moderate_file(svc, name, row)
    stored = {**{n: (v.video_key, v.id) for n, v in sources.items()}, **{n: (f.key, None) for n, f in uploads.items()}}
    db.commit()  # a fresh transaction for the writes (see videos._submit)
    created = []
    try:
        for k in range(body.n):  # all n in one transaction: either every variation is queued or none
            params = {**fields["params"], "seed": fields["params"]["seed"] + k}
            video = jobs.submit(db, user, **{**fields, "params": params}, operation=operation,
                                remixed_from_video_id=next((v.id for v in sources.values()), None))
            db.add_all(JobInput(video_id=video.id, name=name, key=key, source_video_id=source)
                       for name, (key, source) in stored.items())
            created.append(video)
        db.commit()
    except jobs.QuotaExceeded as e:
        db.rollback()
        raise APIError(429, str(e), e.code, headers=e.headers) from None
    for video in created:
        svc.queue.notify(video.id)
    data = [to_api(v) for v in created]
    return VideoList(data=data, first_id=data[0].id, last_id=data[-1].id, has_more=False)
