"""Moderation of prompts, uploads and outputs.

Every text that reaches an engine goes through `check_prompt` (directly, or through
`check_prompts` for a job's prompt plus its storyboard cards and character names). It runs the
configured chain of moderators (`moderators`: the offline multilingual `lexicon` by default; the
trained n-gram `classifier`, the `http` one of an operator's own service, and any others, opt-in). Images and frames go through `nudity.moderate_frames`. Nothing here
imports torch unless the operator enables the `meaning` moderator.
"""
from __future__ import annotations

from .moderators import Moderator, moderate
from .policy import CATEGORIES, Refusal, Verdict, refusal


def check_prompt(prompt: str, chain=None) -> Refusal | None:
    """The refusal of one prompt, naming its category, or None when it may be generated."""
    return moderate(prompt or "", chain).refusal("prompt")


def warm_up(chain=None) -> None:
    """Load what the chain reads (term lists, WordNet for a harm word's everyday sense, weights) now, not in
    the first request that needs it."""
    check_prompt("a chef cutting onions", chain)


def prompts_of(prompt: str, params: dict | None) -> list[tuple[str, str]]:
    """(field, text) of every text of a job that reaches an engine: the prompt, each storyboard
    card's prompt (`params.cards[i].prompt`) and each character's name (`params.characters[i].name`)."""
    params = params if isinstance(params, dict) else {}
    texts = [("prompt", prompt or "")]
    for key, field in (("cards", "prompt"), ("characters", "name")):
        items = params.get(key)
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and item.get(field) is not None:
                texts.append((f"params.{key}[{i}].{field}", str(item[field])))
    return texts


def check_prompts(prompt: str, params: dict | None, chain=None) -> tuple[str, Refusal] | None:
    """The first (field, refusal) among a job's texts (see `prompts_of`), or None when all may be generated."""
    for field, text in prompts_of(prompt, params):
        found = check_prompt(text, chain)
        if found:
            return field, found
    return None


__all__ = ["CATEGORIES", "Moderator", "Refusal", "Verdict", "check_prompt", "check_prompts", "moderate", "prompts_of",
           "refusal", "warm_up"]
