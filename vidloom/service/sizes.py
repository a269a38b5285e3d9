"""Request sizes: OpenAI's WxH values and an engine's native sizes -> the engine's aspect and size."""
from __future__ import annotations

import re

from ..engines.base import Capabilities

OPENAI_SIZES = {"720x1280": "9:16", "1280x720": "16:9", "1024x1792": "9:16", "1792x1024": "16:9"}
DEFAULT_SIZE = "720x1280"  # OpenAI's default


def parse(size: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*(\d{1,5})\s*x\s*(\d{1,5})\s*", str(size))
    if not m:
        raise ValueError(f"size {size!r} is not WIDTHxHEIGHT, such as 1280x720")
    return int(m[1]), int(m[2])


def resolve(size: str, caps: Capabilities) -> tuple[str, int, int]:
    """(aspect, width, height) the engine makes for a requested size; ValueError naming the choices."""
    w, h = parse(size)
    native = {f"{nw}x{nh}": aspect for aspect, (nw, nh) in caps.sizes.items()}
    aspect = OPENAI_SIZES.get(f"{w}x{h}") or native.get(f"{w}x{h}")
    if aspect is None or aspect not in caps.sizes:
        choices = sorted(set(OPENAI_SIZES) | set(native))
        raise ValueError(f"size {size!r} is not supported: choose one of {', '.join(choices)}")
    nw, nh = caps.sizes[aspect]
    return aspect, nw, nh


def within_plan(size: str, aspect: str, max_pixels: int) -> str:
    """`size`, or when it is over `max_pixels` the largest OpenAI size of the same aspect under it (so a
    remix of a bigger video from the feed gets a size the remixer's plan allows)."""
    w, h = parse(size)
    if w * h <= max_pixels:
        return size
    fitting = [s for s, a in OPENAI_SIZES.items() if a == aspect and _area(s) <= max_pixels]
    if not fitting:
        raise ValueError(f"no {aspect} size fits in {max_pixels} pixels")
    return max(fitting, key=_area)


def _area(size: str) -> int:
    w, h = parse(size)
    return w * h
