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
