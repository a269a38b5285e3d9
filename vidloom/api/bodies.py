"""Request bodies that come as JSON or as multipart/form-data (as the SDK sends them), read one way."""
from __future__ import annotations

import json

from fastapi import Request
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException

from .errors import APIError


async def read_body(request: Request, max_fields: int = 20) -> dict | FormData:
    """The JSON object, or the multipart form (at most one file), of a request; 400 when it is neither."""
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        try:
            return await request.form(max_files=1, max_fields=max_fields)
        except HTTPException:  # e.g. the 413 of a body over the limit
            raise
        except Exception as e:  # noqa: BLE001 - malformed multipart bodies raise several types
            raise APIError(400, f"the multipart body could not be read ({e.__class__.__name__})", "invalid_body") from None
    try:
        raw = json.loads(await request.body() or b"null")
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise APIError(400, f"the request body is not valid JSON ({e})", "invalid_json") from None
    if not isinstance(raw, dict):
        raise APIError(400, "the request body must be a JSON object with at least a prompt", "invalid_body")
    return raw
