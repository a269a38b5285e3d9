"""Request dependencies: the running service and the signed-in user (API key or session cookie + CSRF)."""
from __future__ import annotations

import hmac
from typing import Annotated, AsyncIterator

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool
from sqlalchemy.orm import Session

from ..service import accounts
from ..service.context import Service
from ..service.models import User
from .errors import APIError

COOKIE = "vidloom_session"
CSRF_HEADER = "x-csrf-token"
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


# `service` and `session` are async so FastAPI runs them on the event loop instead of handing each to a
# thread (a hop costs more than they do): a session connects only when a query runs, on the handler's thread.
# A session is closed when its handler returns (scope "function"), not after the response is sent: under
# load, connections held by responses waiting to be written outgrew the pool, and each one past it was a
# new SQLite connection (a file open and four PRAGMAs) closed again at once


async def service(request: Request) -> Service:
    return request.app.state.service


async def session(svc: Service = Depends(service)) -> AsyncIterator[Session]:
    s = svc.db.sessions()
    try:
        yield s
    finally:
        if s.in_transaction():  # returning its connection rolls back, which may wait on SQLite: on a thread
            await run_in_threadpool(s.close)
        else:
            s.close()


# What an endpoint declares it needs, as parameter types (FastAPI resolves them per request)
Svc = Annotated[Service, Depends(service)]
DB = Annotated[Session, Depends(session, scope="function")]


def current_user(request: Request, db: DB) -> User:
    """The caller: `Authorization: Bearer <key>`, or a browser session whose unsafe requests carry
    the session's CSRF token in the X-CSRF-Token header. The read transaction ends here: a request
    waiting for a thread or reading its body holds no pooled connection (the handler opens its own)."""
    try:
        return _caller(request, db)
    finally:
        db.commit()  # nothing is written; returns the connection (expire_on_commit=False keeps the user loaded)


def _caller(request: Request, db: Session) -> User:
    auth = request.headers.get("authorization", "")
    if auth:
        scheme, _, key = auth.partition(" ")
        user = accounts.user_for_key(db, key.strip()) if scheme.lower() == "bearer" and key.strip() else None
        if user is None:
            raise APIError(401, "incorrect API key provided", "invalid_api_key")
        return user
    token = request.cookies.get(COOKIE)
    web = accounts.session_for_cookie(db, token) if token else None
    if web is None:
        raise APIError(401, "you must sign in or give an API key (Authorization: Bearer sk-vl-...)",
                       "missing_credentials")
    if request.method in UNSAFE and not hmac.compare_digest(request.headers.get(CSRF_HEADER, ""), web.csrf):
        raise APIError(403, "missing or wrong CSRF token: send the X-CSRF-Token header from sign-in", "csrf_failed")
    user = db.get(User, web.user_id)
    if user is None:  # the account was deleted while this session lived
        raise APIError(401, "your account no longer exists: sign up again", "missing_credentials")
    return user


CurrentUser = Annotated[User, Depends(current_user)]
