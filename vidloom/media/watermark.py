"""A visible watermark: a translucent 'vidloom' mark in the lower right corner of every frame."""
from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

MARK = "vidloom"


def _mask(width: int, height: int, text: str) -> np.ndarray:
    """Float [H, W] alpha of the mark for a frame of this size (drawn once per clip)."""
    size = max(8, height // 10)
    try:
        font = ImageFont.load_default(size=size)
    except TypeError:  # Pillow < 10.1 has one fixed-size default font
        font = ImageFont.load_default()
    canvas = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(canvas)
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    margin = max(2, height // 40)
    draw.text((width - (right - left) - margin - left, height - (bottom - top) - margin - top), text,
              fill=255, font=font)
    return np.asarray(canvas, dtype=np.float32) / 255.0


def watermark(frames: np.ndarray, text: str = MARK, opacity: float = 0.6) -> np.ndarray:
    """uint8 [T, H, W, 3] -> the same with `text` blended in white over a dark outline, lower right."""
    frames = np.asarray(frames)
    if frames.dtype != np.uint8 or frames.ndim != 4 or frames.shape[-1] != 3:
        raise ValueError(f"frames must be uint8 [T, H, W, 3], got {frames.dtype} {list(frames.shape)}")
    alpha = _mask(frames.shape[2], frames.shape[1], text)
    # a dark offset keeps it readable on white; it grows with the frame, so the mark keeps its proportions
    # on the MP4 sizes the API asks for (720p and up) as on the engine's native 128 px
    k = max(1, frames.shape[1] // 128)
    shadow = np.roll(np.roll(alpha, k, 0), k, 1)
    # only the box the mark and its shadow cover changes (elsewhere the blend gives each pixel back as it
    # was): blending that box, not every pixel of every frame, is the same video at a fraction of the cost
    rows, cols = (np.flatnonzero(((alpha != 0) | (shadow != 0)).any(axis=a)) for a in (1, 0))
    out = frames.copy()
    if rows.size == 0:
        return out
    box = (slice(rows[0], rows[-1] + 1), slice(cols[0], cols[-1] + 1))
    region = frames[(slice(None), *box)].astype(np.float32)
    region *= (1 - opacity * shadow[box])[None, :, :, None]
    region += (opacity * alpha[box] * 255.0)[None, :, :, None] * (1 - region / 255.0)
    out[(slice(None), *box)] = region.round().clip(0, 255).astype(np.uint8)
    return out
