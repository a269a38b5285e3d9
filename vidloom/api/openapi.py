"""The OpenAPI document, with the error responses the API really gives (OpenAI-style, 400 not 422)."""
from __future__ import annotations

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

ERROR_SCHEMA = {
    "type": "object", "required": ["error"],
    "properties": {"error": {"type": "object", "required": ["message", "type"], "properties": {
        "message": {"type": "string"}, "type": {"type": "string"},
        "param": {"type": ["string", "null"]}, "code": {"type": ["string", "null"]}}}},
}
PUBLIC = {"/healthz", "/v1/auth/signup", "/v1/auth/login"}
UNSAFE = {"post", "put", "patch", "delete"}


def install(app: FastAPI) -> None:
    """Replace FastAPI's 422 with the 400/401/403/404 error objects each operation can return."""

    def openapi():
        if app.openapi_schema:
            return app.openapi_schema
        doc = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        doc.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        ref = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        for path, operations in doc["paths"].items():
            for method, op in operations.items():
                responses = op.setdefault("responses", {})
                responses.pop("422", None)
                codes = ["400"]
                if path not in PUBLIC:
                    codes += ["401"] + (["403"] if method in UNSAFE else [])
                if "{" in path:
                    codes.append("404")
                codes += [c for c in list(responses) if c[0] in "45"]
                for code in codes:
                    responses[code] = {"description": responses.get(code, {}).get("description") or "Error", **ref}
        app.openapi_schema = doc
        return doc

    app.openapi = openapi
