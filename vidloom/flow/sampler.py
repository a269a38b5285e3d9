"""Samplers for flow matching: Euler and Heun, with classifier-free guidance and known frames."""
from __future__ import annotations

from typing import Callable

import torch

from .loss import VelocityModel
from .schedule import sampling_times


def guided(cond_model: VelocityModel, uncond_model: VelocityModel | None, guidance: float) -> VelocityModel:
    """Classifier-free guidance: v_u + g (v_c - v_u)."""
    if uncond_model is None or guidance == 1.0:
        return cond_model

    def model(x, t, cond, cond_mask):
        v_c, v_u = cond_model(x, t, cond, cond_mask), uncond_model(x, t, cond, cond_mask)
        return v_u + guidance * (v_c - v_u)

    return model


def sample(model: VelocityModel, noise: torch.Tensor, cond: torch.Tensor, cond_mask: torch.Tensor, *,
           steps: int, shift: float, method: str = "heun", start: float = 1.0, init: torch.Tensor | None = None,
           progress: Callable[[int, int], None] | None = None) -> torch.Tensor:
    """Integrate from noise (t=start) to data (t=0).

    Frames with cond_mask == 1 are held on the straight path between their clean latent
    and the same noise, so they end exactly at the given latent. init (with start < 1)
    starts from a noised source instead of pure noise, for video-to-video.
    """
    times = sampling_times(steps, shift, start)
    keep = (cond_mask == 1).to(noise.dtype)

    def pin(x, t):
        return x * (1 - keep) + ((1 - t) * cond + t * noise) * keep

    x = pin(noise if init is None else (1 - times[0]) * init + times[0] * noise, times[0])
    for i in range(steps):
        t, t_next = times[i], times[i + 1]
        tb = t.expand(x.shape[0])
        v = model(x, tb, cond, cond_mask)
        x_next = x + (t_next - t) * v
        if method == "heun" and t_next > 0:
            v2 = model(pin(x_next, t_next), t_next.expand(x.shape[0]), cond, cond_mask)
            x_next = x + (t_next - t) * 0.5 * (v + v2)
        elif method not in ("heun", "euler"):
            raise ValueError(f"unknown sampler {method!r}: use euler or heun")
        x = pin(x_next, t_next)
        if progress:
            progress(i + 1, steps)
    return x
