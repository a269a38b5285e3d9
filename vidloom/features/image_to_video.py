"""Image-to-video: a still becomes one frame of the clip (the first by default) and the scene moves."""
from __future__ import annotations

import numpy as np

from ..errors import UserError
from ..spec import VideoSpec
from .base import Progress, fit, frame_count, known, require, run


def image_to_video(engine, image: np.ndarray, spec: VideoSpec, frame: int = 0,
                   progress: Progress | None = None, last: np.ndarray | None = None) -> list[np.ndarray]:
    """uint8 [H, W, 3] of any size -> videos whose frame `frame` is the image (centre-cropped to the aspect),
    and whose last frame is `last` when given. An image-to-video model (first_frame) takes frame 0."""
    caps = engine.capabilities
    if not (frame == 0 and getattr(caps, "first_frame", False)):
        require(engine, "conditioning_frames", "image-to-video")
    if last is not None and not getattr(caps, "last_frame", False):
        require(engine, "conditioning_frames", "image-to-video with a last image")
    total = frame_count(spec.seconds, spec.fps)
    if not 0 <= frame < total:
        raise UserError(f"frame {frame} is outside the clip: choose 0 to {total - 1}")
    shown = [known(fit(engine, image, spec.fps, spec), frame)]
    if last is not None:
        shown.append(known(fit(engine, last, spec.fps, spec), total - 1))
    return run(engine, spec, shown, progress)
