import numpy as np
import torch

from vidloom.train.data import render_pairs


def test_pairs_hold_the_same_scene_at_both_sizes_and_rates():
    x, y, w = render_pairs(np.random.default_rng(0), 8, upscale=2, rate=3, frames=4, crop=32, native_input=0.0)
    assert x.shape == (8, 3, 4, 32, 32) and y.shape == (8, 3, 12, 64, 64) and w.shape == (8, 1, 12, 64, 64)
    assert x.min() >= -1 and x.max() <= 1 and y.min() >= -1 and y.max() <= 1
    # every 3rd target frame averaged down 2x2 is the input, to rounding
    down = ((y[:, :, ::3] + 1) * 127.5).reshape(8, 3, 4, 32, 2, 32, 2).mean((4, 6))
    assert (down - (x + 1) * 127.5).abs().max() <= 0.5 + 1e-3
    assert set(w.unique().tolist()) <= {1.0, 4.0} and (w == 4).any()  # objects weigh 4x


def test_native_inputs_are_drawn_small_and_disagreeing_pixels_carry_no_weight():
    x, y, w = render_pairs(np.random.default_rng(1), 4, upscale=2, rate=3, frames=4, crop=32, native_input=1.0)
    pixels = ((y[:, :, ::3] + 1) * 127.5).round()  # back to the uint8 frames, so the 24-level test is exact
    down = pixels.reshape(4, 3, 4, 32, 2, 32, 2).mean((4, 6))
    far = ((down - ((x + 1) * 127.5).round()).abs().amax(1) > 24).any(1)  # [B, 32, 32] over the clip
    zero = w[:, 0, 0].reshape(4, 32, 2, 32, 2)[:, :, 0, :, 0] == 0
    assert torch.equal(far, zero)
