"""The web studio: a static front end (HTML, CSS, plain ES modules) that talks only to the HTTP API."""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).parent / "static"


def mount(app: FastAPI) -> None:
    """Serve the studio at `/` (mounted last, so every API route is matched first)."""
    app.mount("/", StaticFiles(directory=STATIC, html=True), name="studio")
