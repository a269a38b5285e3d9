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
from ..spec import LONG_MAX_SECONDS, VideoSpec
from .base import Progress, anchored, frame_count, per_variation, require, run, stages

MAX_SECONDS = LONG_MAX_SECONDS  # ten minutes
DEFAULT_SECONDS = 30.0
DEFAULT_OVERLAP = 1.0
MAX_WINDOWS = 200  # engine calls per video: short windows with a long overlap would otherwise cost without bound


def windows(total: int, window: int, overlap: int) -> int:
    """How many windows of `window` frames, each sharing `overlap` with the one before, cover `total`."""
    return 1 + math.ceil(max(total - window, 0) / (window - overlap))


def joins(total: int, window: int, overlap: int) -> list[int]:
    """The frames where each later window's carried context begins (where a seam could show)."""
    return [k * (window - overlap) for k in range(1, windows(total, window, overlap))]


def plan(seconds: float, fps: int, window: float | None, overlap: float, longest: float,
         engine: str = "the engine") -> tuple[int, int, int]:
    """(total, window, overlap) in frames for `seconds` in windows of `window` seconds (None: `longest`, the
    engine's longest call); UserError naming the parameter when they cannot be honoured. Torch-free: the
    operation checks a request with it at submit, the feature again with the loaded engine."""
    window = longest if window is None else window
    if not 0.5 <= window <= longest:
        raise UserError(f"a window of {window:g} s is out of range: choose 0.5 to {longest:g} s, the longest "
                        f"{engine} makes at once", param="window")
    if not 0 < seconds <= MAX_SECONDS:
        raise UserError(f"duration {seconds:g}s is out of range: choose up to {MAX_SECONDS:g} seconds",
                        param="seconds")
    size, carried, total = (frame_count(s, fps) for s in (window, overlap, seconds))
    if overlap <= 0 or carried >= size:
        raise UserError(f"an overlap of {overlap:g} s must be shorter than the {window:g} s window "
                        "and at least one frame", param="overlap")
    if windows(total, size, carried) > MAX_WINDOWS:
        raise UserError(f"{seconds:g} s in {window:g} s windows overlapping by {overlap:g} s takes "
                        f"{windows(total, size, carried)} engine calls, more than {MAX_WINDOWS}: "
                        "choose a longer window or a shorter overlap", param="window")
    return total, size, carried


def long_video(engine, spec: VideoSpec, window: float | None = None, overlap: float = DEFAULT_OVERLAP,
               progress: Progress | None = None) -> list[np.ndarray]:
    """spec.seconds of video (beyond the engine's max_seconds) in windows of `window` seconds (default:
    the engine's longest) overlapping by `overlap` seconds; one uint8 [T, H, W, 3] per variation."""
    require(engine, "conditioning_frames", "a long video")
    require(engine, "text_to_video", "a long video")  # the first window starts from the prompt alone
    total, size, carried = plan(spec.seconds, spec.fps, window, overlap, engine.capabilities.max_seconds,
                                engine.name)
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


def seams(video: np.ndarray, window: int, overlap: int) -> list[float]:
    """Each join's worst frame step over the video's median step (as extend's joins are measured; <= 2 is
    seamless): the steps into every frame the later window rendered over the carried context, its first
    (exact) carried frame, the feathered ones and its first new one (the step into the join frame lies wholly
    in the window before). `window` and `overlap` in frames."""
    from .recut import frame_steps, join_ratio

    steps = frame_steps(video)  # once: each join_ratio would convert and difference the whole video again
    return [max(join_ratio(video, k, steps) for k in range(at + 1, min(at + overlap + 2, len(video))))
            for at in joins(len(video), window, overlap)]
