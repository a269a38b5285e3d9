"""Registered open-weight models: the registry entry names the family adapter that loads it."""
from __future__ import annotations

from importlib import import_module

from ..spec import DEFAULT_ENGINE
from .registry import load_registry

ADAPTERS = {  # family -> (module, class)
    "wan": ("wan", "WanEngine"),
    "ltx": ("ltx", "LTXEngine"),
    "cogvideox": ("cogvideox", "CogVideoXEngine"),
    "hunyuan": ("hunyuan", "HunyuanEngine"),
}


def load_registered(name: str):
    """The loaded engine of a registered model; KeyError (listing the choices) for an unknown name."""
    entries = load_registry()
    if name not in entries:
        choices = ", ".join([DEFAULT_ENGINE, *sorted(entries)])
        raise KeyError(f"unknown engine {name!r}: available engines are {choices} "
                       "(register a model folder with `vidloom models add NAME --path DIR`)")
    entry = entries[name]
    module, cls = ADAPTERS[entry.family]
    return getattr(import_module(f".{module}", __package__), cls).load(entry)
