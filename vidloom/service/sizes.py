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
