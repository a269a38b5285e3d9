"""Plain request types shared by every face of vidloom. No torch here."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from .errors import UserError

ASPECTS = ("16:9", "1:1", "9:16")
# Longest clip any engine may be asked for before the engine is loaded; the loaded
# engine's own capabilities.max_seconds is checked again afterwards.
PRECHECK_MAX_SECONDS = 16.0
# Longest long video (vidloom.features.long_video): bounds the engine calls one request can cause.
LONG_MAX_SECONDS = 600.0
DEFAULT_ENGINE = "vidloom-mini"
DEFAULT_SECONDS = 4.0
DEFAULT_FPS = 8

Progress = Callable[[int, int], None]  # (done, total) sampler steps


def frame_count(seconds: float, fps: int) -> int:
    """The frames a clip of `seconds` has at `fps` (at least one)."""
    return max(1, round(seconds * fps))


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
    seconds: float = DEFAULT_SECONDS
    fps: int = DEFAULT_FPS
    seed: int = 0
    steps: int | None = None  # None: the engine's default
    guidance: float | None = None
    variations: int = 1

    def check(self, max_seconds: float = PRECHECK_MAX_SECONDS) -> None:
        """Raise UserError with one clear sentence (and the parameter at fault) when the spec cannot be honoured."""
        if not self.prompt or not self.prompt.strip():
            raise UserError("the prompt is empty: describe the video you want", "prompt")
        if self.aspect not in ASPECTS:
            raise UserError(f"unknown aspect ratio {self.aspect!r}: choose one of {', '.join(ASPECTS)}", "aspect")
        if not (0.5 <= self.seconds <= max_seconds):
            raise UserError(f"duration {self.seconds:g}s is out of range: choose 0.5 to {max_seconds:g} seconds",
                            "seconds")
        if not (1 <= self.fps <= 60):
            raise UserError(f"fps {self.fps} is out of range: choose 1 to 60", "fps")
        if self.variations not in (1, 2, 4):
            raise UserError(f"variations must be 1, 2 or 4, not {self.variations}", "variations")
        if self.steps is not None and not (1 <= self.steps <= 200):
            raise UserError(f"steps {self.steps} is out of range: choose 1 to 200", "steps")
        if self.guidance is not None and not (0.0 <= self.guidance <= 30.0):
            raise UserError(f"guidance {self.guidance} is out of range: choose 0 to 30", "guidance")


@dataclass(frozen=True)
class GenerationRequest:
    """A spec plus any known pixels the video must contain."""

    spec: VideoSpec
    conditioning: tuple[Conditioning, ...] = field(default_factory=tuple)
    loras: tuple[tuple[str, float], ...] = ()  # (registered LoRA name, weight), for engines with capabilities.loras
