"""OpenAI-compatible /v1/files: upload (with a purpose), list, retrieve, delete, content; each file its owner's.

vidloom keeps images and videos only: a file is there to be an input_reference ({"file_id": ...}).
"""
from __future__ import annotations

from typing import Optional

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from ..service import files
from ..service.context import Service
from ..service.models import File, User
from .deps import DB, CurrentUser, Svc
from .errors import APIError
from .references import save_upload
from .schemas import FileDeleted, FileList, FileObject

router = APIRouter(prefix="/v1", tags=["files"])
MEDIA_TYPES = {"png": "image/png", "jpg": "image/jpeg", "webp": "image/webp", "mp4": "video/mp4"}
UPLOAD_BODY = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["file", "purpose"], "properties": {
        "file": {"type": "string", "format": "binary"}, "purpose": {"type": "string", "enum": list(files.PURPOSES)}}}}}}}


def to_api(row: File) -> FileObject:
    return FileObject(id=row.id, bytes=row.bytes, created_at=int(row.created_at), filename=row.filename,
                      purpose=row.purpose)


def owned(db: Session, user: User, file_id: str) -> File:
    row = files.owned(db, user, file_id)
    if row is None:
        raise APIError(404, f"No such File object: {file_id!r}", "file_not_found", "file_id")
    return row


@router.post("/files", response_model=FileObject, openapi_extra=UPLOAD_BODY, responses={400: {}, 401: {}, 413: {}})
async def create_file(request: Request, user: CurrentUser, db: DB, svc: Svc):
    """Upload an image (PNG, JPEG, WebP) or a video (MP4, MOV, WebM) with a purpose, to use as an input_reference."""
    try:
        form = await request.form(max_files=1, max_fields=4)
    except Exception as e:  # noqa: BLE001 - malformed multipart bodies raise several types
        raise APIError(400, f"the multipart body could not be read ({e.__class__.__name__})", "invalid_body") from None
    for name in form:
        if name not in ("file", "purpose"):
            raise APIError(400, f"Unknown parameter: '{name}'.", "unknown_parameter", name)
    purpose, upload = form.get("purpose"), form.get("file")
    if not isinstance(purpose, str):
        raise APIError(400, "Missing required parameter: 'purpose'.", "missing_required_parameter", "purpose")
    if purpose not in files.PURPOSES:
        raise APIError(400, f"Invalid value for 'purpose': choose one of {', '.join(files.PURPOSES)}.",
                       "invalid_value", "purpose")
    if not isinstance(upload, UploadFile):
        raise APIError(400, "Invalid type for 'file': expected a file upload.", "invalid_type", "file")
    path = await save_upload(upload, svc, "file")
    try:
        return await run_in_threadpool(_store, path, upload.filename or "upload", purpose, user, db, svc)
    finally:
        path.unlink(missing_ok=True)


def _store(path, filename: str, purpose: str, user: User, db: Session, svc: Service) -> FileObject:
    from ..media import probe_upload  # PIL and PyAV, no torch

    try:
        probe = probe_upload(path, max_pixels=svc.settings.max_image_pixels)
    except ValueError as e:
        raise APIError(400, f"file: {e}", "invalid_file", "file") from None
    row = files.create(db, svc.storage, user, path, probe.ext, MEDIA_TYPES[probe.ext], filename, purpose)
    db.commit()
    return to_api(row)


@router.get("/files", response_model=FileList, responses={401: {}})
def list_files(user: CurrentUser, db: DB, purpose: Optional[str] = Query(None, max_length=40)):
    """The caller's files, newest first."""
    data = [to_api(r) for r in files.listed(db, user, purpose)]
    return FileList(data=data, first_id=data[0].id if data else None, last_id=data[-1].id if data else None)


@router.get("/files/{file_id}", response_model=FileObject, responses={401: {}, 404: {}})
def retrieve_file(file_id: str, user: CurrentUser, db: DB):
    """One of the caller's files."""
    return to_api(owned(db, user, file_id))


@router.delete("/files/{file_id}", response_model=FileDeleted, responses={401: {}, 404: {}})
def delete_file(file_id: str, user: CurrentUser, db: DB, svc: Svc):
    """Delete a file (videos made from it keep their own copy of what they used)."""
    files.delete(db, svc.storage, owned(db, user, file_id))
    return FileDeleted(id=file_id, deleted=True)


@router.get("/files/{file_id}/content", responses={200: {"content": {t: {} for t in MEDIA_TYPES.values()}}, 401: {}, 404: {}})
def file_content(file_id: str, user: CurrentUser, db: DB, svc: Svc):
    """The bytes of one of the caller's files."""
    row = owned(db, user, file_id)
    return StreamingResponse(svc.storage.read(row.key), media_type=row.media_type,
                             headers={"content-length": str(row.bytes),
                                      "content-disposition": f'attachment; filename="{row.id}.{row.key.rsplit(".", 1)[-1]}"'})
