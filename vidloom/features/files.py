"""The creative suite over files: read the user's media, run a feature, write MP4s with provenance.

Every function checks its inputs before any model loads, raises UserError with one clear
sentence when something is wrong, and returns the written MP4 paths (one per variation).
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from pathlib import Path

import numpy as np

from .. import media
from ..errors import UserError
from ..generation import PRECHECK_MAX_SECONDS, Plan, check_outputs, produce, provenance, write_videos
from ..spec import ASPECTS, VideoSpec, nearest_aspect
from .blend import blend as blend_frames, curve_weights
from .image_to_video import image_to_video
from .loop import loop as loop_frames, loop_seconds
from .presets import get_preset
from .recut import DIRECTIONS, extend as extend_frames, trim
from .remix import remix as remix_frames, remix_strength
from .storyboard import check_cards, read_storyboard, storyboard as storyboard_frames

PathLike = str | os.PathLike


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def describe_input(path: Path, role: str) -> dict:
    """An input as provenance records it: its role, file name and sha256 (the id a library or feed uses)."""
    return {"role": role, "name": path.name, "sha256": sha256(path)}


def read_image(path: PathLike) -> np.ndarray:
    try:
        return media.load_image(path)
    except (FileNotFoundError, ValueError) as e:
        raise UserError(str(e)) from None


def read_clip(path: PathLike) -> tuple[np.ndarray, float]:
    try:
        return media.load_video(path)
    except (FileNotFoundError, ValueError) as e:
        raise UserError(str(e)) from None


def _aspect_of(frames: np.ndarray, aspect: str | None) -> str:
    if aspect is not None:
        if aspect not in ASPECTS:
            raise UserError(f"unknown aspect ratio {aspect!r}: choose one of {', '.join(ASPECTS)}")
        return aspect
    return nearest_aspect(frames.shape[-2], frames.shape[-3])


def _prompt_of(path: Path, fallback: str) -> str:
    """The prompt a vidloom video was made from (its provenance), for operations that take none."""
    try:
        return str(media.read_metadata(path).get("prompt") or fallback)
    except Exception:
        return fallback


# ---------------------------------------------------------------- operations

def animate(image: PathLike, prompt: str, *, frame: int = 0, aspect: str | None = None, **options) -> list[Path]:
    """Image-to-video: the image (PNG/JPEG/WebP, any size) becomes frame `frame` and the scene moves.
    The aspect ratio defaults to the one nearest the image's. Options: those of vidloom.generate."""
    still = read_image(image)
    return produce("image_to_video",
                   lambda eng, spec, progress: image_to_video(eng, still, spec, frame, progress),
                   prompt, aspect=_aspect_of(still, aspect), inputs=[describe_input(Path(image), "image")],
                   extra={"frame": frame}, **options)


def remix(video: PathLike, prompt: str, *, strength: str | float = "mild", **options) -> list[Path]:
    """Re-imagine a video with a new prompt; strength subtle | mild | strong | a number in (0, 1]."""
    amount = remix_strength(strength)
    clip, fps = read_clip(video)
    seconds = min(len(clip) / fps, options.pop("seconds", PRECHECK_MAX_SECONDS), PRECHECK_MAX_SECONDS)
    return produce("remix", lambda eng, spec, progress: remix_frames(eng, clip, fps, spec, amount, progress),
                   prompt, aspect=_aspect_of(clip, options.pop("aspect", None)), seconds=max(seconds, 0.5),
                   inputs=[describe_input(Path(video), "source")], extra={"strength": amount}, **options)


