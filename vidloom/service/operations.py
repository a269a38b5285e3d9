"""What a worker can do: an operation name plus parameters -> frames from an engine.

OPERATIONS maps each name stored on a job (Video.operation) to a function
(engine, JobInput, progress) -> list of uint8 [T, H, W, 3] videos, each a thin adapter from
a job's named input files and JSON parameters to the creative suite (vidloom.features).
A `preset` parameter styles the prompt and grades the frames of any operation.
The features are imported when a job runs: the API imports this module and stays torch-free.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

import numpy as np

from ..spec import VideoSpec


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
    """Text to video; with an input_reference, the image becomes frame 0 (a clip plays from frame 0)."""
    from ..features import image_to_video, text_to_video
    from ..features.base import frame_count, known, run

    if "input_reference" not in job.inputs:
        return text_to_video(engine, job.spec, progress)
    media = _media(job.inputs["input_reference"])
    if media.ndim == 3:
        return image_to_video(engine, media, job.spec, progress=progress)
    return run(engine, job.spec, (known(media[:frame_count(job.spec.seconds, job.spec.fps)]),), progress)


def _clip(job: JobInput, name: str) -> tuple[np.ndarray, float]:
    """A named input video as (frames, fps); UserError when the job lacks it."""
    from ..errors import UserError
    from ..media import read_video

    if name not in job.inputs:
        raise UserError(f"this operation needs the input video {name!r}")
    return read_video(job.inputs[name])


def remix(engine, job: JobInput, progress: Progress) -> list[np.ndarray]:
    """Re-imagine the source video with the new prompt; strength: subtle, mild, strong or 0..1."""
    from ..features import remix as remix_clip

    frames, fps = _clip(job, "input_reference" if "input_reference" in job.inputs else "source")
    return remix_clip(engine, frames, fps, job.spec, job.params.get("strength", "mild"), progress)


def loop(engine, job: JobInput, progress: Progress) -> list[np.ndarray]:
    """A seamless loop of the `source` video, or of a new clip of the prompt; length: short, normal, long."""
    from ..features import loop as make_loop

    source, fps = _clip(job, "source") if "source" in job.inputs else (None, None)
    return make_loop(engine, job.spec, source, fps, job.params.get("length", "normal"), progress)


def blend(engine, job: JobInput, progress: Progress) -> list[np.ndarray]:
    """From the `first` video into the `second`, along a curve (linear, ease-in, ease-out, ease-in-out)."""
    from ..features import blend as blend_clips

    (a, a_fps), (b, b_fps) = _clip(job, "first"), _clip(job, "second")
    return blend_clips(engine, a, a_fps, b, b_fps, job.spec, job.params.get("curve", "ease-in-out"), progress)


def extend(engine, job: JobInput, progress: Progress) -> list[np.ndarray]:
    """The `source` video plus `seconds` of new footage after it (direction forward) or before it (backward)."""
    from ..features import extend as extend_clip

    frames, fps = _clip(job, "source")
    spec = replace(job.spec, seconds=float(job.params.get("seconds", job.spec.seconds)))
    return extend_clip(engine, frames, fps, spec, job.params.get("direction", "forward"), progress)


def recut(engine, job: JobInput, progress: Progress) -> list[np.ndarray]:
    """The `source` video from `start` to `end` seconds."""
    from ..features import trim
    from ..media import resample_fps

    frames, fps = _clip(job, "source")
    cut = trim(frames, fps, float(job.params.get("start", 0.0)), job.params.get("end"))
    return [resample_fps(cut, fps, job.spec.fps)]


def storyboard(engine, job: JobInput, progress: Progress) -> list[np.ndarray]:
    """Cards [{prompt, start, seconds, video?: an input's name, cut?}] -> one continuous video."""
    from ..errors import UserError
    from ..features import Card, storyboard as make_board

    cards = []
    for n, card in enumerate(job.params.get("cards") or [], start=1):
        try:
            video, fps = _clip(job, card["video"]) if card.get("video") else (None, None)
            cards.append(Card(str(card["prompt"]), float(card["start"]), float(card["seconds"]), video=video,
                              video_fps=fps, cut=bool(card.get("cut", False))))
        except (KeyError, TypeError, ValueError) as e:
            raise UserError(f"card {n} is malformed ({e}): give prompt, start and seconds") from None
    return make_board(engine, cards, job.spec, progress)


def presets() -> list[tuple[str, str]]:
    """(name, description) of every style preset a job's `preset` parameter may name."""
    from ..features import PRESETS

    return [(p.name, p.description) for p in PRESETS.values()]


def with_preset(operation: Operation) -> Operation:
    """The operation with the job's `preset`: its words added to the prompt, its grade applied to the frames."""
    def run(engine, job: JobInput, progress: Progress) -> list[np.ndarray]:
        from ..features import get_preset

        look = get_preset(job.params.get("preset"))
        styled = replace(job, spec=replace(job.spec, prompt=look.style(job.spec.prompt)))
        return [look.apply(v, seed=job.spec.seed + k) for k, v in enumerate(operation(engine, styled, progress))]
    return run


OPERATIONS: dict[str, Operation] = {name: with_preset(op) for name, op in {
    "generate": generate, "remix": remix, "loop": loop, "blend": blend, "extend": extend, "recut": recut,
    "storyboard": storyboard}.items()}
