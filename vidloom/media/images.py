"""Still images: WebP or JPEG thumbnails out, PNG/JPEG/WebP stills in."""
from __future__ import annotations

import os
import warnings
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from ._atomic import atomic_path

READABLE_FORMATS = ("PNG", "JPEG", "WEBP")


def save_thumbnail(frame: np.ndarray, path: str | os.PathLike, max_side: int = 320, quality: int = 88) -> Path:
    """Save a uint8 [H, W, 3] frame as a WebP (path ending .webp) or JPEG whose longer side is at most
    `max_side`; returns the path.

    Written beside `path` and moved into place, so `path` never holds a partial file.
    """
    frame = np.asarray(frame)
    if frame.dtype != np.uint8 or frame.ndim != 3 or frame.shape[-1] != 3:
        raise ValueError(f"frame must be uint8 [H, W, 3], got {frame.dtype} {list(frame.shape)}")
    if max_side < 1:
        raise ValueError(f"max_side must be at least 1, got {max_side}")
    img = Image.fromarray(frame, "RGB")
    img.thumbnail((max_side, max_side), Image.LANCZOS)
    target = Path(path)
    with atomic_path(target) as tmp:
        img.save(tmp, format="WEBP" if target.suffix.lower() == ".webp" else "JPEG", quality=quality)
    return target


def load_image(path: str | os.PathLike) -> np.ndarray:
    """Read a PNG, JPEG or WebP file as uint8 [H, W, 3] RGB (EXIF rotation applied, alpha over white).

    Raises FileNotFoundError when the file is missing and ValueError, with one clear
    sentence, when it is not a readable image of those formats.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no image file at {path}")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as img:
                if img.format not in READABLE_FORMATS:
                    raise ValueError(f"{path.name} is a {img.format} image: use PNG, JPEG or WebP")
                img.load()
                img = ImageOps.exif_transpose(img)
                if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
                    rgba = img.convert("RGBA")
                    canvas = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
                    img = Image.alpha_composite(canvas, rgba)
                rgb = img.convert("RGB")
    except ValueError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as e:
        raise ValueError(f"{path.name} is not a readable PNG, JPEG or WebP image ({e.__class__.__name__})") from e
    return np.asarray(rgb, dtype=np.uint8).copy()
