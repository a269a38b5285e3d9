"""resample_fps."""
import numpy as np
import pytest

from vidloom.media import resample_fps


def ramp(t: int) -> np.ndarray:
    """Frame i is a flat grey of value 20 * i."""
    return np.stack([np.full((4, 6, 3), 20 * i, np.uint8) for i in range(t)])


def test_doubling_blends_neighbours():
    out = resample_fps(ramp(4), 8, 16)
    assert out.shape == (8, 4, 6, 3) and out.dtype == np.uint8
    assert [int(f[0, 0, 0]) for f in out] == [0, 10, 20, 30, 40, 50, 60, 60]


def test_halving_keeps_every_other_frame():
    out = resample_fps(ramp(8), 16, 8)
    assert [int(f[0, 0, 0]) for f in out] == [0, 40, 80, 120]


def test_fractional_ratio_keeps_duration():
    out = resample_fps(ramp(8), 8, 12)
    assert len(out) == 12
    assert int(out[1, 0, 0, 0]) == round(20 * 8 / 12)


def test_same_rate_is_a_copy():
    frames = ramp(3)
    out = resample_fps(frames, 8, 8)
    assert np.array_equal(out, frames) and out is not frames


@pytest.mark.parametrize("src,dst", [(0, 8), (8, 0), (-1, 8)])
def test_bad_rates(src, dst):
    with pytest.raises(ValueError):
        resample_fps(ramp(2), src, dst)


def test_bad_shape():
    with pytest.raises(ValueError):
        resample_fps(np.zeros((4, 4, 3), np.uint8), 8, 16)
