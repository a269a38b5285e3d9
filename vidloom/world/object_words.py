"""The world object, or setting, a noun the lexicon does not know is nearest to, by MiniLM.

MiniLM knows that a "parrot" is a bird, though the lexicon may not: grounding asks this
for the head noun of an object phrase it cannot read ("a red dragon" -> bird), and for a
place it cannot read ("across a lagoon" -> ocean), so the model draws the nearest thing it
knows, and grounding says so. A noun that names a camera or its operator ("a camcorder
sweeping left") is the camera, not an object to draw.
"""
from __future__ import annotations

from typing import Protocol

from .caption import SETTING_WORDS
from .vocab import OBJECTS, SETTINGS

MIN_SIMILARITY = 0.35  # below this a word is near nothing the world has
# A place is read as a setting only when MiniLM is sure: near enough, and nearer by this much than
# the runner-up setting (a "salt flat" sits between desert and ocean: better no setting than a guess).
# Both chosen on probe places of no benchmark ("golf course", "lagoon", "living room", "volcano").
SETTING_SIMILARITY = 0.5
SETTING_MARGIN = 0.04
# A noun is read as the camera (or who holds one) when MiniLM puts it this near a camera anchor and this
# much nearer than to any world object or setting. Chosen on probe words of no benchmark: "camcorder",
# "webcam", "videographer" read 0.64-0.79 (margin +0.16 to +0.46); "television" 0.54 (+0.08), "drone"
# 0.48 (+0.06) and "mirror" 0.44 (+0.03) stay objects.
CAMERA_SIMILARITY = 0.55
CAMERA_MARGIN = 0.15
CAMERA_ANCHORS = ["camera", "video camera", "camera operator", "film crew"]


class Encoder(Protocol):
    def encode(self, prompts: list[str]): ...  # -> (states, mask, pooled [B, D] unit vectors)


class NearestObject:
    """word -> the world object MiniLM places it nearest, or None when it is nearer a setting or near nothing.
    With `coloured=True` the word heads a phrase with a colour ("a magenta pizza slice"): it is surely a
    thing to draw, so the nearest object is taken however far. `is_camera` reads the same similarities.

    Remembered per word; the anchors are encoded once, on the first unknown word."""

    def __init__(self, encoder: Encoder):
        self.encoder = encoder
        self._anchors = None  # pooled embeddings of "a ball", ..., "a plain studio", then the camera anchors
        self._sims: dict[str, list[float]] = {}

    def _similarities(self, word: str) -> list[float]:
        """Cosine similarity of "a {word}" to each anchor: the objects, the settings, the camera anchors."""
        if word not in self._sims:
            if self._anchors is None:
                self._anchors = self.encoder.encode([f"a {w}" for w in (*OBJECTS, *SETTINGS, *CAMERA_ANCHORS)])[2]
            self._sims[word] = (self.encoder.encode([f"a {word}"])[2] @ self._anchors.T)[0].tolist()
        return self._sims[word]

    def __call__(self, word: str, coloured: bool = False) -> str | None:
        word = word.lower()
        if word in OBJECTS:
            return word
        sims = self._similarities(word)
        objects, world = sims[:len(OBJECTS)], sims[:-len(CAMERA_ANCHORS)]
        if coloured:
            return OBJECTS[objects.index(max(objects))]
        best = world.index(max(world))
        return OBJECTS[best] if best < len(OBJECTS) and world[best] > MIN_SIMILARITY else None

    def is_camera(self, word: str) -> bool:
        """Whether MiniLM reads the noun as a camera or who holds one, clearly nearer that than any world
        object or setting ("dashcam", "videographer")."""
        sims = self._similarities(word.lower())
        world, camera = max(sims[:-len(CAMERA_ANCHORS)]), max(sims[-len(CAMERA_ANCHORS):])
        return camera > CAMERA_SIMILARITY and camera - world >= CAMERA_MARGIN


class NearestSetting:
    """place words -> the world setting MiniLM places them nearest, or None when it is near none or
    between two. Each setting is represented by all its captioner phrasings ("desert", "sandy desert",
    "desert sand"), each in the sentence "a scene in ..."; remembered per phrase."""

    def __init__(self, encoder: Encoder):
        self.encoder = encoder
        self._anchors = None  # pooled embeddings, one per (setting, phrasing)
        self._owners = [s for s, words in SETTING_WORDS.items() for _ in words]
        self._seen: dict[str, str | None] = {}

    def __call__(self, words: str) -> str | None:
        words = words.lower()
        if words not in self._seen:
            if self._anchors is None:
                self._anchors = self.encoder.encode([f"a scene in {w}" for ws in SETTING_WORDS.values() for w in ws])[2]
            sims = (self.encoder.encode([f"a scene in {words}"])[2] @ self._anchors.T)[0].tolist()
            best: dict[str, float] = {}
            for owner, sim in zip(self._owners, sims):
                best[owner] = max(best.get(owner, -1.0), sim)
            (first, top), (_, second) = sorted(best.items(), key=lambda kv: -kv[1])[:2]
            self._seen[words] = first if top > SETTING_SIMILARITY and top - second >= SETTING_MARGIN else None
        return self._seen[words]

