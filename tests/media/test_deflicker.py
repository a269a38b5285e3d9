import numpy as np

from vidloom.media import deflicker
from vidloom.world import render, scene_for


def test_still_background_wobble_is_removed_and_motion_kept():
    frames, truth = render(scene_for("red", "ball", "right", "plain studio", seed=1), 128, 128, fps=8, seconds=2)
    noisy = np.clip(frames.astype(int) + np.random.default_rng(0).integers(-4, 5, frames.shape), 0, 255).astype(np.uint8)
    clean = deflicker(noisy)
    before = np.abs(np.diff(noisy[:, :16].astype(int), axis=0)).mean()  # the top rows: background only
    after = np.abs(np.diff(clean[:, :16].astype(int), axis=0)).mean()
    assert after < before / 3
    # the ball is still where the renderer put it in the last frame
    x, y = truth.centers[-1, 0].astype(int)
    assert np.abs(clean[-1, y, x].astype(int) - frames[-1, y, x].astype(int)).max() <= 6
