"""Moderation of prompts and uploads. `rules` and `uploads` need no torch (the API uses them);
`similarity` embeds prompts with MiniLM and runs in the worker."""
from .rules import Refusal, check_prompt

__all__ = ["Refusal", "check_prompt"]
