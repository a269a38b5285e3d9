"""Long videos on any engine with conditioning frames: sliding windows that carry their last frames forward.

Each window is one engine call at most the engine's own length; the next window is given the last
`overlap` seconds of the video so far as known frames (feathered into new footage, as extend does)
and replaces them, so the video grows by window - overlap per call, to any length asked.
"""
from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from ..errors import UserError
from ..spec import VideoSpec
from .base import Progress, anchored, frame_count, per_variation, require, run, stages

MAX_SECONDS = 600.0  # ten minutes: bounds the engine calls one request can cause


def windows(total: int, window: int, overlap: int) -> int:
    """How many windows of `window` frames, each sharing `overlap` with the one before, cover `total`."""
    return 1 + math.ceil(max(total - window, 0) / (window - overlap))


def joins(total: int, window: int, overlap: int) -> list[int]:
    """The frames where each later window's carried context begins (where a seam could show)."""
    return [k * (window - overlap) for k in range(1, windows(total, window, overlap))]


def long_video(engine, spec: VideoSpec, window: float | None = None, overlap: float = 1.0,
               progress: Progress | None = None) -> list[np.ndarray]:
    """spec.seconds of video (beyond the engine's max_seconds) in windows of `window` seconds (default:
    the engine's longest) overlapping by `overlap` seconds; one uint8 [T, H, W, 3] per variation."""
    require(engine, "conditioning_frames", "a long video")
    longest = engine.capabilities.max_seconds
    window = longest if window is None else window
    if not 0 < window <= longest:
        raise UserError(f"a window of {window:g} s is out of range: {engine.name} makes 0.5 to {longest:g} s at once")
    if not 0 < spec.seconds <= MAX_SECONDS:
        raise UserError(f"duration {spec.seconds:g}s is out of range: choose up to {MAX_SECONDS:g} seconds")
    size, carried, total = (frame_count(s, spec.fps) for s in (window, overlap, spec.seconds))
    if overlap <= 0 or carried >= size:
        raise UserError(f"an overlap of {overlap:g} s must be shorter than the {window:g} s window "
                        "and at least one frame")
    count = windows(total, size, carried)
    calls = stages(progress, count * spec.variations)
    shape = replace(spec, seconds=size / spec.fps, variations=1)

    def make(one: VideoSpec) -> np.ndarray:
        k = (one.seed - spec.seed) * count  # this variation's first progress stage
        video = run(engine, replace(shape, seed=one.seed), (), calls[k])[0]
        for i in range(1, count):
            # 1. the last frames so far are known at the start of the next window
            shown = anchored(engine, size, (video[-carried:], 0))
            new = run(engine, replace(shape, seed=one.seed), shown, calls[k + i])[0]
            # 2. the new window replaces those frames with its own rendering of them, feathered in
            video = np.concatenate([video[:-carried], new])
        return video[:total]

    return per_variation(spec, make)
