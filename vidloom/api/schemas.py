"""Response and request bodies. Video, VideoList and VideoDeleted match the `openai` package's types."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, Field


class VideoError(BaseModel):
    code: str
    message: str


class Video(BaseModel):
    """A video job, as OpenAI's Videos API returns it."""

    id: str
    object: Literal["video"] = "video"
    created_at: int
    completed_at: Optional[int] = None
    expires_at: Optional[int] = None
    error: Optional[VideoError] = None
    model: str
    progress: int
    prompt: Optional[str] = None
    remixed_from_video_id: Optional[str] = None
    seconds: str
    size: str
    status: Literal["queued", "in_progress", "completed", "failed"]


class VideoList(BaseModel):
    object: Literal["list"] = "list"
    data: list[Video]
    first_id: Optional[str] = None
    last_id: Optional[str] = None
    has_more: bool


class VideoDeleted(BaseModel):
    id: str
    object: Literal["video.deleted"] = "video.deleted"
    deleted: bool


class CreateVideo(BaseModel):
    """POST /v1/videos as JSON (multipart/form-data takes the same fields plus an input_reference file)."""

    prompt: str = Field(min_length=1, max_length=4000)
    model: Optional[str] = None
    seconds: Optional[str | int] = None
    size: Optional[str] = None
    seed: Optional[int] = Field(default=None, ge=0, le=2**31 - 1)


class RemixVideo(BaseModel):
    prompt: str = Field(min_length=1, max_length=4000)
    strength: Optional[Literal["subtle", "mild", "strong"] | float] = None


class Credentials(BaseModel):
    email: str = Field(max_length=320)
    password: str = Field(min_length=1, max_length=1000)


class Account(BaseModel):
    id: str
    email: str
    plan: str
    csrf_token: Optional[str] = None


class Usage(BaseModel):
    plan: str
    monthly_videos: int
    used_this_month: int
    active_jobs: int
    concurrent_jobs: int
    remaining: int


class NewKey(BaseModel):
    id: str
    key: str


class KeyInfo(BaseModel):
    id: str
    hint: str
    created_at: int


class FeedItem(BaseModel):
    id: str
    author: str  # the publisher's handle: the part of their email before the @
    prompt: str
    seconds: str
    size: str
    model: str
    likes: int
    liked: bool
    published_at: int
    remixed_from_video_id: Optional[str] = None
    remixed_from_prompt: Optional[str] = None  # GET /v1/feed/{id} only, when that video is published too


class Feed(BaseModel):
    object: Literal["list"] = "list"
    data: list[FeedItem]


class QueueItem(BaseModel):
    """A job in the studio's queue: OpenAI's Video object plus the operation and settings it runs with."""

    video: Video
    operation: str
    settings: dict


class Queue(BaseModel):
    object: Literal["list"] = "list"
    data: list[QueueItem]


class LibraryUpdate(BaseModel):
    favourite: Optional[bool] = None
    folder_id: Optional[str] = Field(default=None, max_length=40)


class FolderIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)


class FolderOut(BaseModel):
    id: str
    name: str


class FeedbackIn(BaseModel):
    kind: Literal["appeal", "feedback"]
    message: str = Field(min_length=1, max_length=4000)
    video_id: Optional[str] = Field(default=None, max_length=40)


class FeedbackOut(BaseModel):
    id: str
    kind: str
    received: bool = True


class StudioJob(BaseModel):
    """A studio operation: a prompt, named input videos (yours or published ones) and the operation's parameters."""

    prompt: str = Field(min_length=1, max_length=4000)
    model: Optional[str] = None
    seconds: Optional[str | int] = None
    size: Optional[str] = None
    seed: Optional[int] = Field(default=None, ge=0, le=2**31 - 1)
    n: Literal[1, 2, 4] = 1  # variations: n jobs with seeds seed, seed+1, ...
    inputs: dict[str, str] = Field(default_factory=dict, max_length=16)  # input name -> video id
    params: dict = Field(default_factory=dict)


class Operations(BaseModel):
    object: Literal["list"] = "list"
    data: list[str]


class Preset(BaseModel):
    name: str
    description: str


class Presets(BaseModel):
    object: Literal["list"] = "list"
    data: list[Preset]
