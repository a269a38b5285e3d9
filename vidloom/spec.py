"""Plain request types shared by every face of vidloom. No torch here."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

ASPECTS = ("16:9", "1:1", "9:16")


def aspect_size(aspect: str) -> tuple[int, int]:
    """'16:9' -> (16, 9)."""
    w, h = aspect.split(":")
    return int(w), int(h)


def nearest_aspect(width: int, height: int) -> str:
    """The aspect ratio in ASPECTS closest to width:height (compared on a log scale)."""
    import math

    return min(ASPECTS, key=lambda a: abs(math.log(width / height) - math.log(aspect_size(a)[0] / aspect_size(a)[1])))


@dataclass(frozen=True)
class Conditioning:
    """Known pixels at a time position: an image (one frame) or a clip.

    media is uint8 [T, H, W, 3] at the output fps; media[0] lands on output frame
    `frame`. strength 1.0 keeps the pixels; lower values let the model depart from them.
    feather > 0 hands a kept clip over to the engine's own rendering of it across that many
    frames at each edge that meets generated footage, so joins show no jump in texture.
    """

    media: np.ndarray
    frame: int = 0
    strength: float = 1.0
    feather: int = 0

    @property
    def frames(self) -> np.ndarray:
        """The media as uint8 [T, H, W, 3]: an image [H, W, 3] becomes one frame."""
        return self.media if self.media.ndim == 4 else self.media[None]


@dataclass(frozen=True)
class VideoSpec:
    """What to generate. Validated by VideoSpec.check()."""

    prompt: str
    negative_prompt: str = ""
    aspect: str = "16:9"
    seconds: float = 4.0
    fps: int = 8
    seed: int = 0
    steps: int | None = None  # None: the engine's default
    guidance: float | None = None
    variations: int = 1

    def check(self, max_seconds: float = 16.0) -> None:
        """Raise ValueError with one clear sentence when the spec cannot be honoured."""
        if not self.prompt or not self.prompt.strip():
            raise ValueError("the prompt is empty: describe the video you want")
        if self.aspect not in ASPECTS:
            raise ValueError(f"unknown aspect ratio {self.aspect!r}: choose one of {', '.join(ASPECTS)}")
        if not (0.5 <= self.seconds <= max_seconds):
            raise ValueError(f"duration {self.seconds:g}s is out of range: choose 0.5 to {max_seconds:g} seconds")
        if not (1 <= self.fps <= 60):
            raise ValueError(f"fps {self.fps} is out of range: choose 1 to 60")
        if self.variations not in (1, 2, 4):
            raise ValueError(f"variations must be 1, 2 or 4, not {self.variations}")
        if self.steps is not None and not (1 <= self.steps <= 200):
            raise ValueError(f"steps {self.steps} is out of range: choose 1 to 200")
        if self.guidance is not None and not (0.0 <= self.guidance <= 30.0):
            raise ValueError(f"guidance {self.guidance} is out of range: choose 0 to 30")


@dataclass(frozen=True)
class GenerationRequest:
    """A spec plus any known pixels the video must contain."""

    spec: VideoSpec
    conditioning: tuple[Conditioning, ...] = field(default_factory=tuple)
    loras: tuple[tuple[str, float], ...] = ()  # (registered LoRA name, weight), for engines with capabilities.loras
