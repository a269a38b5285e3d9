"""Flow-matching time schedule: t=1 is pure noise, t=0 is data; x_t = (1-t) x0 + t noise."""
from __future__ import annotations

import math

import torch

BASE_TOKENS = 128  # a 1:1 4-second clip


def resolution_shift(tokens: int, base_shift: float = 2.0) -> float:
    """More tokens carry more redundant signal, so spend more time at high noise (SD3's shift)."""
    return base_shift * math.sqrt(tokens / BASE_TOKENS)


def shift_time(t: torch.Tensor, shift: float) -> torch.Tensor:
    return shift * t / (1 + (shift - 1) * t)


def sample_train_time(batch: int, shift: float, generator: torch.Generator | None = None) -> torch.Tensor:
    """Logit-normal times, shifted for the resolution."""
    u = torch.sigmoid(torch.randn(batch, generator=generator))
    return shift_time(u, shift)


def sampling_times(steps: int, shift: float, start: float = 1.0) -> torch.Tensor:
    """steps+1 decreasing times from `start` (1 = from noise) to 0."""
    return shift_time(torch.linspace(start, 0.0, steps + 1), shift)


def add_noise(x0: torch.Tensor, noise: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
    t = t.view(-1, *([1] * (x0.dim() - 1)))
    return (1 - t) * x0 + t * noise
