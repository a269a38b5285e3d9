"""Bounded request bodies: every body has a limit, checked from Content-Length before anything is read
and counted while a body without one streams in, so no request can make the server hold more."""
from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import error_response

UPLOAD_PATHS = ("/v1/videos", "/v1/videos/characters", "/v1/videos/edits", "/v1/videos/extensions",
                "/v1/files")  # the endpoints that take a multipart upload


def _too_large(limit: int) -> str:
    return f"the request body is larger than this endpoint's limit of {limit} bytes"


class BodyLimit:
    """ASGI middleware: 413 for a body over `upload_bytes` (upload endpoints) or `body_bytes` (the rest)."""

    def __init__(self, app: ASGIApp, body_bytes: int, upload_bytes: int):
        self.app, self.body_bytes, self.upload_bytes = app, body_bytes, upload_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self.upload_bytes if scope["path"] in UPLOAD_PATHS else self.body_bytes
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            response = error_response(413, _too_large(limit), "request_too_large", headers={"connection": "close"})
            return await response(scope, receive, send)
        seen = 0

        async def bounded() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > limit:  # raised where the app reads the body; the error handlers answer it
                raise HTTPException(413, _too_large(limit), headers={"connection": "close"})  # not the rest
            return message

        await self.app(scope, bounded, send)
