"""Users, API keys (stored as SHA-256 hashes, shown once) and browser sessions (argon2 passwords)."""
from __future__ import annotations

import hashlib
import secrets
import time

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from .models import ApiKey, User, Video, WebSession
from .plans import get_plan

SESSION_SECONDS = 14 * 24 * 3600
_hasher = PasswordHasher()


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def normalise_email(email: str) -> str:
    email = (email or "").strip().lower()
    local, at, domain = email.partition("@")
    if not at or not local or "." not in domain or len(email) > 320 or any(c.isspace() for c in email):
        raise ValueError(f"{email!r} is not an email address")
    return email


def create_user(db: Session, email: str, plan: str = "plus", password: str | None = None) -> User:
    """A new user; raises ValueError for a bad email, plan or password, or an email in use."""
    email = normalise_email(email)
    get_plan(plan)
    if password is not None and len(password) < 8:
        raise ValueError("the password must have at least 8 characters")
    if db.scalar(select(User).where(User.email == email)):
        raise ValueError(f"an account for {email} exists already")
    user = User(email=email, plan=plan, password_hash=_hasher.hash(password) if password else None)
    db.add(user)
    db.flush()
    return user


def get_or_create_user(db: Session, email: str, plan: str) -> User:
    user = db.scalar(select(User).where(User.email == normalise_email(email)))
    if user is None:
        return create_user(db, email, plan)
    user.plan = get_plan(plan).name
    return user


def set_plan(db: Session, email: str, plan: str) -> User:
    """Move an existing user to `plan`; their queued jobs take its priority. ValueError for an unknown user or plan."""
    chosen = get_plan(plan)
    user = db.scalar(select(User).where(User.email == normalise_email(email)))
    if user is None:
        raise ValueError(f"no account for {normalise_email(email)}")
    user.plan = chosen.name
    db.execute(update(Video).where(Video.user_id == user.id, Video.status == "queued").values(priority=chosen.priority))
    return user


def check_password(db: Session, email: str, password: str) -> User | None:
    try:
        user = db.scalar(select(User).where(User.email == normalise_email(email)))
    except ValueError:
        return None
    if user is None or not user.password_hash:
        _hasher.hash(password or "x")  # same work either way, so timing does not tell who has an account
        return None
    try:
        _hasher.verify(user.password_hash, password or "")
    except (VerificationError, InvalidHashError):
        return None
    return user


def create_key(db: Session, user: User) -> str:
    """A new API key for `user`; only its hash is stored, so this is the one time it is seen."""
    key = "sk-vl-" + secrets.token_urlsafe(32)
    db.add(ApiKey(user_id=user.id, hash=sha256(key), hint=key[-4:]))
    db.flush()
    return key


def user_for_key(db: Session, key: str) -> User | None:
    row = db.scalar(select(ApiKey).where(ApiKey.hash == sha256(key), ApiKey.revoked.is_(False)))
    return db.get(User, row.user_id) if row else None


def create_session(db: Session, user: User) -> tuple[str, str]:
    """(cookie value, CSRF token) of a new browser session."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
    db.add(WebSession(hash=sha256(token), user_id=user.id, csrf=csrf, expires_at=time.time() + SESSION_SECONDS))
    return token, csrf


def session_for_cookie(db: Session, token: str) -> WebSession | None:
    row = db.get(WebSession, sha256(token))
    return row if row and row.expires_at > time.time() else None


def end_session(db: Session, token: str) -> None:
    row = db.get(WebSession, sha256(token))
    if row:
        db.delete(row)
