"""Characters (OpenAI's video characters): a user's named look read from a clip, put into later prompts by name.

On vidloom-mini a look is a world object and colour: the colour is the dominant non-background
colour of the clip's frames, the object the one the clip's own vidloom prompt (its metadata)
grounds to, else the one the character's name grounds to. A prompt that says the name (or
`@name`, or the id) gets the look's description ("a red ball") in its place before grounding.
numpy only: no torch here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..media.video import evenly_spaced
from ..world.colour_words import world_colour_indices
from ..world.grounding import describe, ground
from ..world.slots import Slots
from ..world.vocab import COLOURS
from .models import Character, User

MAX_NAME = 80
MAX_PER_USER = 200  # bounds the work of putting characters into every prompt
MAX_MENTIONS = 10  # mentions replaced in one prompt: bounds how much longer a prompt grows
FRAMES_READ = 16  # frames sampled across the clip for its colour
BORDER = 0.1  # the outer tenth of each side shows the background
MOVED = 60  # summed RGB change from a pixel's median that counts as movement
MIN_SHARE = 0.003  # the least share of the inner pixels that counts as seen


class DuplicateName(ValueError):
    """The user already has a character of this name."""


class TooMany(ValueError):
    """The user has MAX_PER_USER characters."""


@dataclass(frozen=True)
class Look:
    """What was read from a clip: the world object and colour, the words a prompt gets, and where each came from."""

    kind: str | None
    colour: str | None
    description: str
    read: dict


def fold(name: str) -> str:
    """A name as matched in prompts: case-folded, runs of spaces as one."""
    return " ".join(name.casefold().split())


def _world_colours(frames: np.ndarray) -> np.ndarray:
    """The world colour index of every pixel [T, H, W]; pixels are quantised to 5 bits a channel and each
    distinct value is classified once."""
    q = (frames >> 3).astype(np.int32)
    codes = (q[..., 0] << 10) | (q[..., 1] << 5) | q[..., 2]
    distinct, inverse = np.unique(codes.ravel(), return_inverse=True)
    rgb = np.stack([(distinct >> 10) & 31, (distinct >> 5) & 31, distinct & 31], -1) * 8 + 4
    return world_colour_indices(rgb)[inverse].reshape(codes.shape)


def dominant_colour(frames: np.ndarray) -> tuple[str | None, float]:
    """The world colour of the clip's subject and its share of the inner frame; (None, 0.0) when none stands out.

    The background is what does not move (each pixel's median over the sampled frames) and what fills
    the frame's border: the subject's colour is the one the moving pixels of the inner frame show more
    than those of the border. A clip where nothing moves is read from all its pixels the same way."""
    picks = frames[evenly_spaced(len(frames), FRAMES_READ)]
    step = max(1, max(picks.shape[1:3]) // 256)
    picks = picks[:, ::step, ::step]
    index = _world_colours(picks)  # [T, h, w]
    _, h, w = index.shape
    b = max(1, round(min(h, w) * BORDER))
    border = np.ones((h, w), bool)
    border[b:h - b, b:w - b] = False
    moving = np.abs(picks.astype(np.int16) - np.median(picks, axis=0)).sum(-1) > MOVED
    weight = moving if moving[:, ~border].mean() > MIN_SHARE else np.ones(index.shape, bool)

    def share(region: np.ndarray) -> np.ndarray:  # of each world colour among the region's weighted pixels
        return np.bincount(index[:, region][weight[:, region]], minlength=len(COLOURS)) / max(1, index[:, region].size)

    inner = share(~border)
    excess = inner - share(border)
    best = int(excess.argmax())
    seen = excess[best] > 0 and inner[best] >= MIN_SHARE
    return (list(COLOURS)[best], round(float(inner[best]), 4)) if seen else (None, 0.0)


def look_of(frames: np.ndarray, name: str, metadata: dict) -> Look:
    """The look of a character called `name` from its clip's frames [T, H, W, 3] and MP4 metadata."""
    colour, share = dominant_colour(frames)
    prompt = metadata.get("prompt") if isinstance(metadata.get("prompt"), str) else None
    kind, kind_from = None, None
    for source, text in (("clip prompt", prompt), ("name", name)):
        if text and (found := ground(text).slots.kind):
            kind, kind_from = found, source
            break
    if kind:
        description = describe(Slots(colour=colour, kind=kind))
    else:  # the engine draws its nearest object to the name itself
        description = f"{'an' if colour[0] in 'aeiou' else 'a'} {colour} {name}" if colour else name
    read = {"colour_from": "frames" if colour else None, "colour_share": share, "kind_from": kind_from,
            "clip_prompt": prompt}
    return Look(kind, colour, description, read)


def create(db: Session, user: User, name: str, look: Look) -> Character:
    """Record a character for `user`; DuplicateName or TooMany. Commit is the caller's."""
    key = fold(name)
    mine = select(func.count()).select_from(Character).where(Character.user_id == user.id)
    if db.scalar(mine) >= MAX_PER_USER:
        raise TooMany(f"you have {MAX_PER_USER} characters, the most one account may keep")
    if db.scalar(mine.where(Character.name_key == key)):
        raise DuplicateName(f"you already have a character named {name!r}")
    row = Character(user_id=user.id, name=name, name_key=key, kind=look.kind, colour=look.colour,
                    description=look.description, read=look.read)
    db.add(row)
    db.flush()
    return row


def owned(db: Session, user: User, character_id: str) -> Character | None:
    row = db.get(Character, character_id) if isinstance(character_id, str) and len(character_id) <= 40 else None
    return row if row is not None and row.user_id == user.id else None


def cast(db: Session, user: User, prompt: str) -> str:
    """`prompt` with each of the user's characters it names (by name, `@name` or id, whole words, any case)
    replaced by the character's description (the first MAX_MENTIONS mentions); longer names first, so "Red Rex"
    wins over "Rex"."""
    rows = db.scalars(select(Character).where(Character.user_id == user.id)).all()
    if not rows:
        return prompt
    by_key = {r.name_key: r for r in rows} | {r.id.casefold(): r for r in rows}
    names = sorted(by_key, key=len, reverse=True)
    # one pass, so a description is never read again as another character's name
    pattern = re.compile(r"(?<![\w@])@?(" + "|".join(r"\s+".join(map(re.escape, k.split())) for k in names) + r")(?!\w)",
                         re.IGNORECASE)
    return pattern.sub(lambda m: by_key[fold(m.group(1))].description, prompt, count=MAX_MENTIONS)
