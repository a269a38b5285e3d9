"""Users, API keys (stored as SHA-256 hashes, shown once), browser sessions (argon2 passwords), sign-up
(strong passwords, invites, per-address limits) and log-in (throttled per account and per address)."""
from __future__ import annotations

import hashlib
import secrets
import time

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from . import throttle
from .models import ApiKey, Invite, User, Video, WebSession
from .plans import get_plan
from .settings import Settings

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


def check_password_strength(password: str, email: str = "") -> None:
    """ValueError unless the password is at least 8 characters and not easy to guess (zxcvbn score >= 2)."""
    from zxcvbn import zxcvbn

    if len(password) < 8:
        raise ValueError("the password must have at least 8 characters")
    found = zxcvbn(password[:100], user_inputs=[email, *email.split("@")])  # its cost grows with the length
    if found["score"] < 2:
        hint = found["feedback"]["warning"] or "it is easy to guess"
        raise ValueError(f"choose a stronger password: {hint.rstrip('.')}; a few unrelated words work well")


def create_user(db: Session, email: str, plan: str = "plus", password: str | None = None) -> User:
    """A new user; raises ValueError for a bad email, plan or weak password, or an email in use."""
    email = normalise_email(email)
    get_plan(plan)
    if password is not None:
        check_password_strength(password, email)
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


def _login_limits(settings: Settings) -> tuple[throttle.Limit, throttle.Limit]:
    return (throttle.Limit("login-account", settings.login_failures_per_account, settings.login_lockout_seconds),
            throttle.Limit("login-address", settings.login_failures_per_address, settings.login_lockout_seconds))


def log_in(db: Session, settings: Settings, email: str, password: str, address: str) -> User | None:
    """The user whose password this is, None when wrong; throttle.Throttled after too many failures for
    the account or from the address, even with the right password (so guessing cannot go on)."""
    per_account, per_address = _login_limits(settings)
    message = "too many failed sign-ins: wait before trying again"
    throttle.check(db, per_account, email, message)
    throttle.check(db, per_address, address, message)
    user = check_password(db, email, password)
    if user is None:
        throttle.record(db, per_account, email)
        throttle.record(db, per_address, address)
    else:
        throttle.clear(db, per_account, email)
    db.commit()
    return user


def sign_up(db: Session, settings: Settings, email: str, password: str, address: str, invite: str | None) -> User | None:
    """A new Plus user, or None when the e-mail has an account already: the caller answers the same either
    way, so sign-up does not tell who has an account. ValueError for a bad e-mail, weak password or invite;
    throttle.Throttled after too many sign-ups from the address."""
    email = normalise_email(email)
    check_password_strength(password, email)
    per_address = throttle.Limit("signup-address", settings.signups_per_address, 3600.0)
    throttle.check(db, per_address, address, "too many new accounts from your address: try again later")
    code = None
    if settings.signup == "invite":
        code = db.get(Invite, sha256(invite or ""))
        if code is None or code.used_by is not None:
            raise ValueError("sign-up on this server needs an invite code that has not been used")
    throttle.record(db, per_address, address)
    if db.scalar(select(User).where(User.email == email)):
        _hasher.hash(password)  # the same work as a new account, so timing does not tell either
        db.commit()
        return None
    try:
        user = create_user(db, email, "plus", password)
    except IntegrityError:  # a concurrent sign-up with this e-mail won: answered like any existing e-mail
        db.rollback()
        return None
    if code is not None:
        code.used_by = user.id
    db.commit()
    return user


def create_invite(db: Session) -> str:
    """A one-time sign-up code for invite-only servers; only its hash is stored."""
    code = "inv-" + secrets.token_urlsafe(16)
    db.add(Invite(hash=sha256(code)))
    db.flush()
    return code


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
    return db.scalar(select(User).join(ApiKey, ApiKey.user_id == User.id)  # one query: it runs on every request
                     .where(ApiKey.hash == sha256(key), ApiKey.revoked.is_(False)))


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
