"""Storyboard: a timeline of cards (a prompt, maybe an image or a clip, at a time) -> one continuous video."""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

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


MAX_BOARD_BYTES = 1 << 20
MAX_YAML_NODES = 100_000  # after aliases are expanded: a board of hundreds of cards needs a few thousand


def _safe_yaml(text: str):
    """yaml.safe_load, refusing a document whose aliases expand past MAX_YAML_NODES (a "billion laughs" bomb
    of a few hundred bytes expands to gigabytes) or refer to themselves."""
    import yaml

    root = yaml.compose(text, Loader=yaml.SafeLoader)
    sizes: dict[int, int] = {}
    opened: set[int] = set()

    def expanded(node) -> int:  # nodes in the document once every alias is replaced by its target
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in opened:
            raise UserError("the storyboard's YAML refers to itself through an alias")
        opened.add(key)
        children = node.value if isinstance(node, yaml.SequenceNode) else \
            [n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode) else []
        total = 1
        for child in children:
            total += expanded(child)
            if total > MAX_YAML_NODES:
                raise UserError(f"the storyboard's YAML expands to more than {MAX_YAML_NODES} values "
                                "(aliases repeated too often)")
        sizes[key] = total
        return total

    if root is not None:
        expanded(root)
    return yaml.safe_load(text)


def read_storyboard(path: Path, load_image, load_video) -> tuple[list[Card], dict, list[Path]]:
    """Cards from a JSON or YAML file (see README: Storyboards), the file's other settings, and the media
    files its cards name (relative to the file). The loaders turn a media path into frames."""
    try:
        if path.stat().st_size > MAX_BOARD_BYTES:
            raise UserError(f"the storyboard {path.name} is larger than {MAX_BOARD_BYTES // 1024} KB")
        text = path.read_text()
    except (OSError, UnicodeDecodeError) as e:
        raise UserError(f"cannot read the storyboard {path.name} ({e.__class__.__name__})") from None
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else _safe_yaml(text)
    except UserError:
        raise
    except RecursionError:
        raise UserError(f"{path.name} is nested too deeply") from None
    except ValueError as e:
        raise UserError(f"{path.name} is not valid JSON: {e}") from None
    except Exception as e:  # yaml.YAMLError
        raise UserError(f"{path.name} is not valid YAML: {' '.join(str(e).split())}") from None
    if isinstance(data, list):
        data = {"cards": data}
    if not isinstance(data, dict) or not isinstance(data.get("cards"), list):
        raise UserError(f"{path.name} must hold a list of cards, or a mapping with a 'cards' list")
    cards, media = [], []
    for n, raw in enumerate(data["cards"], start=1):
        if not isinstance(raw, dict):
            raise UserError(f"card {n} must be a mapping with prompt, start and seconds")
        unknown = set(raw) - {"prompt", "start", "seconds", "duration", "image", "video", "cut"}
        if unknown:
            raise UserError(f"card {n} has unknown fields: {', '.join(sorted(unknown))}")
        try:
            start = float(raw.get("start", 0.0))
            seconds = float(raw.get("seconds", raw.get("duration", 4.0)))
        except (TypeError, ValueError):
            raise UserError(f"card {n}'s start and seconds must be numbers") from None
        image = video = fps = None
        if raw.get("image"):
            media.append(path.parent / str(raw["image"]))
            image = load_image(media[-1])
        if raw.get("video"):
            media.append(path.parent / str(raw["video"]))
            video, fps = load_video(media[-1])
        cards.append(Card(str(raw.get("prompt") or ""), start, seconds, image, video, fps, bool(raw.get("cut"))))
    settings = {k: v for k, v in data.items() if k != "cards"}
    return cards, settings, media
