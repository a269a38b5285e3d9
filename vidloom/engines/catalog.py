"""What each engine can do, known without loading it (and without torch): the one lookup by model name.

The built-in model's capabilities are fixed; a registered open-weight model's come from its
registry entry, its family's facts (engines/diffusers/families.py, the one family table the
adapters use too) and the pipeline class and configs in its folder. The API checks requests
against this, before queueing, for the engine the worker will run.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..errors import UserError
from ..spec import DEFAULT_ENGINE
from .base import Capabilities

BUILTIN_WEIGHTS = Path(__file__).resolve().parents[1] / "weights" / "vidloom-mini"
# the size and rate the built-in model's latents are encoded at (what its DiT draws)
LATENT_SIZES = {"16:9": (224, 128), "1:1": (128, 128), "9:16": (128, 224)}
LATENT_FPS = 8


def builtin_capabilities(autoencoder: dict) -> Capabilities:
    """vidloom-mini's capabilities for its autoencoder config (a dict, as config.json has it):
    an output head decodes `upscale` times the size at `frame_rate_factor` times the fps."""
    u, r = autoencoder.get("upscale", 1), autoencoder.get("frame_rate_factor", 1)
    return Capabilities(
        text_to_video=True, conditioning_frames=True, video_to_video=True,
        sizes={aspect: (w * u, h * u) for aspect, (w, h) in LATENT_SIZES.items()},
        max_seconds=16.0, native_fps=LATENT_FPS * r,
        depicts_people=False,  # the world has shapes only: what it shows of an input was moderated on the way in
    )


def shipped_autoencoder() -> dict:
    """The shipped weights' autoencoder config, as config.json has it ({} before any are trained)."""
    path = BUILTIN_WEIGHTS / "config.json"
    return json.loads(path.read_text())["autoencoder"] if path.exists() else {}


BUILTIN = builtin_capabilities(shipped_autoencoder())  # of the shipped weights


def names() -> list[str]:
    """Every engine this install can run: the built-in model, then the registered ones."""
    from .diffusers.registry import load_registry

    return [DEFAULT_ENGINE, *sorted(load_registry())]


def capabilities(name: str) -> Capabilities:
    """What the engine `name` can do; UserError (param `model`) for a name that is not an engine here."""
    if name == DEFAULT_ENGINE:
        return BUILTIN
    if name not in names():
        raise UserError(f"unknown model {name!r}: choose one of {', '.join(names())}", param="model")
    from .diffusers.families import capabilities_of

    return capabilities_of(name)
