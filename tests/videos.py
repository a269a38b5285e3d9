"""Comparing decoded videos in tests."""
import numpy as np


def same_decoded_video(a: np.ndarray, b: np.ndarray, min_psnr: float = 40.0) -> bool:
    """Two decodes of videos made from the same frames. The engine's frames are bit-identical for a seed
    (tests/engines), but x264 on a loaded machine sometimes codes them a little differently."""
    mse = np.mean((a.astype(float) - b) ** 2)
    return mse == 0 or 10 * np.log10(255**2 / mse) > min_psnr
