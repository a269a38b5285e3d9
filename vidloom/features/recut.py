"""Re-cut: trim a clip to a time range, or extend it forwards or backwards with a new prompt."""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from ..errors import UserError
from ..spec import VideoSpec
from .base import Progress, anchored, context, fit, frame_count, require, run

DIRECTIONS = ("forward", "backward")


def trim(frames: np.ndarray, fps: float, start: float = 0.0, end: float | None = None) -> np.ndarray:
    """The frames shown from `start` to `end` seconds (end None: to the end of the clip)."""
    duration = len(frames) / fps
    end = duration if end is None else end
    if start < 0:
        raise UserError(f"the start {start:g} s is before the clip begins: use 0 or more")
    if start >= duration or end > duration + 0.5 / fps:
        raise UserError(f"the range {start:g}-{end:g} s is outside the clip, which lasts {duration:g} s")
    if end <= start:
        raise UserError(f"the end {end:g} s must come after the start {start:g} s")
    kept = frames[round(start * fps):round(end * fps)]
    if len(kept) == 0:
        raise UserError(f"the range {start:g}-{end:g} s holds no frame: choose a longer range")
    return kept


def extend(engine, video: np.ndarray, fps: float, spec: VideoSpec, direction: str = "forward",
           progress: Progress | None = None) -> list[np.ndarray]:
    """`video` plus spec.seconds of new footage after it (forward) or before it (backward).

    The engine sees the clip's end (or start) as known frames, so the new footage joins it.
    """
    require(engine, "conditioning_frames", "extend")
    if direction not in DIRECTIONS:
        raise UserError(f"unknown direction {direction!r}: choose forward or backward")
    clip = fit(engine, video, fps, spec)
    forward = direction == "forward"
    ctx, new = context(clip, spec.fps, at_end=forward), frame_count(spec.seconds, spec.fps)
    count = len(ctx) + new
    call = replace(spec, seconds=count / spec.fps)
    # the new clip holds the context, feathered into the new footage; it replaces the context's frames
    if forward:
        shown = anchored(engine, count, (ctx, 0))
        return [np.concatenate([clip[:-len(ctx)], v]) for v in run(engine, call, shown, progress)]
    shown = anchored(engine, count, (ctx, new))
    return [np.concatenate([v, clip[len(ctx):]]) for v in run(engine, call, shown, progress)]


def frame_steps(video: np.ndarray) -> np.ndarray:
    """[T - 1] mean absolute change from each frame to the next."""
    return np.abs(np.diff(video.astype(np.float32), axis=0)).mean(axis=(1, 2, 3))


def join_ratio(video: np.ndarray, at: int, steps: np.ndarray | None = None) -> float:
    """The change across frame `at - 1` -> `at` over the clip's median frame-to-frame change (`steps`: the
    video's frame_steps, when the caller measures several joins of one video)."""
    steps = frame_steps(video) if steps is None else steps
    return float(steps[at - 1] / max(float(np.median(steps)), 1e-6))
