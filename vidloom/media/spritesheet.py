"""A spritesheet: evenly spaced frames of a clip tiled into one JPEG (for scrubbing previews)."""
from __future__ import annotations

import math
import os
from pathlib import Path

import numpy as np
from PIL import Image

from ._atomic import atomic_path
from .video import check_frames, evenly_spaced


def save_spritesheet(frames: np.ndarray, path: str | os.PathLike, tiles: int = 16, columns: int = 4,
                     tile_width: int = 160, quality: int = 85) -> Path:
    """Tile `tiles` evenly spaced frames of uint8 [T, H, W, 3] into a grid `columns` wide; returns the path."""
    frames = check_frames(frames)
    picks = evenly_spaced(len(frames), tiles)
    h, w = frames.shape[1:3]
    tw, th = tile_width, max(1, round(tile_width * h / w))
    rows = math.ceil(len(picks) / columns)
    sheet = Image.new("RGB", (tw * min(columns, len(picks)), th * rows))
    for n, i in enumerate(picks):
        tile = Image.fromarray(frames[i], "RGB").resize((tw, th), Image.LANCZOS)
        sheet.paste(tile, ((n % columns) * tw, (n // columns) * th))
    target = Path(path)
    with atomic_path(target) as tmp:
        sheet.save(tmp, format="JPEG", quality=quality)
    return target
