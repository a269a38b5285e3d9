"""Text-to-video: a prompt and nothing else."""
from __future__ import annotations

import numpy as np

from ..spec import VideoSpec
from .base import Progress, require, run


def text_to_video(engine, spec: VideoSpec, progress: Progress | None = None) -> list[np.ndarray]:
    require(engine, "text_to_video", "text-to-video")
    return run(engine, spec, (), progress)
