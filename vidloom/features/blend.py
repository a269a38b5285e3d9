"""Blend: one clip that starts as the first video and ends as the second, through a generated transition."""
from __future__ import annotations

import numpy as np

from ..errors import UserError
from ..spec import VideoSpec, nearest_aspect
from .base import CONTEXT_SECONDS, Progress, fit, frame_count, known, require, run

CURVES = {
    "linear": lambda w: w,
    "ease-in": lambda w: w * w,
    "ease-out": lambda w: 1 - (1 - w) ** 2,
    "ease-in-out": lambda w: w * w * (3 - 2 * w),
}
GUIDE = 0.7  # how much of the curve-weighted mix the transition keeps (0: free, 1: a plain crossfade)


def curve_weights(curve: str, count: int, head: int, tail: int) -> np.ndarray:
    """[count] weights of the second video: 0 over the head, rising along `curve`, 1 over the tail."""
    if curve not in CURVES:
        raise UserError(f"unknown blend curve {curve!r}: choose one of {', '.join(CURVES)}")
    span = max(count - head - tail, 1)
    w = np.clip((np.arange(count) - head + 1) / (span + 1), 0.0, 1.0)
    return CURVES[curve](w)


def blend(engine, a: np.ndarray, a_fps: float, b: np.ndarray, b_fps: float, spec: VideoSpec,
          curve: str = "ease-in-out", progress: Progress | None = None) -> list[np.ndarray]:
    """The first CONTEXT_SECONDS are `a`'s opening, the last are `b`'s ending; the engine writes the middle,
    guided (where it can re-imagine clips) by a mix of the two that follows the curve."""
    require(engine, "conditioning_frames", "blend")
    shapes = [nearest_aspect(v.shape[2], v.shape[1]) for v in (a, b)]
    if shapes[0] != shapes[1]:
        raise UserError(f"the videos to blend have different shapes ({a.shape[2]}x{a.shape[1]} is {shapes[0]}, "
                        f"{b.shape[2]}x{b.shape[1]} is {shapes[1]}): give two videos of the same aspect ratio")
    count = frame_count(spec.seconds, spec.fps)
    head = tail = frame_count(CONTEXT_SECONDS, spec.fps)
    if count < head + tail + 1:
        raise UserError(f"a blend needs more than {2 * CONTEXT_SECONDS:g} seconds: ask for a longer duration")
    a, b = fit(engine, a, a_fps, spec), fit(engine, b, b_fps, spec)
    if len(a) < head or len(b) < tail:
        raise UserError(f"each video to blend must be at least {CONTEXT_SECONDS:g} second long")
    w = curve_weights(curve, count, head, tail)
    conditioning = [known(a[:head], 0, feather=head - 1), known(b[-tail:], count - tail, feather=tail - 1)]
    if engine.capabilities.video_to_video:
        # 1. both clips laid on the output's timeline (a from its start, b up to its end), edges held
        a_on = a[np.clip(np.arange(count), 0, len(a) - 1)]
        b_on = b[np.clip(np.arange(count) - (count - len(b)), 0, len(b) - 1)]
        # 2. their mix along the curve, which the engine re-imagines as the transition
        mix = a_on * (1 - w[:, None, None, None]) + b_on * w[:, None, None, None]
        conditioning.append(known(np.rint(mix).astype(np.uint8), 0, strength=GUIDE))
    return run(engine, spec, conditioning, progress)
