"""Scenes of the procedural world and a seeded sampler for them."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace

import numpy as np

from .vocab import AMBIENCES, CAMERAS, COLOURS, MOTIONS, OBJECTS, SETTINGS


@dataclass(frozen=True)
class WorldObject:
    """One object: what it is, where it starts (fractions of the frame) and how it moves."""

    kind: str
    colour: str
    motion: str
    x: float = 0.5
    y: float = 0.5
    size: float = 0.16  # radius as a fraction of the frame's short side


@dataclass(frozen=True)
class Scene:
    """A whole clip's content. objects[0] is the main object."""

    setting: str
    objects: tuple[WorldObject, ...]
    camera: str = "static"
    ambience: str = "none"
    relation: str = ""  # "", "above", "left of": how objects[0] stands to objects[1]
    seed: int = 0  # drives stars, dunes, flakes: the setting's details
    extras: dict = field(default_factory=dict, compare=False)

    @property
    def main(self) -> WorldObject:
        return self.objects[0]


def combo_key(scene: Scene) -> tuple[str, str, str, str]:
    """The colour x object x motion x setting combination of the main object."""
    m = scene.main
    return (m.colour, m.kind, m.motion, scene.setting)


def is_held_out(colour: str, kind: str, motion: str, setting: str) -> bool:
    """About one combination in eight never appears in training; worldbench tests on them."""
    digest = hashlib.sha1(f"{colour}|{kind}|{motion}|{setting}".encode()).digest()
    return digest[0] % 8 == 0


def _start_position(rng: np.random.Generator, motion: str) -> tuple[float, float]:
    """A start that keeps the whole path inside the frame."""
    x, y = rng.uniform(0.35, 0.65), rng.uniform(0.35, 0.65)
    if motion == "left":
        x = rng.uniform(0.68, 0.78)
    elif motion in ("right", "zigzags"):
        x = rng.uniform(0.22, 0.32)
    elif motion == "up":
        y = rng.uniform(0.68, 0.76)
    elif motion == "down":
        y = rng.uniform(0.24, 0.32)
    elif motion == "falls":
        y = rng.uniform(0.2, 0.28)
    elif motion == "rises":
        y = rng.uniform(0.72, 0.8)
    elif motion == "bounces":
        y = 0.7
    return float(x), float(y)


def _sample_object(rng: np.random.Generator, colour=None, kind=None, motion=None) -> WorldObject:
    motion = motion or str(rng.choice(MOTIONS))
    x, y = _start_position(rng, motion)
    return WorldObject(
        kind=kind or str(rng.choice(OBJECTS)),
        colour=colour or str(rng.choice(list(COLOURS))),
        motion=motion,
        x=x, y=y,
        size=float(rng.uniform(0.13, 0.19)),
    )


def sample_scene(
    rng: np.random.Generator,
    *,
    holdout: str = "train",
    max_objects: int = 3,
    plain_p: float = 0.5,
) -> Scene:
    """Draw a random scene.

    holdout: "train" never returns a held-out main combination, "test" only returns
    held-out ones, "any" ignores the split. plain_p is the chance of a static camera and
    no ambience, which keeps the core attributes easy to learn.
    """
    while True:
        setting = str(rng.choice(SETTINGS))
        main = _sample_object(rng)
        held = is_held_out(main.colour, main.kind, main.motion, setting)
        if holdout == "any" or held == (holdout == "test"):
            break
    n = int(rng.choice([1, 2, 3], p=[0.6, 0.3, 0.1])) if max_objects > 1 else 1
    n = min(n, max_objects)
    objects = [main]
    relation = ""
    if n >= 2:
        # Relations describe positions, so only objects that stay in place get one.
        if main.motion in ("still", "spins", "grows", "shrinks"):
            relation = str(rng.choice(["", "above", "left of"]))
        second = _sample_object(rng, motion="still")
        if relation == "above":
            main = replace(main, x=0.5 + rng.uniform(-0.15, 0.15), y=0.3)
            second = replace(second, x=main.x + rng.uniform(-0.1, 0.1), y=0.72)
        elif relation == "left of":
            main = replace(main, x=0.28, y=0.5 + rng.uniform(-0.15, 0.15))
            second = replace(second, x=0.72, y=main.y + rng.uniform(-0.1, 0.1))
        else:
            second = replace(second, x=float(rng.choice([0.15, 0.85])), y=float(rng.choice([0.15, 0.85])),
                             size=0.11)
        objects = [main, second]
        if n == 3 and not relation:
            third = _sample_object(rng, motion="still")
            objects.append(replace(third, x=1.0 - second.x, y=second.y, size=0.11))
    plain = rng.random() < plain_p
    camera = "static" if plain else str(rng.choice(CAMERAS))
    ambience = "none" if plain else str(rng.choice(AMBIENCES))
    return Scene(setting=setting, objects=tuple(objects), camera=camera, ambience=ambience,
                 relation=relation, seed=int(rng.integers(0, 2**31 - 1)))


def scene_for(colour: str, kind: str, motion: str, setting: str, seed: int = 0) -> Scene:
    """A single-object, static-camera scene with the given main combination."""
    rng = np.random.default_rng(seed)
    obj = _sample_object(rng, colour=colour, kind=kind, motion=motion)
    return Scene(setting=setting, objects=(obj,), seed=seed)
