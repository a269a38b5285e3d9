"""Storyboard: a timeline of cards (a prompt, maybe an image or a clip, at a time) -> one continuous video."""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from ..errors import UserError
from ..spec import VideoSpec
from .base import CONTEXT_SECONDS, Progress, fit, frame_count, known, per_variation, require, run, stages
from .blend import blend

TRANSITION_SECONDS = 2.0  # generated footage across a join between two scenes
MIN_CARD_SECONDS = CONTEXT_SECONDS + TRANSITION_SECONDS / 2  # a card's share of its transitions


@dataclass(frozen=True)
class Card:
    """One scene: what it shows from `start` for `seconds`; `image` lands on its first frame, `video` plays from
    its start. `cut` starts it with a hard cut instead of flowing on from the scene before."""

    prompt: str
    start: float
    seconds: float
    image: np.ndarray | None = None
    video: np.ndarray | None = None
    video_fps: float | None = None
    cut: bool = False

    @property
    def end(self) -> float:
        return self.start + self.seconds


def check_cards(cards: list[Card], max_seconds: float) -> list[Card]:
    """The cards in time order; UserError when one is out of range or two overlap."""
    if not cards:
        raise UserError("the storyboard has no cards: add at least one")
    for n, card in enumerate(cards, start=1):
        if not card.prompt.strip():
            raise UserError(f"card {n} has no prompt: say what the scene shows")
        if card.start < 0 or card.seconds <= 0:
            raise UserError(f"card {n} is out of range (start {card.start:g} s, {card.seconds:g} s long): "
                            f"use a start of 0 or more and a positive duration")
        if card.end > max_seconds + 1e-9:
            raise UserError(f"card {n} ends at {card.end:g} s, past the {max_seconds:g} s a storyboard may last")
        if card.video is not None and len(card.video) / card.video_fps < CONTEXT_SECONDS:
            raise UserError(f"card {n}'s video is shorter than {CONTEXT_SECONDS:g} second: give a longer clip")
        if len(cards) > 1 and card.seconds < MIN_CARD_SECONDS:
            raise UserError(f"card {n} lasts {card.seconds:g} s: cards of a storyboard need at least "
                            f"{MIN_CARD_SECONDS:g} s, so the engine can join them")
        if card.image is not None and card.video is not None:
            raise UserError(f"card {n} has both an image and a video: give one")
    order = sorted(range(len(cards)), key=lambda i: cards[i].start)
    for i, j in zip(order, order[1:]):
        if cards[j].start < cards[i].end - 1e-9:
            raise UserError(f"cards {i + 1} and {j + 1} overlap: card {i + 1} runs to {cards[i].end:g} s "
                            f"but card {j + 1} starts at {cards[j].start:g} s")
    return [cards[i] for i in order]


def storyboard(engine, cards: list[Card], spec: VideoSpec, progress: Progress | None = None) -> list[np.ndarray]:
    """One scene per card, then a generated transition across each join that is not a cut.

    1. each card's scene is generated on its own (its image or clip as known frames), so it
       follows its card; a gap before a card is filled by that card's scene;
    2. each join becomes a blend of the scene before into the scene after: TRANSITION_SECONDS
       of generated footage with CONTEXT_SECONDS of each scene feathered in on either side.
    A card's image or clip lands at its start, or just after the transition into it.
    """
    require(engine, "text_to_video", "a storyboard")
    cards = check_cards(cards, engine.capabilities.max_seconds)
    if any(c.image is not None or c.video is not None for c in cards) or len(cards) > 1:
        require(engine, "conditioning_frames", "a storyboard with images, clips or several cards")
    fps = spec.fps
    ends = [frame_count(c.end, fps) for c in cards]
    starts = [0] + ends[:-1]
    half = frame_count(CONTEXT_SECONDS + TRANSITION_SECONDS / 2, fps)  # each scene's share of a transition
    joins = [n for n in range(1, len(cards)) if not cards[n].cut]
    calls = stages(progress, spec.variations * (len(cards) + len(joins)))

    def make(one: VideoSpec) -> np.ndarray:
        call = iter(calls[(one.seed - spec.seed) * (len(cards) + len(joins)):])
        scenes = []
        for n, card in enumerate(cards):
            at = min(max(0, round(card.start * fps) - starts[n], half if n in joins else 0), ends[n] - starts[n] - 1)
            shown = []
            if card.image is not None:
                shown.append(known(fit(engine, card.image, fps, one), at))
            if card.video is not None:
                shown.append(known(fit(engine, card.video, card.video_fps, one)[:ends[n] - starts[n] - at], at))
            scene = replace(one, prompt=card.prompt, seconds=(ends[n] - starts[n]) / fps)
            scenes.append(run(engine, scene, shown, next(call))[0])
        video = np.concatenate(scenes)
        for n in joins:
            a, b = video[max(starts[n - 1], starts[n] - half):starts[n]], video[starts[n]:starts[n] + half]
            join = replace(one, prompt=f"{cards[n - 1].prompt}, turning into {cards[n].prompt}",
                           seconds=(len(a) + len(b)) / fps)
            video[starts[n] - len(a):starts[n] + len(b)] = blend(engine, a, fps, b, fps, join, "ease-in-out",
                                                                 next(call))[0]
        return video

    return per_variation(spec, make)
