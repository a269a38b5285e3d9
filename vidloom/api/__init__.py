"""The HTTP API: an OpenAI-compatible /v1/videos plus accounts, feed and studio endpoints. No torch here."""
from .app import create_app

__all__ = ["create_app"]
