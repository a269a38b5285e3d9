"""vidloom-mini's output geometry as the shipped weights' config gives it, plain or with an output head.

Tests take the sizes they expect from here rather than writing the plain model's 224x128: an output head
(autoencoder `upscale`, `frame_rate_factor`) decodes the same latents larger (and faster; the fps a request
gets is still the one it asks for, 8 by default).
"""
from vidloom.engines.catalog import BUILTIN, shipped_autoencoder
from vidloom.model.autoencoder import AutoencoderConfig

SHIPPED_AUTOENCODER = AutoencoderConfig.from_dict(shipped_autoencoder())  # plain, or with an output head
UPSCALE = SHIPPED_AUTOENCODER.upscale  # its output size over the latents' (1 plain)


def native(aspect: str = "16:9") -> tuple[int, int]:
    """(width, height) vidloom-mini draws for an aspect."""
    return BUILTIN.sizes[aspect]


def native_size(aspect: str = "16:9") -> str:
    """The same as a request's size, WIDTHxHEIGHT."""
    return "{}x{}".format(*native(aspect))
