"""Registered open-weight models: the family table names the adapter that loads each entry."""
from __future__ import annotations

from importlib import import_module

from .families import FAMILIES
from ...spec import DEFAULT_ENGINE
from .registry import load_registry


def load_registered(name: str):
    """The loaded engine of a registered model; KeyError (listing the choices) for an unknown name."""
    entries = load_registry()
    if name not in entries:
        choices = ", ".join([DEFAULT_ENGINE, *sorted(entries)])
        raise KeyError(f"unknown engine {name!r}: available engines are {choices} "
                       "(register a model folder with `vidloom models add NAME --path DIR`)")
    entry = entries[name]
    module, cls = FAMILIES[entry.family].adapter.split(":")
    return getattr(import_module(f".{module}", __package__), cls).load(entry)
