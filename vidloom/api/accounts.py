"""Sign-up, log-in and log-out (session cookie + CSRF token), the caller's plan and usage, API keys."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..service import accounts, jobs, throttle
from ..service.plans import get_plan
from ..service.context import Service
from ..service.models import ApiKey, User
from .deps import COOKIE, CurrentUser, DB, Svc
from .errors import APIError
from .schemas import Account, Credentials, KeyInfo, NewKey, SignedUp, SignUp, Usage

router = APIRouter(prefix="/v1", tags=["accounts"])


def _signed_in(db: Session, user: User, svc: Service) -> JSONResponse:
    token, csrf = accounts.create_session(db, user)
    db.commit()
    response = JSONResponse(Account(id=user.id, email=user.email, plan=user.plan, csrf_token=csrf).model_dump())
    response.set_cookie(COOKIE, token, max_age=accounts.SESSION_SECONDS, httponly=True, samesite="lax",
                        secure=svc.settings.cookie_secure, path="/")
    return response


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _throttled(e: throttle.Throttled) -> APIError:
    return APIError(429, f"{e}: retry after {e.retry_after} s", "too_many_attempts",
                    headers={"retry-after": str(e.retry_after)})


@router.post("/auth/signup", response_model=SignedUp, responses={400: {}, 429: {}})
def signup(body: SignUp, request: Request, db: DB, svc: Svc):
    """Create an account on the Plus plan, then sign in with /v1/auth/login. The answer is the same whether
    or not the e-mail had an account, so sign-up does not reveal who has one."""
    try:
        accounts.sign_up(db, svc.settings, body.email, body.password, _address(request), body.invite)
    except ValueError as e:
        raise APIError(400, str(e), "invalid_account") from None
    except throttle.Throttled as e:
        raise _throttled(e) from None
    return SignedUp(email=accounts.normalise_email(body.email),
                    message="if this e-mail had no account, it has one now: sign in with your password")


@router.post("/auth/login", response_model=Account, responses={401: {}, 429: {}})
def login(body: Credentials, request: Request, db: DB, svc: Svc):
    """Sign in with email and password; the response sets the session cookie and gives the CSRF token.
    Repeated failures for an account or from an address are refused for a while (429, retry-after)."""
    try:
        user = accounts.log_in(db, svc.settings, body.email, body.password, _address(request))
    except throttle.Throttled as e:
        raise _throttled(e) from None
    if user is None:
        raise APIError(401, "wrong email or password", "invalid_credentials")
    return _signed_in(db, user, svc)


@router.post("/auth/logout", responses={401: {}})
def logout(request: Request, _user: CurrentUser, db: DB):
    """End this browser session."""
    accounts.end_session(db, request.cookies.get(COOKIE, ""))
    db.commit()
    response = JSONResponse({"signed_out": True})
    response.delete_cookie(COOKIE, path="/")
    return response


@router.get("/me", response_model=Account, responses={401: {}})
def me(user: CurrentUser):
    return Account(id=user.id, email=user.email, plan=user.plan)


@router.get("/usage", response_model=Usage, responses={401: {}})
def usage(user: CurrentUser, db: DB):
    """Plan, videos charged this month and jobs running now."""
    q, plan = jobs.quota(db, user), get_plan(user.plan)
    return Usage(plan=user.plan, monthly_videos=q.limit, used_this_month=q.used, active_jobs=q.active,
                 concurrent_jobs=q.concurrency, remaining=q.remaining, max_seconds=plan.max_seconds,
                 max_cards=plan.max_cards)


@router.post("/keys", response_model=NewKey, responses={401: {}})
def create_key(user: CurrentUser, db: DB):
    """A new API key, shown this once (only its hash is kept)."""
    key = accounts.create_key(db, user)
    row = db.scalar(select(ApiKey).where(ApiKey.hash == accounts.sha256(key)))
    db.commit()
    return NewKey(id=row.id, key=key)


@router.get("/keys", response_model=list[KeyInfo], responses={401: {}})
def list_keys(user: CurrentUser, db: DB):
    rows = db.scalars(select(ApiKey).where(ApiKey.user_id == user.id, ApiKey.revoked.is_(False)))
    return [KeyInfo(id=k.id, hint=f"...{k.hint}", created_at=int(k.created_at)) for k in rows]


@router.delete("/keys/{key_id}", responses={401: {}, 404: {}})
def revoke_key(key_id: str, user: CurrentUser, db: DB):
    row = db.get(ApiKey, key_id)
    if row is None or row.user_id != user.id:
        raise APIError(404, f"no API key with id {key_id!r}", "key_not_found")
    row.revoked = True
    db.commit()
    return {"id": key_id, "revoked": True}
