"""Describe a scene in words, many ways. worldbench's prompts avoid these words on purpose."""
from __future__ import annotations

import re

import numpy as np

from .scene import Scene, WorldObject

OBJECT_WORDS = {
    "ball": ["ball"], "box": ["box", "square box"], "star": ["star"], "heart": ["heart"],
    "triangle": ["triangle"], "ring": ["ring"], "bird": ["bird"], "fish": ["fish"],
}
SETTING_WORDS = {
    "blue sky": ["blue sky", "clear blue sky", "the sky"],
    "sunset": ["sunset", "a sunset sky", "dusk"],
    "night sky": ["night sky", "starry night sky", "the night"],
    "ocean": ["ocean", "the sea", "ocean water"],
    "grass field": ["grass field", "grassy field", "green grass"],
    "desert": ["desert", "sandy desert", "desert sand"],
    "snow field": ["snow field", "snowy field", "snowy ground"],
    "outer space": ["outer space", "space", "deep space"],
    "plain studio": ["plain studio", "studio background", "plain grey backdrop"],
}
MOTION_WORDS = {
    "left": ["moves left", "moving left", "goes to the left", "slides left"],
    "right": ["moves right", "moving right", "goes to the right", "slides right"],
    "up": ["moves up", "moving up", "goes upward", "slides up"],
    "down": ["moves down", "moving down", "goes downward", "slides down"],
    "falls": ["falls", "falling", "drops down"],
    "rises": ["rises", "rising", "floats up"],
    "bounces": ["bounces", "bouncing", "bounces up and down"],
    "spins": ["spins", "spinning", "rotates"],
    "grows": ["grows", "growing", "gets bigger"],
    "shrinks": ["shrinks", "shrinking", "gets smaller"],
    "circles": ["circles", "circling", "moves in a circle"],
    "zigzags": ["zigzags", "zigzagging", "moves in a zigzag"],
    "still": ["stays still", "sitting still", "stands still"],
}
CAMERA_WORDS = {
    "static": [""],
    "pan left": ["the camera pans left", "camera panning left"],
    "pan right": ["the camera pans right", "camera panning right"],
    "zoom in": ["the camera zooms in", "camera zooming in"],
    "zoom out": ["the camera zooms out", "camera zooming out"],
}
AMBIENCE_WORDS = {
    "none": [""],
    "snow": ["with falling snow", "as snow falls"],
    "rain": ["in the rain", "with rain falling"],
    "clouds": ["with drifting clouds", "as clouds drift by"],
    "twinkle": ["with twinkling stars", "as stars twinkle"],
    "waves": ["with waves", "as waves roll"],
}
TEMPLATES = [
    "{a} {obj} {mot} {prep} {setting}",
    "{a} {obj} that {mot} {prep} {setting}",
    "{setting}: {a} {obj} {mot}",
    "{a} {obj}, {mot}, {setting} background",
    "a video of {a} {obj} that {mot} {prep} {setting}",
    "{prep_cap} {setting}, {a} {obj} {mot}",
]


def _pick(rng: np.random.Generator, options: list[str]) -> str:
    return options[int(rng.integers(len(options)))]


def _article(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


def _noun(rng: np.random.Generator, obj: WorldObject) -> str:
    colour = obj.colour
    return f"{_article(colour)} {colour} {_pick(rng, OBJECT_WORDS[obj.kind])}"


def _motion(rng: np.random.Generator, motion: str, template_has_that: bool) -> str:
    words = MOTION_WORDS[motion]
    finite = [w for w in words if not w.split()[0].endswith("ing")]
    return _pick(rng, finite if template_has_that else words)


def caption(scene: Scene, rng: np.random.Generator | int = 0) -> str:
    """One of many phrasings of scene; the same rng state gives the same words."""
    rng = np.random.default_rng(rng) if isinstance(rng, int) else rng
    template = _pick(rng, TEMPLATES)
    subject = _noun(rng, scene.main)
    if len(scene.objects) > 1:
        others = " and ".join(_noun(rng, o) for o in scene.objects[1:])
        subject = f"{subject} {scene.relation} {others}" if scene.relation else f"{subject} and {others}"
    a, obj = subject.split(" ", 1)
    prep = _pick(rng, ["in", "over", "against", "on"]) if scene.setting != "outer space" else "in"
    text = template.format(
        a=a, obj=obj, mot=_motion(rng, scene.main.motion, "that" in template or template.startswith("{setting}")),
        prep=prep, prep_cap=prep.capitalize(), setting=_pick(rng, SETTING_WORDS[scene.setting]),
    )
    extras = [_pick(rng, CAMERA_WORDS[scene.camera]), _pick(rng, AMBIENCE_WORDS[scene.ambience])]
    extras = [e for e in extras if e]
    if extras:
        text = text + ", " + ", ".join(extras)
    return text


def in_caption_words(text: str) -> bool:
    """Whether every word of text is one the captioner writes, or a transition between two such captions
    (then it needs no rewording)."""
    words = re.findall(r"[a-z]+", text.lower())
    return bool(words) and set(words) <= _VOCABULARY


def caption_vocabulary() -> set[str]:
    """Every word the captioner can write, lower case."""
    pools = [OBJECT_WORDS, SETTING_WORDS, MOTION_WORDS, CAMERA_WORDS, AMBIENCE_WORDS]
    words = {w for pool in pools for opts in pool.values() for o in opts for w in o.lower().split()}
    words |= {w for t in TEMPLATES for w in t.replace(",", " ").replace(":", " ").split() if "{" not in w}
    from .vocab import COLOURS
    return words | set(COLOURS) | {"a", "an", "and", "in", "over", "against", "on", "above", "left", "of"}


# and "A, turning into B", the way blends and storyboard joins ask for a transition between two captions
_VOCABULARY = frozenset(caption_vocabulary() | {"turning", "into"})
