"""Resumable checkpoints: model, optimiser and step in one file, written atomically."""
from __future__ import annotations

import os
from pathlib import Path

import torch


def save(path: Path, **state) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    torch.save(state, tmp)
    os.replace(tmp, path)


def load(path: Path) -> dict | None:
    return torch.load(path, map_location="cpu", weights_only=False) if path.exists() else None
