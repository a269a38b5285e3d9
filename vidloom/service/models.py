"""Tables: users, their keys and sessions, video jobs, monthly usage, likes, folders, feedback, storyboard drafts."""
from __future__ import annotations

import secrets
import time

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def now() -> float:
    return time.time()


def new_id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(12)}"


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[str] = mapped_column(String(40), primary_key=True, default=lambda: new_id("user"))
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(200))
    plan: Mapped[str] = mapped_column(String(20), default="plus")
    created_at: Mapped[float] = mapped_column(Float, default=now)
    touched_at: Mapped[float] = mapped_column(Float, default=now)  # written to serialise a user's quota checks


class ApiKey(Base):
    __tablename__ = "api_keys"
    id: Mapped[str] = mapped_column(String(40), primary_key=True, default=lambda: new_id("key"))
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 of the key
    hint: Mapped[str] = mapped_column(String(20))  # last characters, to tell keys apart
    created_at: Mapped[float] = mapped_column(Float, default=now)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class WebSession(Base):
    __tablename__ = "web_sessions"
    hash: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the cookie value
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[float] = mapped_column(Float)


class Video(Base):
    """A generation job and, once completed, its files (storage keys)."""

    __tablename__ = "videos"
    id: Mapped[str] = mapped_column(String(40), primary_key=True, default=lambda: new_id("video"))
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="queued")  # queued in_progress completed failed cancelled
    progress: Mapped[int] = mapped_column(Integer, default=0)
    operation: Mapped[str] = mapped_column(String(40), default="generate")
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    model: Mapped[str] = mapped_column(String(80))
    prompt: Mapped[str] = mapped_column(Text)
    seconds: Mapped[str] = mapped_column(String(10))
    size: Mapped[str] = mapped_column(String(20))
    priority: Mapped[int] = mapped_column(Integer, default=0)
    attempt: Mapped[int] = mapped_column(Integer, default=0)
    heartbeat_at: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[float] = mapped_column(Float, default=now)
    started_at: Mapped[float | None] = mapped_column(Float)  # when a worker last claimed it (for measured run times)
    completed_at: Mapped[float | None] = mapped_column(Float)
    expires_at: Mapped[float | None] = mapped_column(Float)  # when its media is removed (retention), if ever
    error_code: Mapped[str | None] = mapped_column(String(60))
    error_message: Mapped[str | None] = mapped_column(Text)
    remixed_from_video_id: Mapped[str | None] = mapped_column(String(40))
    input_key: Mapped[str | None] = mapped_column(String(80))
    video_key: Mapped[str | None] = mapped_column(String(80))
    thumbnail_key: Mapped[str | None] = mapped_column(String(80))
    spritesheet_key: Mapped[str | None] = mapped_column(String(80))
    charged: Mapped[bool] = mapped_column(Boolean, default=False)
    published_at: Mapped[float | None] = mapped_column(Float)
    featured: Mapped[bool] = mapped_column(Boolean, default=False)
    likes: Mapped[int] = mapped_column(Integer, default=0)
    favourite: Mapped[bool] = mapped_column(Boolean, default=False)
    folder_id: Mapped[str | None] = mapped_column(ForeignKey("folders.id", ondelete="SET NULL"))
    notices: Mapped[list | None] = mapped_column(JSON)  # what the engine drew otherwise than asked

    __table_args__ = (Index("ix_videos_claim", "status", "priority", "created_at"),
                      Index("ix_videos_user_created", "user_id", "created_at"))


class JobInput(Base):
    """A named input file of a job (e.g. the two clips of a blend, the cards of a storyboard)."""

    __tablename__ = "job_inputs"
    video_id: Mapped[str] = mapped_column(ForeignKey("videos.id", ondelete="CASCADE"), primary_key=True)
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    key: Mapped[str] = mapped_column(String(80), index=True)
    source_video_id: Mapped[str | None] = mapped_column(String(40))


