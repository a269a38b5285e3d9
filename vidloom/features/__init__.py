"""The creative suite: each feature is a function over the Engine protocol, expressed as Conditioning.

Array level (frames in, frames out): text_to_video, image_to_video, remix, blend, loop, storyboard,
trim, extend. Files, presets and provenance around them: vidloom.operations.
"""
from .blend import CURVES, blend
from .image_to_video import image_to_video
from .loop import LENGTHS, loop
from .presets import PRESETS, Preset, get_preset
from .recut import extend, trim
from .remix import STRENGTHS, remix
from .storyboard import Card, storyboard
from .text_to_video import text_to_video

__all__ = ["CURVES", "LENGTHS", "PRESETS", "STRENGTHS", "Card", "Preset", "blend", "extend", "get_preset",
           "image_to_video", "loop", "remix", "storyboard", "text_to_video", "trim"]
