"""Pluggable prompt moderation: the `Moderator` protocol, the chain an install runs, and an
OpenAI-compatible HTTP moderator for a classifier the operator hosts.

The chain is named by `VIDLOOM_MODERATORS` (comma-separated, default `lexicon`; `lexicon,classifier` adds the trained classifier); each
name is a built-in (`lexicon`: curated multilingual term lists, offline; `classifier`: a small
network over hashed n-grams trained by `python -m vidloom.safety.train_classifier`, numpy only,
offline, for wordings the lists lack; `multilingual`: a linear head over multilingual-e5-small's sentence
embeddings, trained by `python -m vidloom.safety.train_multilingual`, offline, needs
`vidloom[moderation-multilingual]`, for meaning in any language; `http`: POST to
`VIDLOOM_MODERATION_URL`, see `HTTPModerator`; `meaning`: MiniLM similarity, English; it loads
torch in every process that moderates, the API's included, so it is opt-in) or an entry point in the group `vidloom.moderators` whose object is a class or factory
taking no arguments and returning a Moderator. A prompt is refused when any moderator in the
chain blocks it; the first blocking verdict is the one reported.
"""
from __future__ import annotations

import json
import urllib.request
from functools import lru_cache
from importlib.metadata import entry_points
from typing import Protocol, runtime_checkable

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from .policy import ALLOWED, CATEGORIES, Verdict

ENTRY_POINT_GROUP = "vidloom.moderators"


@runtime_checkable
class Moderator(Protocol):
    """Judges one text. `name` says who judged in a verdict; `moderate_text` must not raise for
    any text (an unreachable service is a verdict of its own, see HTTPModerator)."""

    name: str

    def moderate_text(self, text: str) -> Verdict: ...


class ModerationSettings(BaseSettings):
    """Which moderators run, and how the HTTP one reaches its classifier."""

    model_config = SettingsConfigDict(env_prefix="VIDLOOM_", extra="ignore")

    moderators: str = "lexicon"
    moderation_url: str | None = None  # an OpenAI-compatible /v1/moderations endpoint
    moderation_api_key: str | None = None
    moderation_model: str | None = None
    moderation_timeout: float = Field(default=5.0, gt=0, le=60)
    moderation_threshold: float = Field(default=0.5, ge=0, le=1)  # category score that blocks
    moderation_fail_closed: bool = True  # refuse (category "unavailable") when the classifier cannot answer


# OpenAI moderation categories -> this policy's
OPENAI_CATEGORIES = {
    "sexual/minors": "minors_sexual", "sexual": "sexual", "violence/graphic": "graphic_violence",
    "violence": "graphic_violence", "self-harm": "self_harm", "self-harm/intent": "self_harm",
    "self-harm/instructions": "self_harm", "illicit/violent": "weapons", "hate": "hate",
    "hate/threatening": "hate", "harassment/threatening": "hate",
}


class HTTPModerator:
    """A classifier the operator hosts behind the OpenAI moderations API (`POST {"input": text}`,
    answer `{"results": [{"flagged", "categories", "category_scores"}]}`): Llama Guard, a
    fine-tuned model, or OpenAI's own endpoint. Its categories are mapped onto this policy's."""

    name = "http"

    def __init__(self, url: str, api_key: str | None = None, model: str | None = None, timeout: float = 5.0,
                 threshold: float = 0.5, fail_closed: bool = True):
        self.url, self.api_key, self.model, self.timeout = url, api_key, model, timeout
        self.threshold, self.fail_closed = threshold, fail_closed

    def moderate_text(self, text: str) -> Verdict:
        body = {"input": text, **({"model": self.model} if self.model else {})}
        headers = {"content-type": "application/json", **({"authorization": f"Bearer {self.api_key}"} if self.api_key else {})}
        request = urllib.request.Request(self.url, json.dumps(body).encode(), headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                result = json.loads(response.read(1 << 20))["results"][0]
            scores = {str(k): float(v) for k, v in (result.get("category_scores") or {}).items()}
            flags = {str(k) for k, v in (result.get("categories") or {}).items() if v}
        except (OSError, ValueError, KeyError, IndexError, TypeError, AttributeError) as e:
            if self.fail_closed:
                return Verdict("unavailable", 1.0, (f"{self.url}: {e.__class__.__name__}",), self.name)
            return ALLOWED
        ours: dict[str, float] = {}
        for theirs, score in scores.items():
            if theirs in OPENAI_CATEGORIES:
                mapped = OPENAI_CATEGORIES[theirs]
                ours[mapped] = max(ours.get(mapped, 0.0), score if theirs not in flags else max(score, self.threshold))
        for theirs in flags - scores.keys():
            if theirs in OPENAI_CATEGORIES:
                ours[OPENAI_CATEGORIES[theirs]] = 1.0
        blocked = [(s, c) for c, s in ours.items() if s >= self.threshold]
        if not blocked:
            return Verdict(None, max(ours.values(), default=0.0), (), self.name)
        order = list(CATEGORIES)
        score, category = max(blocked, key=lambda sc: (sc[0], -order.index(sc[1])))
        return Verdict(category, score, tuple(k for k in sorted(flags) if k in OPENAI_CATEGORIES), self.name)


class MeaningModerator:
    """MiniLM similarity to examples of each category (English paraphrases); loads torch."""

    name = "meaning"

    def moderate_text(self, text: str) -> Verdict:
        from .similarity import judge

        return judge(text)


def _builtin(name: str, settings: ModerationSettings) -> Moderator:
    if name == "lexicon":
        from .lexicon import LexiconModerator

        return LexiconModerator()
    if name == "http":
        if not settings.moderation_url:
            raise ValueError("the http moderator needs VIDLOOM_MODERATION_URL")
        return HTTPModerator(settings.moderation_url, settings.moderation_api_key, settings.moderation_model,
                             settings.moderation_timeout, settings.moderation_threshold, settings.moderation_fail_closed)
    if name == "meaning":
        return MeaningModerator()
    if name == "classifier":
        from .classifier import ClassifierModerator

        return ClassifierModerator()
    if name == "multilingual":
        from .multilingual import MultilingualModerator

        return MultilingualModerator()
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        if entry.name == name:
            moderator = entry.load()()
            if not isinstance(moderator, Moderator):
                raise TypeError(f"the moderator entry point {name!r} did not make a Moderator")
            return moderator
    raise ValueError(f"unknown moderator {name!r}: use lexicon, classifier, multilingual, http, meaning or a {ENTRY_POINT_GROUP} entry point")


def build_chain(settings: ModerationSettings | None = None) -> list[Moderator]:
    """The moderators `settings` name, in order."""
    settings = settings or ModerationSettings()
    names = [n.strip() for n in settings.moderators.split(",") if n.strip()]
    if not names:
        raise ValueError("VIDLOOM_MODERATORS names no moderator: keep at least 'lexicon'")
    return [_builtin(n, settings) for n in names]


@lru_cache(maxsize=1)
def default_chain() -> tuple[Moderator, ...]:
    """This process's chain, built once from the environment."""
    return tuple(build_chain())


def moderate(text: str, chain=None) -> Verdict:
    """The first blocking verdict of the chain on `text`, or the allowed one."""
    for moderator in default_chain() if chain is None else chain:
        verdict = moderator.moderate_text(text)
        if verdict.blocked:
            return verdict
    return ALLOWED
