"""Remix: re-imagine a clip with a new prompt; the strength says how far to depart from it."""
from __future__ import annotations

import numpy as np

from ..errors import UserError
from ..spec import VideoSpec
from .base import Progress, fit, frame_count, known, require, run

STRENGTHS = {"subtle": 0.3, "mild": 0.5, "strong": 0.75}


def remix_strength(strength: str | float) -> float:
    """'subtle' | 'mild' | 'strong' | a number in (0, 1] -> the fraction of the clip to re-imagine."""
    if isinstance(strength, str):
        key = strength.strip().lower()
        if key in STRENGTHS:
            return STRENGTHS[key]
        try:
            strength = float(key)
        except ValueError:
            raise UserError(f"unknown remix strength {strength!r}: use subtle, mild, strong or a number "
                            f"from 0 to 1") from None
    if isinstance(strength, bool) or not 0.0 < float(strength) <= 1.0:
        raise UserError(f"remix strength {strength!r} is out of range: use a number above 0 and at most 1")
    return float(strength)


def remix(engine, video: np.ndarray, fps: float, spec: VideoSpec, strength: str | float = "mild",
          progress: Progress | None = None) -> list[np.ndarray]:
    """The clip noised to `strength` and sampled back with the new prompt: 0 keeps it, 1 ignores it."""
    require(engine, "video_to_video", "remix")
    amount = remix_strength(strength)
    clip = fit(engine, video, fps, spec)[:frame_count(spec.seconds, spec.fps)]
    if len(clip) < 2:
        raise UserError("the clip to remix is too short: give at least two frames")
    return run(engine, spec, (known(clip, 0, strength=1.0 - amount),), progress)
