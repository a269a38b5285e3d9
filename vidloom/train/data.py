"""Training clips drawn from the world: random aspect, random window, pixels in [-1, 1]."""
from __future__ import annotations

import numpy as np
import torch

from ..world import render, sample_scene

SIZES = ((128, 128), (224, 128), (128, 224))  # (width, height) of the native sizes


def render_crops(rng: np.random.Generator, batch: int, frames: int = 8, crop: int = 64,
                 fps: float = 8.0, seconds: float = 4.0):
    """A batch of random crops [B, 3, frames, crop, crop] and pixel weights [B, 1, frames, crop, crop].

    Weights are higher on objects, which are small but carry the meaning of a clip.
    """
    clips, weights = [], []
    total = int(seconds * fps)
    for _ in range(batch):
        scene = sample_scene(rng, holdout="train")
        w, h = SIZES[int(rng.integers(len(SIZES)))]
        start = int(rng.integers(0, total - frames + 1) // 4 * 4)
        video, truth = render(scene, w, h, fps, seconds, window=(start, start + frames))
        x0 = int(rng.integers(0, (w - crop) // 16 + 1)) * 16
        y0 = int(rng.integers(0, (h - crop) // 16 + 1)) * 16
        weight = np.ones(video.shape[:3], np.float32)
        for t in range(frames):
            for bx0, by0, bx1, by1 in truth.boxes[t]:
                if not np.isnan(bx0):
                    weight[t, int(by0):int(by1), int(bx0):int(bx1)] = 4.0
        clips.append(video[:, y0:y0 + crop, x0:x0 + crop])
        weights.append(weight[:, y0:y0 + crop, x0:x0 + crop])
    x = torch.from_numpy(np.stack(clips)).permute(0, 4, 1, 2, 3).float() / 127.5 - 1
    wt = torch.from_numpy(np.stack(weights))[:, None]
    return x, wt


class CropStream(torch.utils.data.IterableDataset):
    """An endless stream of render_crops batches, seeded per worker."""

    def __init__(self, seed: int, batch: int, **kw):
        self.seed, self.batch, self.kw = seed, batch, kw

    def __iter__(self):
        info = torch.utils.data.get_worker_info()
        rng = np.random.default_rng([self.seed, info.id if info else 0])
        while True:
            yield render_crops(rng, self.batch, **self.kw)
