"""Flow-matching training loss with conditioning frames."""
from __future__ import annotations

from typing import Callable

import torch

from .schedule import add_noise

# model(x_t, t, cond, cond_mask) -> velocity; the prompt is bound in by the caller.
VelocityModel = Callable[[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor], torch.Tensor]


def flow_loss(model: VelocityModel, x0: torch.Tensor, t: torch.Tensor, cond: torch.Tensor,
              cond_mask: torch.Tensor, noise: torch.Tensor | None = None) -> torch.Tensor:
    """Mean squared velocity error over the frames the model must invent.

    x0, cond: [B, C, T, H, W]; cond_mask: [B, 1, T, 1, 1] with 1 where the clean latent is
    given (those frames enter x_t clean and are not scored).
    """
    noise = torch.randn_like(x0) if noise is None else noise
    keep = (cond_mask == 1).to(x0.dtype)
    x_t = add_noise(x0, noise, t) * (1 - keep) + x0 * keep
    v = model(x_t, t, cond, cond_mask).float()
    err = (v - (noise - x0)).pow(2) * (1 - keep)
    return err.sum() / ((1 - keep).expand_as(err).sum().clamp(min=1))
