import numpy as np
import pytest
import torch
from safetensors.torch import load_file

from vidloom.engines.builtin import WEIGHTS
from vidloom.model.autoencoder import AutoencoderConfig, VideoAutoencoder, seed_hires
from vidloom.world import render, scene_for

from tests.geometry import SHIPPED_AUTOENCODER


def test_compresses_16x_in_space_and_4x_in_time():
    ae = VideoAutoencoder(AutoencoderConfig())
    x = torch.zeros(1, 3, 8, 128, 224)
    with torch.no_grad():
        z = ae.encode(x)
        assert z.shape == (1, 16, 2, 8, 14)
        assert ae.decode(z).shape == x.shape


def _shipped():
    return load_file(WEIGHTS / "autoencoder.safetensors")


def _plain_state() -> dict[str, torch.Tensor]:
    """Plain autoencoder weights: the shipped ones, or where those have an output head, a plain autoencoder's
    initial weights (for the properties of the architecture that hold whatever the weights)."""
    if not SHIPPED_AUTOENCODER.hires:
        return _shipped()
    torch.manual_seed(0)
    return VideoAutoencoder().state_dict()


@pytest.mark.skipif(not (WEIGHTS / "autoencoder.safetensors").exists(), reason="weights not trained yet")
def test_shipped_autoencoder_round_trip():
    """Frames encoded at the latents' size come back at >= 22 dB, at the decoder's output size and fps (the
    input's with the plain decoder; with an output head, compared with the world rendered at the head's)."""
    cfg = SHIPPED_AUTOENCODER
    ae = VideoAutoencoder(cfg)
    ae.load_state_dict(_shipped())
    ae.eval()
    scene = scene_for("red", "box", "right", "grass field", seed=9)
    frames, _ = render(scene, 128, 128, fps=8, seconds=2)
    want, _ = render(scene, 128 * cfg.upscale, 128 * cfg.upscale, fps=8 * cfg.frame_rate_factor, seconds=2)
    x = torch.from_numpy(frames).permute(3, 0, 1, 2)[None].float() / 127.5 - 1
    with torch.no_grad():
        y = ae.decode(ae.encode(x)).clamp(-1, 1)
    out = ((y[0].permute(1, 2, 3, 0) + 1) * 127.5).round().numpy()
    assert out.shape == want.shape
    mse = np.mean((out - want.astype(np.float64)) ** 2)
    assert 10 * np.log10(255 ** 2 / mse) >= 22.0


@pytest.mark.skipif(not (WEIGHTS / "autoencoder.safetensors").exists(), reason="weights not trained yet")
def test_default_config_is_the_plain_decoder():
    """Without an output head the shipped weights load strictly and decode by the plain formula. (Weights with
    a head load strictly into their own config's autoencoder; the formula is then checked on plain initial weights.)"""
    cfg = SHIPPED_AUTOENCODER
    VideoAutoencoder(cfg).load_state_dict(_shipped())  # strict: exactly the parameters the config gives
    assert cfg.hires or cfg == AutoencoderConfig()
    ae = VideoAutoencoder()
    ae.load_state_dict(_plain_state())  # strict: no new parameters
    ae.eval()
    z = torch.randn(1, 16, 2, 8, 8, generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        got = ae.decode(z)
        # the plain decoder, written out: unfold with its shortcut, then each frame's 2D decoder
        raw = z * ae.latent_scale.view(1, -1, 1, 1, 1) + ae.latent_shift.view(1, -1, 1, 1, 1)
        codes = ae.unfold(raw) + raw.repeat_interleave(8, dim=1)
        codes = codes.reshape(1, 4, 32, 2, 8, 8).permute(0, 3, 1, 2, 4, 5).reshape(8, 32, 8, 8)
        fd = ae.frame_decoder
        h = fd.ups(fd.mid(fd.stem(codes) + codes.repeat_interleave(4, dim=1)))
        want = fd.out(torch.nn.functional.silu(h)).reshape(1, 8, 3, 128, 128).transpose(1, 2)
    assert fd.head is None and torch.equal(got, want)


@pytest.mark.skipif(not (WEIGHTS / "autoencoder.safetensors").exists(), reason="weights not trained yet")
def test_output_head_seeded_from_the_plain_decoder_starts_where_it_is():
    """Seeded, the head decodes 2x the size and 3x the frames: the plain picture upsampled, each frame held."""
    plain = VideoAutoencoder().eval()
    plain.load_state_dict(_plain_state())
    hires = VideoAutoencoder(AutoencoderConfig(upscale=2, frame_rate_factor=3)).eval()
    fresh = seed_hires(hires, _plain_state())
    assert fresh and all(name.startswith("frame_decoder.head.") for name in fresh)
    z = torch.randn(1, 16, 2, 4, 4, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        small, big = plain.decode(z), hires.decode(z)
    assert big.shape == (1, 3, 24, 128, 128)
    up = torch.nn.functional.interpolate(small.transpose(1, 2)[0], scale_factor=2.0, mode="bilinear",
                                         align_corners=False)
    want = up.repeat_interleave(3, dim=0).transpose(0, 1)[None]
    assert torch.allclose(big, want, atol=1e-4)
    # the encoder side is the plain one's, so the DiT's latents are unchanged
    x = torch.rand(1, 3, 4, 64, 64) * 2 - 1
    with torch.no_grad():
        assert torch.equal(plain.encode(x), hires.encode(x))


def test_output_head_shapes_and_a_thinner_decoder():
    cfg = AutoencoderConfig(upscale=2, frame_rate_factor=3, head_channels=6, decoder_channels=(128, 96, 48, 24, 12))
    ae = VideoAutoencoder(cfg)
    with torch.no_grad():
        y = ae.decode(ae.encode(torch.zeros(1, 3, 4, 32, 48)))
    assert y.shape == (1, 3, 12, 64, 96) and cfg.frames_out == 12
    assert AutoencoderConfig.from_dict(cfg.to_dict()) == cfg
    with pytest.raises(ValueError, match="power of two"):
        AutoencoderConfig(upscale=3)
    with pytest.raises(ValueError, match="multiple"):
        AutoencoderConfig(upscale=2, head_channels=5)
