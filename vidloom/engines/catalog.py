"""What each engine can do, known without loading it (and without torch), for the service's checks."""
from __future__ import annotations

from .base import Capabilities

BUILTIN = Capabilities(
    text_to_video=True, conditioning_frames=True, video_to_video=True,
    sizes={"16:9": (224, 128), "1:1": (128, 128), "9:16": (128, 224)},
    max_seconds=16.0, native_fps=8,
)

CAPABILITIES: dict[str, Capabilities] = {"vidloom-mini": BUILTIN}


def capabilities(name: str) -> Capabilities:
    """What the engine of that name can do, known without loading it or importing torch;
    UserError for a name that is neither built in nor registered."""
    if name in CAPABILITIES:
        return CAPABILITIES[name]
    from .diffusers.families import capabilities_of

    return capabilities_of(name)
