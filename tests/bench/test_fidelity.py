"""bench.fidelity: the round trip's PSNR and the centre track's second difference."""
from __future__ import annotations

import numpy as np

from bench.fidelity import main, second_difference


def test_second_difference_is_zero_at_constant_speed_and_grows_with_jitter():
    t = np.linspace(0, 1, 9)
    steady = np.stack([0.2 + 0.5 * t, np.full_like(t, 0.5)], -1)
    jitter = steady + np.array([[0.0, 0.02 * (-1) ** i] for i in range(9)])
    assert second_difference(steady) < 1e-9
    assert abs(second_difference(jitter) - 0.08) < 1e-9  # |0.02 + 2 x 0.02 + 0.02| at every inner step


def test_round_trip_of_the_shipped_autoencoder_is_measured(capsys):
    assert main(["--no-engine", "--n", "2", "--seconds", "1", "--threads", "1"]) == 0
    row = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("| round-trip PSNR"))
    mean = float(row.split("|")[2].split()[0])
    assert 20 < mean < 60  # a real decode: neither a copy (100 dB) nor noise


def test_edge_sharpness_is_one_for_the_reference_and_lower_for_a_blur():
    from bench.fidelity import edge_sharpness, upsample

    frames = np.zeros((2, 32, 32, 3), np.uint8)
    frames[:, 8:24, 8:24] = 255  # a white square: sharp edges
    blurred = upsample(frames[:, ::2, ::2], 2)  # half the resolution, scaled back
    assert edge_sharpness(frames, frames) == 1.0
    assert edge_sharpness(blurred, frames) < 0.9


def test_an_untrained_output_head_reads_as_its_base_picture_upsampled(tmp_path, capsys):
    """An output head seeded from the shipped decoder adds nothing yet: its rows at the output size
    match the base picture upsampled, which is what the rows must show before any training."""
    import json

    from safetensors.torch import load_file, save_file

    from vidloom.engines.catalog import BUILTIN_WEIGHTS
    from vidloom.model.autoencoder import AutoencoderConfig, VideoAutoencoder, seed_hires

    head = VideoAutoencoder(AutoencoderConfig(upscale=2))
    seed_hires(head, load_file(BUILTIN_WEIGHTS / "autoencoder.safetensors"))
    save_file(head.state_dict(), tmp_path / "autoencoder.safetensors")
    (tmp_path / "dit.safetensors").symlink_to(BUILTIN_WEIGHTS / "dit.safetensors")
    config = json.loads((BUILTIN_WEIGHTS / "config.json").read_text())
    (tmp_path / "config.json").write_text(json.dumps({**config, "autoencoder": head.cfg.to_dict()}))

    assert main(["--weights", str(tmp_path), "--no-engine", "--n", "1", "--seconds", "1", "--threads", "1"]) == 0
    rows = {line.split("|")[1].split(",")[1].strip(): line.split("|")[2]
            for line in capsys.readouterr().out.splitlines() if line.startswith("| at 448x256")}
    assert set(rows) == {"round trip", "its base picture upsampled", "the native render upsampled"}
    trip, base = (float(rows[k].split()[0]) for k in ("round trip", "its base picture upsampled"))
    assert abs(trip - base) < 0.05
