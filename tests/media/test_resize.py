"""upscale and resize_cover."""
import numpy as np
import pytest

from vidloom.media import resize_cover, upscale


def test_upscale_video_by_two():
    frames = np.random.default_rng(0).integers(0, 255, (3, 8, 10, 3), dtype=np.uint8)
    out = upscale(frames, 2)
    assert out.shape == (3, 16, 20, 3) and out.dtype == np.uint8
    assert abs(out.astype(float).mean() - frames.astype(float).mean()) < 4


def test_upscale_keeps_flat_colour_and_single_images():
    img = np.full((5, 7, 3), (200, 30, 90), np.uint8)
    out = upscale(img, 3)
    assert out.shape == (15, 21, 3)
    assert np.all(out == img[0, 0])


def test_factor_one_is_a_copy():
    frames = np.zeros((2, 4, 4, 3), np.uint8)
    assert np.array_equal(upscale(frames, 1), frames)


@pytest.mark.parametrize("factor", [0, -2])
def test_bad_factor(factor):
    with pytest.raises(ValueError):
        upscale(np.zeros((1, 4, 4, 3), np.uint8), factor)


def test_bad_frames():
    with pytest.raises(ValueError):
        upscale(np.zeros((1, 4, 4, 3), np.float32), 2)


def test_resize_cover_makes_the_exact_size_without_stretching():
    frames = np.zeros((2, 224, 128, 3), np.uint8)  # a 9:16-ish engine frame (128x224)
    frames[:, :, 64:] = 255  # right half white: a vertical edge in the middle
    out = resize_cover(frames, 720, 1280)
    assert out.shape == (2, 1280, 720, 3) and out.dtype == np.uint8
    col = out[0, 640, :, 0].astype(int)
    assert col[:350].max() < 10 and col[370:].min() > 245  # the edge stays in the middle, sharp
    assert resize_cover(frames, 128, 224) is frames  # already the size: untouched
