"""Typed parameters of every operation (Pydantic), checked when a request is made, before any work.

Ranges that depend on the engine (duration, sizes) are checked by VideoSpec.check and the
capability lookup; these models check names, types and each operation's own choices.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import UserError
from ..spec import LONG_MAX_SECONDS


class Params(BaseModel):
    """What every operation takes. None means the operation's default (often read from its inputs)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    prompt: str = ""
    negative_prompt: str = ""
    seed: int = 0
    aspect: str | None = None  # None: the first input's, or 16:9
    seconds: float | None = None  # None: the operation's default
    fps: int | None = None  # None: 8, or the source's rate for a recut
    steps: int | None = None  # None: the engine's
    guidance: float | None = None  # None: the engine's
    variations: int = 1
    preset: str = "natural"

    @field_validator("seed")
    @classmethod
    def _seed(cls, seed: int) -> int:
        if not 0 <= seed < 2**63:
            raise ValueError(f"seed {seed} is out of range: choose 0 to {2**63 - 1}")
        return seed

    @field_validator("preset")
    @classmethod
    def _preset(cls, name: str) -> str:
        from ..features.presets import get_preset

        return get_preset(name).name

    @field_validator("prompt", "negative_prompt")
    @classmethod
    def _strip(cls, text: str) -> str:
        return text.strip()


class GenerateParams(Params):
    """Text-to-video; with a `video` input, the clip re-imagined with the prompt."""

    keep: float = Field(0.5, ge=0.0, le=1.0)  # how much of the `video` input is kept: 0 new, 1 the same


class ImageToVideoParams(Params):
    """The `image` input becomes frame `frame` (and a `last_image` the last frame) and the scene moves."""

    frame: int = Field(0, ge=0)


class RemixParams(Params):
    """How far the remix departs from its source: subtle, mild, strong or a number in (0, 1]."""

    strength: float = 0.5

    @field_validator("strength", mode="before")
    @classmethod
    def _strength(cls, strength) -> float:
        from ..features.remix import remix_strength

        return remix_strength(strength)


class BlendParams(Params):
    curve: str = "ease-in-out"

    @field_validator("curve")
    @classmethod
    def _curve(cls, curve: str) -> str:
        from ..features.blend import CURVES

        if curve not in CURVES:
            raise ValueError(f"unknown blend curve {curve!r}: choose one of {', '.join(CURVES)}")
        return curve


class LoopParams(Params):
    length: str = "normal"

    @field_validator("length")
    @classmethod
    def _length(cls, length: str) -> str:
        from ..features.loop import loop_seconds

        loop_seconds(length)
        return length.strip().lower()


class ExtendParams(Params):
    """`seconds` is the new footage added after (forward) or before (backward) the source."""

    direction: Literal["forward", "backward"] = "forward"

    @field_validator("direction", mode="before")
    @classmethod
    def _direction(cls, direction):
        if direction not in ("forward", "backward"):
            raise ValueError(f"unknown direction {direction!r}: choose forward or backward")
        return direction


class LongParams(Params):
    """`seconds` of video, to LONG_MAX_SECONDS, in windows of `window` seconds (None: the engine's longest)
    that carry their last `overlap` seconds forward."""

    seconds: float | None = Field(None, gt=0, le=LONG_MAX_SECONDS)
    window: float | None = Field(None, gt=0)
    overlap: float = Field(1.0, gt=0)


class RecutParams(Params):
    start: float = 0.0
    end: float | None = None


class CardParams(BaseModel):
    """One storyboard card; `image` and `video` name inputs of the request."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    prompt: str
    start: float = 0.0
    seconds: float = 4.0
    image: str | None = None
    video: str | None = None
    cut: bool = False


class StoryboardParams(Params):
    cards: list[CardParams] = Field(default_factory=list)


def parse(model: type[Params], values: dict) -> Params:
    """`values` as `model`; UserError naming the first bad field (and why) otherwise."""
    try:
        return model.model_validate(values)
    except ValidationError as e:
        first = e.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or None
        cause = (first.get("ctx") or {}).get("error")
        if isinstance(cause, ValueError):  # our own sentence, from a validator
            message = str(cause)
        elif first["type"] == "extra_forbidden":
            message = f"{field} is not a parameter of this operation"
        else:
            message = f"{field}: {first['msg'][:1].lower()}{first['msg'][1:]}" if field else first["msg"]
        raise UserError(message, param=field) from None
