"""What a worker can do: an operation name plus parameters -> frames from an engine.

OPERATIONS maps each name stored on a job (Video.operation) to a function
(engine, JobInput, progress) -> list of uint8 [T, H, W, 3] videos. Today: generate
(text or image to video) and remix (video to video at a strength). The creative suite
(vidloom.features: blend, loop, storyboard, extend, recut, presets ...) plugs in here by
adding entries, and the API queues them by name.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from ..spec import Conditioning, GenerationRequest, VideoSpec

REMIX_STRENGTHS = {"subtle": 0.35, "mild": 0.55, "strong": 0.8}  # noise level the source is re-imagined from


@dataclass(frozen=True)
class JobInput:
    """A job as the worker sees it: the spec, its parameters and local copies of its input files."""

    spec: VideoSpec
    params: dict
    inputs: dict[str, Path] = field(default_factory=dict)  # "input_reference" (image or video)


Progress = Callable[[int, int], None]
Operation = Callable[[object, JobInput, Progress], list[np.ndarray]]


def _media(path: Path) -> np.ndarray:
    """An input file as uint8 frames: an image [H, W, 3] or a clip [T, H, W, 3]."""
    from ..media import probe_upload, read_video

    if probe_upload(path).kind == "image":
        from ..media import load_image

        return load_image(path)
    return read_video(path)[0]


def generate(engine, job: JobInput, progress: Progress) -> list[np.ndarray]:
    """Text to video; with an input_reference, the image (or clip) is pinned from frame 0."""
    conditioning = ()
    if "input_reference" in job.inputs:
        media = _media(job.inputs["input_reference"])
        count = max(1, round(job.spec.seconds * job.spec.fps))
        conditioning = (Conditioning(media=media[:count] if media.ndim == 4 else media, frame=0),)
    return engine.generate(GenerationRequest(job.spec, conditioning), progress)


def remix(engine, job: JobInput, progress: Progress) -> list[np.ndarray]:
    """Re-imagine the source video with the new prompt; strength: subtle, mild, strong or 0..1."""
    from ..media import read_video

    frames, _ = read_video(job.inputs["input_reference"])
    strength = job.params.get("strength", "mild")
    level = REMIX_STRENGTHS.get(strength, strength) if isinstance(strength, str) else float(strength)
    return engine.generate(GenerationRequest(job.spec, (Conditioning(frames, 0, float(level)),)), progress)


OPERATIONS: dict[str, Operation] = {"generate": generate, "remix": remix}
