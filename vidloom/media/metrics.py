"""Measures of frames that tests and benchmarks share: PSNR and the change from one frame to the next."""
from __future__ import annotations

import numpy as np


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    """Peak signal-to-noise ratio of two uint8 arrays in dB (identical arrays read 100 dB)."""
    mse = np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2)
    return float(10 * np.log10(255.0**2 / max(mse, 1e-10)))


def frame_steps(video: np.ndarray) -> np.ndarray:
    """Mean absolute change from each frame to the next, [T-1]."""
    return np.abs(np.diff(video.astype(np.float32), axis=0)).mean(axis=(1, 2, 3))
