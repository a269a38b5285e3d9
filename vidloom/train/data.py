"""Training clips drawn from the world: random aspect, random window, pixels in [-1, 1]."""
from __future__ import annotations

import numpy as np
import torch

from ..world import render, sample_scene
from ..world.render_batch import View, render_batch

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


def render_pairs(rng: np.random.Generator, batch: int, upscale: int, rate: int, frames: int = 8, crop: int = 64,
                 fps: float = 8.0, seconds: float = 4.0, native_input: float = 0.5, device: str = "cpu"):
    """Crops for an output head, rendered on `device`: inputs as render_crops gives them (the encoder's size
    and fps) and targets [B, 3, frames * rate, crop * upscale, crop * upscale] of the same scene at `upscale`
    times the size and `rate` times the fps, with pixel weights at the target's size.

    The world paces motion by frame index over the clip, so the fast render spans
    rate * (total - 1) + 1 frames: its frame rate * i is then the slow render's frame i exactly.
    Inputs are either the scene rendered natively small (what the DiT's latents look like) or the
    large render averaged down (which matches it exactly); a native input differs from the large
    render in random detail (stars, rain, grain), so target pixels where the two disagree carry no weight.
    """
    total = int(round(seconds * fps))
    fast_fps = fps * rate
    fast_seconds = (rate * (total - 1) + 1) / fast_fps
    u, c = upscale, crop * upscale
    scenes, big, small = [], [], []
    for _ in range(batch):
        scenes.append(sample_scene(rng, holdout="train"))
        w, h = SIZES[int(rng.integers(len(SIZES)))]
        start = int(rng.integers(0, total - frames + 1) // 4 * 4)
        x0 = int(rng.integers(0, (w - crop) // 16 + 1)) * 16
        y0 = int(rng.integers(0, (h - crop) // 16 + 1)) * 16
        big.append(View(w * u, h * u, fast_fps, fast_seconds, start * rate, x0 * u, y0 * u))
        small.append(View(w, h, fps, seconds, start, x0, y0))
    y, boxes = render_batch(scenes, big, frames * rate, (c, c), device)  # [B, T, c, c, 3], [B, T, N, 4]
    # objects weigh 4x: they are small but carry the meaning of a clip
    at = torch.arange(c, device=y.device, dtype=torch.float32)
    x_in = (at >= boxes[..., 0, None]) & (at < boxes[..., 2, None])  # [B, T, N, c]; NaN boxes cover nothing
    y_in = (at >= boxes[..., 1, None]) & (at < boxes[..., 3, None])
    on_object = (y_in[..., :, None] & x_in[..., None, :]).any(2)  # [B, T, c, c]
    weight = 1 + 3 * on_object.float()
    down = y[:, ::rate].float().view(batch, frames, crop, u, crop, u, 3).mean((3, 5))
    x = torch.round(down)
    native = torch.from_numpy(rng.random(batch) < native_input)
    if native.any():
        idx = native.nonzero()[:, 0].tolist()
        drawn, _ = render_batch([scenes[i] for i in idx], [small[i] for i in idx], frames, (crop, crop), device)
        agree = ((down[idx] - drawn.float()).abs().amax(-1) <= 24).all(1)  # [n, crop, crop], over the clip
        weight[idx] *= agree.repeat_interleave(u, 1).repeat_interleave(u, 2)[:, None].float()
        x[idx] = drawn.float()
    x = x.permute(0, 4, 1, 2, 3) / 127.5 - 1
    y = y.permute(0, 4, 1, 2, 3).float() / 127.5 - 1
    return x, y, weight[:, None]


class PairStream(torch.utils.data.IterableDataset):
    """An endless stream of render_pairs batches, seeded per worker."""

    def __init__(self, seed: int, batch: int, upscale: int, rate: int, **kw):
        self.seed, self.batch, self.upscale, self.rate, self.kw = seed, batch, upscale, rate, kw

    def __iter__(self):
        info = torch.utils.data.get_worker_info()
        rng = np.random.default_rng([self.seed, info.id if info else 0])
        while True:
            yield render_pairs(rng, self.batch, self.upscale, self.rate, **self.kw)
