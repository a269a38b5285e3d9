"""Random conditioning for training: which latent frames are given, and how.

Teaching the DiT every pattern now is what later powers image-to-video, extend, loop,
blend and storyboard without retraining.
"""
from __future__ import annotations

import numpy as np
import torch

EXACT, HINT = 1.0, 0.5


def random_conditioning(rng: np.random.Generator, latent: torch.Tensor, first_still: torch.Tensor,
                        last_still: torch.Tensor, text_only: float = 0.45) -> tuple[torch.Tensor, torch.Tensor]:
    """cond [C, T, H, W] and mask [1, T, 1, 1] for one training clip; text_only is the share
    of clips drawn from the prompt alone (the rest split as below, in the same proportions)."""
    t = latent.shape[1]
    cond = latent.clone()
    mask = torch.zeros(1, t, 1, 1)
    r = rng.random()
    r = 0.0 if r < text_only else 0.45 + (r - text_only) / (1 - text_only) * 0.55
    if r < 0.45:
        pass  # text only
    elif r < 0.55:
        mask[:, 0] = EXACT  # first latent frame known
    elif r < 0.67:
        cond[:, 0], mask[:, 0] = first_still, HINT  # an image to start from
    elif r < 0.72:
        cond[:, -1], mask[:, -1] = last_still, HINT  # an image to end on
    elif r < 0.78:
        mask[:, 0] = mask[:, -1] = EXACT  # both ends known (loops, blends)
    elif r < 0.88:
        mask[:, : int(rng.integers(1, t))] = EXACT  # a prefix: extend forwards
    elif r < 0.94:
        mask[:, int(rng.integers(1, t)):] = EXACT  # a suffix: extend backwards
    else:
        mask[:, torch.from_numpy(rng.random(t) < 0.3)] = EXACT  # keyframes
    return cond, mask