def blend(first: PathLike, second: PathLike, prompt: str | None = None, *, curve: str = "ease-in-out",
          **options) -> list[Path]:
    """One video that starts as `first` and ends as `second`, with a generated transition along `curve`."""
    curve_weights(curve, 3, 1, 1)  # checks the name
    a, a_fps = read_clip(first)
    b, b_fps = read_clip(second)
    prompt = prompt or f"{_prompt_of(Path(first), 'the first scene')}, turning into " \
                       f"{_prompt_of(Path(second), 'the second scene')}"
    return produce("blend", lambda eng, spec, progress: blend_frames(eng, a, a_fps, b, b_fps, spec, curve, progress),
                   prompt, aspect=_aspect_of(a, options.pop("aspect", None)),
                   inputs=[describe_input(Path(first), "first"), describe_input(Path(second), "second")],
                   extra={"curve": curve}, **options)


def loop(source: PathLike | None = None, prompt: str | None = None, *, length: str = "normal",
         **options) -> list[Path]:
    """A seamless loop of a video file, or of a new clip of `prompt` when no file is given."""
    seconds = loop_seconds(length)
    clip = fps = None
    inputs = []
    if source is not None:
        clip, fps = read_clip(source)
        inputs = [describe_input(Path(source), "source")]
        prompt = prompt or _prompt_of(Path(source), "the same scene, moving on")
        options.setdefault("aspect", _aspect_of(clip, None))
    if not prompt:
        raise UserError("a loop needs a video or a prompt")
    return produce("loop", lambda eng, spec, progress: loop_frames(eng, spec, clip, fps, length, progress),
                   prompt, seconds=seconds, inputs=inputs, extra={"length": length}, **options)


def storyboard(file: PathLike, **options) -> list[Path]:
    """One continuous video from a JSON or YAML storyboard (see the README's Storyboards section)."""
    path = Path(file)
    if not path.is_file():
        raise UserError(f"no storyboard file at {path}")
    cards, settings, files = read_storyboard(path, read_image, read_clip)
    cards = check_cards(cards, PRECHECK_MAX_SECONDS)
    options.setdefault("aspect", str(settings.get("aspect", "16:9")))
    inputs = [describe_input(path, "storyboard")] + [describe_input(p, "card media") for p in files]
    look = get_preset(options.get("preset"))
    styled = [replace(c, prompt=look.style(c.prompt)) for c in cards]  # each card's prompt, in the preset's style
    return produce("storyboard", lambda eng, spec, progress: storyboard_frames(eng, styled, spec, progress),
                   cards[0].prompt, seconds=cards[-1].end, inputs=inputs,
                   extra={"cards": [{"prompt": c.prompt, "start": c.start, "seconds": c.seconds, "cut": c.cut}
                                    for c in cards]}, **options)


def extend(video: PathLike, prompt: str, *, direction: str = "forward", seconds: float = 2.0,
           **options) -> list[Path]:
    """The video plus `seconds` of new footage of `prompt` after it (forward) or before it (backward)."""
    if direction not in DIRECTIONS:
        raise UserError(f"unknown direction {direction!r}: choose forward or backward")
    clip, fps = read_clip(video)
    return produce("extend", lambda eng, spec, progress: extend_frames(eng, clip, fps, spec, direction, progress),
                   prompt, seconds=seconds, aspect=_aspect_of(clip, options.pop("aspect", None)),
                   inputs=[describe_input(Path(video), "source")], extra={"direction": direction}, **options)


def recut(video: PathLike, *, start: float = 0.0, end: float | None = None, output: PathLike = "out.mp4") -> list[Path]:
    """Keep the part of a video from `start` to `end` seconds (no model involved)."""
    clip, fps = read_clip(video)
    kept = trim(clip, fps, start, end)
    rate = max(1, round(fps))
    if rate != fps:  # MP4s are written at whole frame rates
        kept = media.resample_fps(kept, fps, rate)
    spec = VideoSpec(_prompt_of(Path(video), ""), seconds=len(kept) / rate, fps=rate)
    plan = Plan(spec, *check_outputs(output))
    meta = provenance("recut", spec, None, [describe_input(Path(video), "source")], start=start,
                      end=len(clip) / fps if end is None else end)
    source = media.read_metadata(video)
    meta.update(engine=source.get("engine"), engine_version=source.get("engine_version"), seed=source.get("seed"))
    return write_videos([kept], plan, meta)
