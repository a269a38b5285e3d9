"""Temporal noise reduction: hold still pixels still, let moving ones through."""
from __future__ import annotations

import numpy as np


def deflicker(frames: np.ndarray, threshold: float = 10.0, follow: float = 0.15) -> np.ndarray:
    """Suppress small frame-to-frame wobble of uint8 [T, H, W, 3] frames.

    A pixel whose colour moved less than `threshold` (0-255 units, largest channel) since
    the previous output frame only drifts `follow` of the way towards its new value; a
    larger change (an object passing, a cut) is taken at once. Like a codec's temporal
    denoiser, this keeps a static background steady without smearing motion.
    """
    if len(frames) < 2:
        return frames
    out = np.empty_like(frames)
    held = frames[0].astype(np.float32)
    out[0] = frames[0]
    for t in range(1, len(frames)):
        cur = frames[t].astype(np.float32)
        small = (np.abs(cur - held).max(axis=-1, keepdims=True) < threshold)
        held = np.where(small, held + follow * (cur - held), cur)
        out[t] = np.clip(held + 0.5, 0, 255).astype(np.uint8)
    return out
