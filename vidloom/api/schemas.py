"""Response and request bodies. Video, VideoList and VideoDeleted match the `openai` package's types."""
from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Literal, Optional

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictInt, StrictStr

MAX_PROMPT = 32000  # OpenAI's limit (vidloom.api.openai_contract)


def _prompt(text: str) -> str:
    if any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in text):
        raise ValueError("the prompt contains control characters (such as NUL)")
    if all(c.isspace() or unicodedata.category(c) == "Cf" for c in text):  # Cf: zero-width and other invisibles
        raise ValueError("the prompt is empty or only spaces")
    return text


def _seconds(value: str | int) -> str | int:
    if isinstance(value, str) and not re.fullmatch(r"[0-9]{1,3}(\.[0-9]{1,3})?", value.strip()):
        raise ValueError("seconds must be a number written with the digits 0-9, such as '4'")
    return value


Prompt = Annotated[str, Field(min_length=1, max_length=MAX_PROMPT), AfterValidator(_prompt)]
Seconds = Annotated[StrictStr | StrictInt, AfterValidator(_seconds)]  # OpenAI sends "4"; true is not a number


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
    # vidloom's extension: what the engine drew otherwise than asked ('"dragon" is not one of the world's
    # objects; drawn as the nearest one, a fish'); absent when it drew the prompt as written
    notices: Optional[list[str]] = None


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

    prompt: Prompt
    model: Optional[str] = None
    seconds: Optional[Seconds] = None
    size: Optional[str] = None
    seed: Optional[int] = Field(default=None, ge=0, le=2**31 - 1)


class RemixVideo(BaseModel):
    model_config = ConfigDict(extra="forbid")

    prompt: Prompt
    strength: Optional[Literal["subtle", "mild", "strong"] | float] = None


class Credentials(BaseModel):
    email: str = Field(max_length=320)
    password: str = Field(min_length=1, max_length=1000)


class SignUp(Credentials):
    invite: Optional[str] = Field(default=None, max_length=100)  # needed when the server is invite-only


class SignedUp(BaseModel):
    """The answer to every accepted sign-up, whether or not the e-mail had an account already."""

    email: str
    message: str


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
    max_seconds: float  # the plan's bound on one job's new footage (a storyboard's total, an extension)
    max_cards: int  # the plan's most storyboard cards


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
    """A job in the studio's queue: OpenAI's Video object plus the operation and settings it runs with and, while
    it is active, where it stands (see vidloom.service.eta): its place among the waiting jobs (1: next), how many
    wait in all, and when it should start and finish (Unix seconds; None until a job has been measured)."""

    video: Video
    operation: str
    settings: dict
    position: Optional[int] = None
    waiting: Optional[int] = None
    estimated_start_at: Optional[int] = None
    estimated_finish_at: Optional[int] = None


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
    """A studio operation: a prompt, named inputs (video ids, yours or published ones, or your /v1/files ids) and the
    operation's parameters."""

    prompt: Prompt
    model: Optional[str] = None
    seconds: Optional[Seconds] = None
    size: Optional[str] = None
    seed: Optional[int] = Field(default=None, ge=0, le=2**31 - 1)
    n: Literal[1, 2, 4] = 1  # variations: n jobs with seeds seed, seed+1, ...
    inputs: dict[str, str] = Field(default_factory=dict, max_length=16)  # input name -> video or file id
    params: dict = Field(default_factory=dict)


MAX_DRAFT_CARDS = 16  # the most cards any plan's storyboard takes (Pro)


class DraftCard(BaseModel):
    """One card of a storyboard draft as the studio lays it out: a prompt, maybe one of my videos or an uploaded
    image (a /v1/files id), its length and how it joins the card before."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["prompt", "image", "video"] = "prompt"
    prompt: str = Field(default="", max_length=4000)
    seconds: int = Field(default=2, ge=1, le=24)
    cut: bool = False
    video: Optional[str] = Field(default=None, max_length=40)
    image: Optional[str] = Field(default=None, max_length=40)
    image_name: Optional[str] = Field(default=None, max_length=255)


class DraftIn(BaseModel):
    """A storyboard draft to save: its name, aspect and cards (every field is replaced on update)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(default="Untitled board", min_length=1, max_length=100)
    aspect: Literal["16:9", "9:16", "1:1"] = "16:9"
    cards: list[DraftCard] = Field(default_factory=list, max_length=MAX_DRAFT_CARDS)


class Draft(DraftIn):
    id: str
    object: Literal["storyboard.draft"] = "storyboard.draft"
    created_at: int
    updated_at: int


class DraftList(BaseModel):
    object: Literal["list"] = "list"
    data: list[Draft]


class DraftDeleted(BaseModel):
    id: str
    object: Literal["storyboard.draft.deleted"] = "storyboard.draft.deleted"
    deleted: bool


class Operations(BaseModel):
    object: Literal["list"] = "list"
    data: list[str]


class Preset(BaseModel):
    name: str
    description: str


class Presets(BaseModel):
    object: Literal["list"] = "list"
    data: list[Preset]


class FileObject(BaseModel):
    """An uploaded file, as OpenAI's Files API returns it."""

    id: str
    object: Literal["file"] = "file"
    bytes: int
    created_at: int
    filename: str
    purpose: str
    status: Literal["uploaded", "processed", "error"] = "processed"
    expires_at: Optional[int] = None


class FileList(BaseModel):
    object: Literal["list"] = "list"
    data: list[FileObject]
    first_id: Optional[str] = None
    last_id: Optional[str] = None
    has_more: bool = False


class FileDeleted(BaseModel):
    id: str
    object: Literal["file"] = "file"
    deleted: bool


class ModelObject(BaseModel):
    """A model, as OpenAI's Models API returns it, plus what vidloom makes under it (an extension)."""

    id: str
    object: Literal["model"] = "model"
    created: int
    owned_by: str
    sizes: list[str]  # vidloom: the sizes a create request may name
    seconds: list[str]  # vidloom: the lengths a create request may name
    native_sizes: list[str]  # vidloom: what the engine draws before the MP4 is resized to the requested size
    engine: str  # vidloom: the engine that runs it


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[ModelObject]
