"""Upscale frames with a Lanczos filter."""
from __future__ import annotations

import numpy as np
from PIL import Image


def upscale(frames: np.ndarray, factor: float) -> np.ndarray:
    """uint8 [T, H, W, 3] (or one [H, W, 3] image) -> the same scaled by `factor` (Lanczos)."""
    frames = np.asarray(frames)
    if frames.dtype != np.uint8 or frames.ndim not in (3, 4) or frames.shape[-1] != 3:
        raise ValueError(f"frames must be uint8 [T, H, W, 3] or [H, W, 3], got {frames.dtype} {list(frames.shape)}")
    if not factor > 0:
        raise ValueError(f"factor must be positive, got {factor}")
    if frames.ndim == 3:
        return upscale(frames[None], factor)[0]
    _, h, w, _ = frames.shape
    return resize(frames, max(1, int(round(w * factor))), max(1, int(round(h * factor))))


def crop_to_aspect(frames: np.ndarray, width: int, height: int) -> np.ndarray:
    """Centre-crop uint8 [T, H, W, 3] (or [H, W, 3]) to the aspect ratio width:height (no resampling)."""
    frames = np.asarray(frames)
    h, w = frames.shape[-3:-1]
    if w * height > h * width:  # too wide: trim the sides
        keep = max(1, round(h * width / height))
        x0 = (w - keep) // 2
        return frames[..., :, x0:x0 + keep, :]
    keep = max(1, round(w * height / width))  # too tall (or exact): trim top and bottom
    y0 = (h - keep) // 2
    return frames[..., y0:y0 + keep, :, :]


def resize_cover(frames: np.ndarray, width: int, height: int) -> np.ndarray:
    """uint8 [T, H, W, 3] -> [T, height, width, 3]: centre-cropped to the aspect, then Lanczos-resized
    (no stretching; an engine's native frames become exactly the requested size)."""
    frames = np.asarray(frames)
    if frames.shape[1:3] == (height, width):
        return frames
    return resize(crop_to_aspect(frames, width, height), width, height)


def resize(frames: np.ndarray, width: int, height: int) -> np.ndarray:
    """uint8 [T, H, W, 3] -> uint8 [T, height, width, 3] (Lanczos)."""
    frames = np.asarray(frames)
    if frames.shape[1:3] == (height, width):
        return frames.copy()
    return np.stack([np.asarray(Image.fromarray(f, "RGB").resize((width, height), Image.LANCZOS)) for f in frames])
