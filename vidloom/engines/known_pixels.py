"""Known pixels, the same for every engine: fit them to the output size, and put them back
exactly after decoding (a model reproduces them only up to its autoencoder's error, and a
user's first frame should be their image, not a copy of it)."""
from __future__ import annotations

import math

import numpy as np
import torch

from ..spec import GenerationRequest


def fit_size(frames: np.ndarray, width: int, height: int) -> np.ndarray:
    """uint8 [T, H, W, 3] -> uint8 [T, height, width, 3]: centre-crop to the aspect, then resize."""
    t, h, w, _ = frames.shape
    if (h, w) == (height, width):
        return frames
    scale = max(width / w, height / h)
    ch, cw = min(h, math.ceil(height / scale)), min(w, math.ceil(width / scale))
    y, x = (h - ch) // 2, (w - cw) // 2
    crop = torch.from_numpy(np.ascontiguousarray(frames[:, y:y + ch, x:x + cw])).permute(0, 3, 1, 2).float()
    out = torch.nn.functional.interpolate(crop, size=(height, width), mode="bilinear", antialias=True, align_corners=False)
    return out.round().clamp(0, 255).to(torch.uint8).permute(0, 2, 3, 1).numpy()


def paste_known(video: np.ndarray, request: GenerationRequest) -> np.ndarray:
    """The video with every exactly-given clip or image (strength 1) back on its frames,
    blended in over `feather` frames where it meets generated footage."""
    _, height, width, _ = video.shape
    video = video.copy()
    for item in request.conditioning:
        if item.strength < 1.0:
            continue
        media = item.frames
        lo, hi = max(item.frame, 0), min(item.frame + len(media), len(video))
        if hi <= lo:
            continue
        given = fit_size(media[lo - item.frame:hi - item.frame], width, height)
        w = _feather(lo, hi, len(video), item.feather)[:, None, None, None]
        video[lo:hi] = np.rint(given * w + video[lo:hi] * (1 - w)).astype(np.uint8)
    return video


def _feather(lo: int, hi: int, total: int, frames: int) -> np.ndarray:
    """Weights of given pixels over [lo, hi): 1 inside, falling to 0 across `frames` frames at an
    edge that meets generated footage (an edge at the clip's start or end meets none)."""
    f = np.arange(lo, hi, dtype=np.float32)
    w = np.ones_like(f)
    if frames > 0 and hi < total:
        w = np.minimum(w, (hi - 1 - f) / frames)
    if frames > 0 and lo > 0:
        w = np.minimum(w, (f - lo) / frames)
    return np.clip(w, 0.0, 1.0)
