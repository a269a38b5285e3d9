import numpy as np
import pytest
import torch
from safetensors.torch import load_file

from vidloom.engines.builtin import WEIGHTS
from vidloom.model.autoencoder import AutoencoderConfig, VideoAutoencoder
from vidloom.world import render, scene_for


def test_compresses_16x_in_space_and_4x_in_time():
    ae = VideoAutoencoder(AutoencoderConfig())
    x = torch.zeros(1, 3, 8, 128, 224)
    with torch.no_grad():
        z = ae.encode(x)
        assert z.shape == (1, 16, 2, 8, 14)
        assert ae.decode(z).shape == x.shape


@pytest.mark.skipif(not (WEIGHTS / "autoencoder.safetensors").exists(), reason="weights not trained yet")
def test_shipped_autoencoder_round_trip():
    ae = VideoAutoencoder()
    ae.load_state_dict(load_file(WEIGHTS / "autoencoder.safetensors"))
    ae.eval()
    frames, _ = render(scene_for("red", "box", "right", "grass field", seed=9), 128, 128, fps=8, seconds=2)
    x = torch.from_numpy(frames).permute(3, 0, 1, 2)[None].float() / 127.5 - 1
    with torch.no_grad():
        y = ae.decode(ae.encode(x)).clamp(-1, 1)
    out = ((y[0].permute(1, 2, 3, 0) + 1) * 127.5).round().numpy()
    mse = np.mean((out - frames.astype(np.float64)) ** 2)
    assert 10 * np.log10(255 ** 2 / mse) >= 22.0
