"""The Engine protocol every model adapter implements."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from ..spec import GenerationRequest, Progress


@dataclass(frozen=True)
class Capabilities:
    """What an engine can do; features check these before asking."""

    text_to_video: bool
    conditioning_frames: bool  # clean pixels at any frame: i2v, extend, loop, blend, storyboard
    sizes: dict[str, tuple[int, int]]  # aspect -> native (width, height)
    max_seconds: float
    native_fps: int
    video_to_video: bool = False  # re-imagine a whole clip at a strength (Conditioning.strength < 1): remix
    first_frame: bool = False  # an image as the first frame, for engines without conditioning_frames
    last_frame: bool = False  # an image as the last frame too (first-last-frame: loop, blend)
    frame_step: int = 1  # the model makes frame_step * k + 1 native frames (4k+1 for Wan)
    size_step: int = 1  # width and height are multiples of this
    loras: bool = False  # takes registered LoRAs (GenerationRequest.loras)
    needs_last_frame: bool = False  # a first frame only with a last one too (Wan 2.1 FLF2V embeds both images)
    depicts_people: bool = True  # could draw a person from a prompt: its output frames are checked for nudity

    @property
    def first_frame_alone(self) -> bool:
        """Starts from an image with no last image (what the API checks image-to-video against at submit)."""
        return self.first_frame and not self.needs_last_frame


class Engine(Protocol):
    """A video model: turns a GenerationRequest into one video per variation. An engine that reads prompts
    into a world of its own may also have `notices(prompt) -> tuple[str, ...]`: what it draws otherwise than
    asked, which the operations layer logs on "vidloom.notices" and records in the provenance."""

    name: str
    version: str
    capabilities: Capabilities

    def generate(self, request: GenerationRequest, progress: Progress | None = None) -> list[np.ndarray]:
        """Videos as uint8 [T, H, W, 3] at request.spec.fps, T = round(seconds * fps)."""
        ...
