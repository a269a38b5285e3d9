"""The world object a noun the lexicon does not know is nearest to, by MiniLM.

MiniLM knows that a "parrot" is a bird, though the lexicon may not: grounding asks this
for the head noun of an object phrase it cannot read ("a red dragon" -> bird), so the
model draws the nearest thing it knows, and grounding says so.
"""
from __future__ import annotations

from typing import Protocol

from .vocab import OBJECTS, SETTINGS

MIN_SIMILARITY = 0.35  # below this a word is near nothing the world has


class Encoder(Protocol):
    def encode(self, prompts: list[str]): ...  # -> (states, mask, pooled [B, D] unit vectors)


class NearestObject:
    """word -> the world object MiniLM places it nearest, or None when it is nearer a setting or near nothing.

    Remembered per word; the anchors are encoded once, on the first unknown word."""

    def __init__(self, encoder: Encoder):
        self.encoder = encoder
        self._anchors = None  # pooled embeddings of "a ball", ..., "a plain studio"
        self._seen: dict[str, str | None] = {}

    def __call__(self, word: str) -> str | None:
        word = word.lower()
        if word in OBJECTS:
            return word
        if word not in self._seen:
            if self._anchors is None:
                self._anchors = self.encoder.encode([f"a {w}" for w in OBJECTS + SETTINGS])[2]
            sims = self.encoder.encode([f"a {word}"])[2] @ self._anchors.T
            best = int(sims.argmax())
            near = best < len(OBJECTS) and float(sims[0, best]) > MIN_SIMILARITY
            self._seen[word] = OBJECTS[best] if near else None
        return self._seen[word]
