"""The moderation policy: its categories, a moderator's verdict, and the refusal a person sees."""
from __future__ import annotations

from dataclasses import dataclass

# Categories in order of precedence: when a prompt falls under several, the first one is named
CATEGORIES: dict[str, str] = {
    "minors_sexual": "sexual content involving minors",
    "real_people": "real people in sexual, violent or deceptive scenes",
    "sexual": "sexual content",
    "graphic_violence": "graphic violence",
    "self_harm": "self-harm",
    "weapons": "weapons or terrorism",
    "hate": "hateful content",
    "unavailable": "moderation is unavailable",  # a configured classifier could not be reached
}


@dataclass(frozen=True)
class Refusal:
    """Why a request is refused: a category and one sentence for the person."""

    category: str
    message: str


@dataclass(frozen=True)
class Verdict:
    """One moderator's judgement of one text or image: the category it falls under (None: allowed),
    a score in [0, 1] (how sure), the matched evidence and the moderator that said it."""

    category: str | None
    score: float = 0.0
    evidence: tuple[str, ...] = ()
    moderator: str = ""

    @property
    def blocked(self) -> bool:
        return self.category is not None

    def refusal(self, subject: str = "prompt") -> Refusal | None:
        return refusal(self.category, subject) if self.category else None


ALLOWED = Verdict(None)


def refusal(category: str, subject: str = "prompt") -> Refusal:
    """The refusal of a `subject` (prompt, image or video ...) under `category`, naming it."""
    if category == "unavailable":
        return Refusal(category, f"the {subject} could not be moderated right now: try again in a few minutes")
    fix = "rephrase it" if subject == "prompt" else "use another"
    return Refusal(category, f"the {subject} was refused by moderation ({CATEGORIES[category]}): "
                             f"{fix}, or send an appeal if you think this is a mistake")
