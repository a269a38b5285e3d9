"""The world's slots: what a clip shows, as fields of its closed vocabulary.

Grounding turns a free prompt into Slots; the training data reads them off the scene.
The built-in DiT is conditioned on their indices (as DiT is on class labels), so a slot
the model must draw is never left to how well MiniLM separates two words.
"""
from __future__ import annotations

from dataclasses import dataclass, fields, replace

from .scene import Scene
from .vocab import AMBIENCES, CAMERAS, COLOURS, MOTIONS, OBJECTS, SETTINGS

RELATIONS = ("", "above", "left of")
COUNTS = (1, 2, 3)

# Each slot's vocabulary; index 0 of a slot id means "not given" (dropped or unknown).
VOCAB: dict[str, tuple] = {
    "colour": tuple(COLOURS),
    "kind": OBJECTS,
    "motion": MOTIONS,
    "setting": SETTINGS,
    "camera": CAMERAS,
    "ambience": AMBIENCES,
    "count": COUNTS,
    "relation": RELATIONS,
    "second_colour": tuple(COLOURS),
    "second_kind": OBJECTS,
}
SLOT_NAMES = tuple(VOCAB)


@dataclass(frozen=True)
class Slots:
    """One clip's content in the world's vocabulary; None where the prompt does not say."""

    colour: str | None = None  # of the main object
    kind: str | None = None  # the main object
    motion: str | None = None  # of the main object
    setting: str | None = None
    camera: str | None = None
    ambience: str | None = None
    count: int | None = None  # objects in the clip, 1-3
    relation: str | None = None  # how the main object stands to the second
    second_colour: str | None = None
    second_kind: str | None = None

    def ids(self) -> list[int]:
        """One index per slot in SLOT_NAMES order: 0 for None, else 1 + its place in the vocabulary."""
        return [0 if (v := getattr(self, name)) is None else 1 + VOCAB[name].index(v) for name in SLOT_NAMES]

    def as_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def as_said(self) -> Slots:
        """These slots as a caption says them: the captioner writes nothing for a static camera or no ambience."""
        return replace(self, camera=None if self.camera == "static" else self.camera,
                       ambience=None if self.ambience == "none" else self.ambience)

    def as_drawn(self) -> Slots:
        """What the renderer draws where nothing is said of the camera or the weather: a static camera, none."""
        return replace(self, camera=self.camera or "static", ambience=self.ambience or "none")


def slots_of(scene: Scene) -> Slots:
    """The ground-truth slots of a rendered scene."""
    second = scene.objects[1] if len(scene.objects) > 1 else None
    return Slots(colour=scene.main.colour, kind=scene.main.kind, motion=scene.main.motion,
                 setting=scene.setting, camera=scene.camera, ambience=scene.ambience,
                 count=len(scene.objects), relation=scene.relation,
                 second_colour=second.colour if second else None, second_kind=second.kind if second else None)


def vocab_sizes() -> list[int]:
    """Embedding table sizes per slot (index 0 is 'not given')."""
    return [1 + len(VOCAB[name]) for name in SLOT_NAMES]