class Usage(Base):
    """Videos charged to a user in one calendar month (UTC), period 'YYYY-MM'."""

    __tablename__ = "usage"
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    period: Mapped[str] = mapped_column(String(7), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class Like(Base):
    __tablename__ = "likes"
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    video_id: Mapped[str] = mapped_column(ForeignKey("videos.id", ondelete="CASCADE"), primary_key=True)


class Folder(Base):
    __tablename__ = "folders"
    id: Mapped[str] = mapped_column(String(40), primary_key=True, default=lambda: new_id("folder"))
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[float] = mapped_column(Float, default=now)


class Feedback(Base):
    """An appeal of a refusal or other feedback on a video."""

    __tablename__ = "feedback"
    id: Mapped[str] = mapped_column(String(40), primary_key=True, default=lambda: new_id("feedback"))
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    video_id: Mapped[str | None] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[float] = mapped_column(Float, default=now)


class AuthAttempt(Base):
    """A failed log-in or a sign-up, counted against an account or an address (see service.throttle)."""

    __tablename__ = "auth_attempts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(20))  # login-account, login-address, signup-address
    subject: Mapped[str] = mapped_column(String(64))  # sha256 of the e-mail or address
    at: Mapped[float] = mapped_column(Float, default=now)

    __table_args__ = (Index("ix_auth_attempts_kind_subject_at", "kind", "subject", "at"),)


class Invite(Base):
    """A one-time sign-up code made by the operator (`vidloom keys invite`) for invite-only sign-up."""

    __tablename__ = "invites"
    hash: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the code
    created_at: Mapped[float] = mapped_column(Float, default=now)
    used_by: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class File(Base):
    """An uploaded file (OpenAI's /v1/files): a user's name for a stored key, usable as an input_reference."""

    __tablename__ = "files"
    id: Mapped[str] = mapped_column(String(40), primary_key=True, default=lambda: f"file-{secrets.token_hex(12)}")
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(40))
    filename: Mapped[str] = mapped_column(String(255))
    bytes: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(80), index=True)
    media_type: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[float] = mapped_column(Float, default=now)


class WebhookEndpoint(Base):
    """An operator-named URL that receives signed video.completed / video.failed events."""

    __tablename__ = "webhook_endpoints"
    id: Mapped[str] = mapped_column(String(40), primary_key=True, default=lambda: new_id("whep"))
    url: Mapped[str] = mapped_column(String(2000))
    secret: Mapped[str] = mapped_column(String(100))  # whsec_<base64>, as OpenAI issues them
    events: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[float] = mapped_column(Float, default=now)


class WebhookDelivery(Base):
    """One event to one endpoint, and how its delivery went (the delivery log and the outbox in one)."""

    __tablename__ = "webhook_deliveries"
    id: Mapped[str] = mapped_column(String(40), primary_key=True, default=lambda: new_id("wh"))  # webhook-id header
    endpoint_id: Mapped[str] = mapped_column(ForeignKey("webhook_endpoints.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[str] = mapped_column(String(40))
    event_type: Mapped[str] = mapped_column(String(40))
    body: Mapped[str] = mapped_column(Text)  # the exact JSON that is signed and sent
    status: Mapped[str] = mapped_column(String(20), default="pending")  # pending delivered failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[float] = mapped_column(Float, default=now)
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[float] = mapped_column(Float, default=now)
    delivered_at: Mapped[float | None] = mapped_column(Float)

    __table_args__ = (Index("ix_webhook_deliveries_due", "status", "next_attempt_at"),)


class Character(Base):
    """A reusable look (OpenAI's video character) read from an uploaded clip; a prompt naming it gets its description."""

    __tablename__ = "characters"
    __table_args__ = (Index("ix_characters_user_name", "user_id", "name_key", unique=True),)
    id: Mapped[str] = mapped_column(String(40), primary_key=True, default=lambda: new_id("char"))
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(80))
    name_key: Mapped[str] = mapped_column(String(80))  # the name folded for matching in prompts
    kind: Mapped[str | None] = mapped_column(String(20))  # a world object, or None when nothing named one
    colour: Mapped[str | None] = mapped_column(String(20))  # a world colour, or None when the clip showed none
    description: Mapped[str] = mapped_column(String(200))  # what replaces the name in a prompt: "a red ball"
    read: Mapped[dict] = mapped_column(JSON)  # where the kind and colour came from, and the colour's share
    created_at: Mapped[float] = mapped_column(Float, default=now)


class StoryboardDraft(Base):
    """A storyboard being laid out in the studio, kept on the server so it follows its owner between browsers."""

    __tablename__ = "storyboard_drafts"
    __table_args__ = (Index("ix_storyboard_drafts_user_updated", "user_id", "updated_at"),)
    id: Mapped[str] = mapped_column(String(40), primary_key=True, default=lambda: new_id("draft"))
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    board: Mapped[dict] = mapped_column(JSON)  # {aspect, cards}: as the API's StoryboardBoard validates it
    created_at: Mapped[float] = mapped_column(Float, default=now)
    updated_at: Mapped[float] = mapped_column(Float, default=now)


class EventStreamSlot(Base):
    """One of a user's event-stream slots (0 .. per-user cap - 1), held by one open stream in any API process.
    The primary key makes taking a slot atomic across processes; an unrenewed lease (a dead process) expires."""

    __tablename__ = "event_stream_slots"
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    slot: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    holder: Mapped[str] = mapped_column(String(40))  # a token of the stream holding it
    expires_at: Mapped[float] = mapped_column(Float)
