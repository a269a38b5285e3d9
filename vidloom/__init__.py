"""vidloom: a self-hosted, open text/image/video-to-video generator.

`import vidloom` is light (no torch); `vidloom.generate` loads on first use.
"""
from .errors import UserError

__version__ = "0.1.0"
__all__ = ["generate", "UserError", "__version__"]


def __getattr__(name: str):
    if name == "generate":
        from .operations.files import generate

        return generate
    raise AttributeError(f"module 'vidloom' has no attribute {name!r}")
