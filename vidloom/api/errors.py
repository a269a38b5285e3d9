"""OpenAI-style error responses: {"error": {"message", "type", "param", "code"}}."""
from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..service import jobs

TYPES = {400: "invalid_request_error", 401: "invalid_request_error", 403: "invalid_request_error",
         404: "invalid_request_error", 409: "invalid_request_error", 413: "invalid_request_error",
         415: "invalid_request_error", 416: "invalid_request_error", 422: "invalid_request_error",
         429: "rate_limit_error", 500: "server_error", 503: "server_error", 507: "server_error"}
CODE_TYPES = {"insufficient_quota": "insufficient_quota", "rate_limit_exceeded": "requests"}  # OpenAI's 429 types
# pydantic error type -> OpenAI error code (type errors: invalid_type; anything else: invalid_value)
PYDANTIC_CODES = {"extra_forbidden": "unknown_parameter", "missing": "missing_required_parameter",
                  "string_too_long": "string_above_max_length", "string_too_short": "empty_string"}


class APIError(Exception):
    """An error the client gets as an OpenAI-style error object."""

    def __init__(self, status: int, message: str, code: str | None = None, param: str | None = None,
                 headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.message, self.code, self.param, self.headers = status, message, code, param, headers


def error_response(status: int, message: str, code: str | None = None, param: str | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    kind = CODE_TYPES.get(code) or TYPES.get(status, "invalid_request_error")
    body = {"error": {"message": message, "type": kind, "param": param, "code": code}}
    return JSONResponse(body, status_code=status, headers=headers)


def not_found(video_id: str) -> APIError:
    return APIError(404, f"no video with id {video_id!r}", "video_not_found", "video_id")


def validation_error(e: ValidationError | list) -> APIError:
    """The first pydantic error as an OpenAI error object naming the parameter."""
    first = (e.errors() if isinstance(e, ValidationError) else e or [{}])[0]
    where = [str(p) for p in first.get("loc", ()) if p not in ("body", "query", "path", "header")]
    param = ".".join(where) or None
    kind = first.get("type", "")
    code = PYDANTIC_CODES.get(kind) or ("invalid_type" if kind.endswith(("_type", "_parsing")) else "invalid_value")
    message = first.get("msg", "invalid request")
    return APIError(400, f"{param}: {message}" if param else message, code, param)


def install(app: FastAPI) -> None:
    @app.exception_handler(APIError)
    async def _api_error(_request: Request, e: APIError):
        return error_response(e.status, e.message, e.code, e.param, e.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, e: RequestValidationError):
        error = validation_error(list(e.errors()))
        return error_response(error.status, error.message, error.code, error.param)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, e: StarletteHTTPException):
        code = {404: "not_found", 405: "method_not_allowed", 413: "request_too_large"}.get(e.status_code)
        return error_response(e.status_code, str(e.detail), code, headers=getattr(e, "headers", None))

    @app.exception_handler(RecursionError)
    async def _too_deep(_request: Request, _e: RecursionError):  # e.g. JSON nested thousands deep
        return error_response(400, "the request is nested too deeply", "invalid_body")

    @app.exception_handler(OSError)
    async def _os_error(request: Request, e: OSError):
        if jobs.disk_full(e):
            return error_response(507, "the server's storage is full: nothing was saved or charged, try again later",
                                  "insufficient_storage")
        return await _unexpected(request, e)

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, e: Exception):
        return error_response(500, f"internal error: {e.__class__.__name__}", "internal_error")
