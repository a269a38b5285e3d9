"""Change a clip's frame rate by blending neighbouring frames."""
from __future__ import annotations

import math

import numpy as np


def resample_fps(frames: np.ndarray, src_fps: float, dst_fps: float) -> np.ndarray:
    """uint8 [T, H, W, 3] at src_fps -> uint8 [round(T * dst / src), H, W, 3] at dst_fps.

    Output frame j shows time j / dst_fps: a linear blend of the two source frames
    around it (the last frame is held past the end). The duration is kept.
    """
    frames = np.asarray(frames)
    if frames.ndim != 4 or frames.shape[0] < 1:
        raise ValueError(f"frames must be [T, H, W, C] with T >= 1, got {list(frames.shape)}")
    if not (src_fps > 0 and dst_fps > 0):
        raise ValueError(f"frame rates must be positive, got {src_fps} -> {dst_fps}")
    t = frames.shape[0]
    if src_fps == dst_fps:
        return frames.copy()
    n_out = max(1, int(round(t * dst_fps / src_fps)))
    out = np.empty((n_out,) + frames.shape[1:], frames.dtype)
    for j in range(n_out):
        s = j * src_fps / dst_fps  # position in source frames
        i0 = min(int(math.floor(s + 1e-9)), t - 1)
        w = min(max(s - i0, 0.0), 1.0)
        i1 = min(i0 + 1, t - 1)
        if w < 1e-6 or i1 == i0:
            out[j] = frames[i0]
        else:
            mix = frames[i0].astype(np.float32) * (1.0 - w) + frames[i1].astype(np.float32) * w
            out[j] = np.clip(np.rint(mix), 0, 255).astype(frames.dtype)
    return out
