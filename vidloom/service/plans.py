"""Plans and monthly quotas, and the bounds a plan puts on what one job may cost. A video is charged only
when it completes (see jobs.complete)."""
from __future__ import annotations

import calendar
import time
from dataclasses import dataclass
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, ValidationError, field_validator


@dataclass(frozen=True)
class Plan:
    name: str
    monthly_videos: int
    concurrent_jobs: int  # jobs run at once; more wait in the queue
    queued_jobs: int  # jobs queued or running at once: beyond this a request is refused (bounds the backlog)
    priority: int  # higher is served first
    watermark: bool  # visible watermark on every frame
    max_pixels: int  # largest requested size (width * height) the plan may ask for
    max_steps: int  # sampler steps one job may ask for
    max_seconds: float  # seconds of new footage one job may ask for (an extension, a storyboard's cards)
    max_cards: int  # cards of one storyboard


PLANS = {
    "plus": Plan("plus", monthly_videos=50, concurrent_jobs=2, queued_jobs=12, priority=0, watermark=True,
                 max_pixels=1280 * 720, max_steps=50, max_seconds=16, max_cards=8),
    "pro": Plan("pro", monthly_videos=500, concurrent_jobs=5, queued_jobs=30, priority=10, watermark=False,
                max_pixels=1792 * 1024, max_steps=100, max_seconds=24, max_cards=16),
}

Number = Optional[StrictFloat]  # strict: ints pass, but not true or "5"


class CardParams(BaseModel):
    """One storyboard card as a job carries it: {prompt, start, seconds, image? or video?, cut?}."""

    model_config = ConfigDict(extra="forbid")

    prompt: str = Field(min_length=1, max_length=4000)
    start: StrictFloat = Field(ge=0)
    seconds: StrictFloat = Field(gt=0)
    image: Optional[str] = Field(default=None, max_length=40)  # an input's name
    video: Optional[str] = Field(default=None, max_length=40)  # an input's name
    cut: Optional[bool] = None

    @field_validator("prompt")
    @classmethod
    def _visible(cls, prompt: str) -> str:
        if not prompt.strip() or "\x00" in prompt:
            raise ValueError("a card's prompt must have words (and no NUL)")
        return prompt


class CostParams(BaseModel):
    """The job parameters that set what a job costs, or that a worker would trip over, checked at submit
    (types and ranges here, the plan's bounds in `check_params`); the others pass through to the operation."""

    model_config = ConfigDict(extra="allow")

    steps: Optional[StrictInt] = Field(default=None, ge=1)
    seconds: Number = Field(default=None, gt=0)  # extend: new footage
    start: Number = Field(default=None, ge=0)  # recut
    end: Number = Field(default=None, gt=0)  # recut
    length: Optional[Literal["short", "normal", "long"]] = None  # loop
    cards: Optional[list[CardParams]] = None  # storyboard


class ParamError(ValueError):
    """A parameter out of its type, range or the plan's bound; `param` names it (e.g. 'params.steps')."""

    def __init__(self, param: str, message: str):
        super().__init__(f"{param}: {message}")
        self.param = param


def check_params(plan: Plan, params: dict) -> dict:
    """`params` when the plan allows what they cost; ParamError naming the first that it does not."""
    try:
        found = CostParams.model_validate(params)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(map(str, first["loc"][:3 if first["loc"][0] == "cards" else 1]))  # cards.N.field
        raise ParamError(f"params.{where}", first["msg"]) from None
    if found.steps is not None and found.steps > plan.max_steps:
        raise ParamError("params.steps", f"{found.steps} steps is more than the {plan.name} plan allows "
                                         f"({plan.max_steps})")
    if found.seconds is not None and found.seconds > plan.max_seconds:
        raise ParamError("params.seconds", f"{found.seconds:g} s is more than the {plan.name} plan allows "
                                           f"({plan.max_seconds:g} s)")
    if found.start is not None and found.end is not None and found.end <= found.start:
        raise ParamError("params.end", f"the end {found.end:g} s must come after the start {found.start:g} s")
    if found.cards is not None:
        if len(found.cards) > plan.max_cards:
            raise ParamError("params.cards", f"{len(found.cards)} cards is more than the {plan.name} plan allows "
                                             f"({plan.max_cards})")
        lengths = [card.seconds for card in found.cards]
        if sum(lengths) > plan.max_seconds:
            raise ParamError("params.cards", f"the cards last {sum(lengths):g} s, more than the {plan.name} plan "
                                             f"allows ({plan.max_seconds:g} s)")
    return params


def get_plan(name: str) -> Plan:
    try:
        return PLANS[name]
    except KeyError:
        raise ValueError(f"unknown plan {name!r}: choose {' or '.join(PLANS)}") from None


def period(at: float | None = None) -> str:
    """The quota period (UTC calendar month) holding the time `at`, as 'YYYY-MM'."""
    return time.strftime("%Y-%m", time.gmtime(time.time() if at is None else at))


def seconds_to_reset(at: float | None = None) -> int:
    """Seconds from `at` until the next month starts (UTC), when quotas reset."""
    t = time.gmtime(time.time() if at is None else at)
    year, month = (t.tm_year + 1, 1) if t.tm_mon == 12 else (t.tm_year, t.tm_mon + 1)
    return max(1, int(calendar.timegm((year, month, 1, 0, 0, 0)) - (time.time() if at is None else at)))
