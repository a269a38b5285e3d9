"""Engines: the Engine protocol and its implementations, loaded once per process."""
from __future__ import annotations

from functools import lru_cache

from ..spec import DEFAULT_ENGINE
from .base import Capabilities, Engine

__all__ = ["Capabilities", "Engine", "get_engine"]


@lru_cache(maxsize=4)
def get_engine(name: str = DEFAULT_ENGINE) -> Engine:
    """A loaded engine by name; the model stays in memory for later calls."""
    if name == DEFAULT_ENGINE:
        from .builtin import BuiltinEngine

        return BuiltinEngine.load()
    from .diffusers.loader import load_registered  # models registered with `vidloom models add`

    return load_registered(name)
