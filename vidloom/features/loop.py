"""Loop: a clip whose last frame flows into its first, so it plays seamlessly on repeat."""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from ..errors import UserError
from ..spec import VideoSpec
from .base import (CONTEXT_SECONDS, Progress, anchored, fit, frame_count, per_variation, require, run,
                   stages)

LENGTHS = {"short": 2.0, "normal": 4.0, "long": 8.0}
BRIDGE_SECONDS = 1.0  # generated frames that carry the end back into the start


def loop_seconds(length: str | float) -> float:
    """'short' | 'normal' | 'long' -> seconds of the whole loop."""
    if isinstance(length, str) and length.strip().lower() in LENGTHS:
        return LENGTHS[length.strip().lower()]
    raise UserError(f"unknown loop length {length!r}: choose short, normal or long")


def loop(engine, spec: VideoSpec, source: np.ndarray | None = None, source_fps: float | None = None,
         length: str = "normal", progress: Progress | None = None) -> list[np.ndarray]:
    """A seamless loop of `source` (a clip) or, without one, of a new clip of the prompt.

    1. the body: the source (cut to the loop's length) or a new clip;
    2. the bridge: a clip that opens with the body's end and closes with its start, both
       known to the engine, so the frames between carry the end back into the start;
    3. the loop is the body without those ends, then the bridge (whose ends feather into the body's own
       frames), so it opens on the frame after the one it closes on.
    """
    require(engine, "conditioning_frames", "loop")
    if source is None:
        require(engine, "text_to_video", "a loop from a prompt")
    fps = spec.fps
    total, gap = frame_count(loop_seconds(length), fps), frame_count(BRIDGE_SECONDS, fps)
    clip = None if source is None else fit(engine, source, source_fps, spec)[:total - gap]
    if clip is not None and len(clip) < frame_count(CONTEXT_SECONDS, fps):
        raise UserError(f"the clip to loop is too short: give at least {CONTEXT_SECONDS:g} second")
    per = 1 if clip is not None else 2  # engine calls per variation
    calls = stages(progress, spec.variations * per)

    def make(one: VideoSpec) -> np.ndarray:
        k = one.seed - spec.seed
        body = clip if clip is not None else run(
            engine, replace(one, seconds=(total - gap) / fps), (), calls[per * k])[0]
        n = min(frame_count(CONTEXT_SECONDS, fps), len(body) // 2)  # a short body lends half to each end
        end, start = body[-n:], body[:n]
        count = len(end) + gap + len(start)
        shown = anchored(engine, count, (end, 0), (start, len(end) + gap))
        bridge = run(engine, replace(one, seconds=count / fps), shown, calls[per * k + per - 1])[0]
        return np.concatenate([body[len(start):len(body) - len(end)], bridge])

    return per_variation(spec, make)


def seam_ratio(video: np.ndarray) -> float:
    """The loop's seam (last frame -> first) over the median frame-to-frame change inside; <= 1 is seamless."""
    v = video.astype(np.float32)
    inside = np.abs(np.diff(v, axis=0)).mean(axis=(1, 2, 3))
    return float(np.abs(v[0] - v[-1]).mean() / max(float(np.median(inside)), 1e-6))
