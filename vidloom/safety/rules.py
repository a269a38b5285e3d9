"""Prompt rules: blocked categories matched by word patterns (fast, no model, used by the API)."""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Refusal:
    """Why a request is refused: a category and one sentence for the person."""

    category: str
    message: str


def _words(*patterns: str) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(patterns) + r")\b", re.IGNORECASE)


BLOCKED: dict[str, re.Pattern] = {
    "sexual": _words(r"nude", r"naked", r"porn\w*", r"sex(?:ual|ually)?", r"nsfw", r"explicit", r"erotic\w*",
                     r"genitals?", r"topless", r"hentai", r"strip(?:per|tease)"),
    "minors_sexual": _words(r"child (?:porn|abuse)", r"cp", r"loli\w*", r"underage (?:sex|nude|naked)"),
    "graphic_violence": _words(r"gore", r"gory", r"dismember\w*", r"decapitat\w*", r"behead\w*", r"disembowel\w*",
                               r"mutilat\w*", r"torture[ds]?", r"blood(?:y|bath)? massacre", r"snuff"),
    "self_harm": _words(r"suicide", r"self[- ]harm", r"cutting (?:my|your|her|his) wrists?", r"kill (?:myself|yourself)"),
    "hate": _words(r"nazi propaganda", r"ethnic cleansing", r"genocide", r"white power", r"lynch\w*"),
    "weapons": _words(r"(?:build|make) a bomb", r"pipe bomb", r"school shooting", r"mass shooting", r"terror attack"),
}

LABELS = {
    "sexual": "sexual content", "minors_sexual": "sexual content involving minors",
    "graphic_violence": "graphic violence", "self_harm": "self-harm", "hate": "hateful content",
    "weapons": "violent extremism or weapons",
}


def refusal(category: str) -> Refusal:
    return Refusal(category, f"the prompt was refused by moderation ({LABELS[category]}): "
                             "rephrase it, or send an appeal if you think this is a mistake")


def check_prompt(prompt: str) -> Refusal | None:
    """The first blocked category the prompt matches, or None when it may be generated."""
    for category, pattern in BLOCKED.items():
        if pattern.search(prompt or ""):
            return refusal(category)
    return None
