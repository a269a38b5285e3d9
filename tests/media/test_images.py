"""save_thumbnail and load_image."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from vidloom.media import load_image, save_thumbnail
from vidloom.media import images as images_module


@pytest.fixture
def frame() -> np.ndarray:
    rng = np.random.default_rng(0)
    img = np.zeros((128, 224, 3), np.uint8)
    img[..., 0] = np.linspace(0, 255, 224, dtype=np.uint8)[None]
    img[..., 1] = np.linspace(0, 255, 128, dtype=np.uint8)[:, None]
    img[..., 2] = rng.integers(0, 40, (128, 224), dtype=np.uint8)
    return img


def test_thumbnail_is_a_jpeg_no_larger_than_max_side(tmp_path, frame):
    path = save_thumbnail(frame, tmp_path / "thumb.jpg", max_side=64)
    assert path == tmp_path / "thumb.jpg"
    with Image.open(path) as img:
        assert img.format == "JPEG"
        assert max(img.size) == 64 and img.size[0] > img.size[1]
    assert [p.name for p in tmp_path.iterdir()] == ["thumb.jpg"]


def test_thumbnail_is_a_webp_when_the_path_says_so(tmp_path, frame):
    path = save_thumbnail(frame, tmp_path / "thumb.webp", max_side=112)
    with Image.open(path) as img:
        assert img.format == "WEBP" and img.size == (112, 64)
        mean = np.asarray(img.convert("RGB")).astype(float).mean(axis=(0, 1))
    assert np.abs(mean - frame.astype(float).mean(axis=(0, 1))).max() < 6  # the same picture, smaller


def test_thumbnail_keeps_small_frames_at_their_size(tmp_path, frame):
    path = save_thumbnail(frame, tmp_path / "thumb.jpg", max_side=1000)
    assert load_image(path).shape == frame.shape
    assert np.abs(load_image(path).astype(int) - frame).mean() < 6


def test_thumbnail_rejects_bad_frames_and_writes_nothing(tmp_path):
    with pytest.raises(ValueError):
        save_thumbnail(np.zeros((8, 8), np.uint8), tmp_path / "t.jpg")
    with pytest.raises(ValueError):
        save_thumbnail(np.zeros((8, 8, 3), np.uint8), tmp_path / "t.jpg", max_side=0)
    assert list(tmp_path.iterdir()) == []


def test_thumbnail_failure_leaves_no_file(tmp_path, frame, monkeypatch):
    def broken_save(self, fp, *args, **kwargs):
        open(fp, "wb").write(b"partial")
        raise OSError("disk full")

    monkeypatch.setattr(images_module.Image.Image, "save", broken_save)
    with pytest.raises(OSError, match="disk full"):
        save_thumbnail(frame, tmp_path / "t.jpg")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt,suffix,lossless", [("PNG", "png", True), ("JPEG", "jpg", False),
                                                  ("WEBP", "webp", False)])
def test_load_image_formats(tmp_path, frame, fmt, suffix, lossless):
    path = tmp_path / f"still.{suffix}"
    Image.fromarray(frame).save(path, format=fmt, quality=95)
    img = load_image(path)
    assert img.dtype == np.uint8 and img.shape == frame.shape
    if lossless:
        assert np.array_equal(img, frame)
    else:
        assert np.abs(img.astype(int) - frame).mean() < 6


def test_load_image_grey_and_alpha_become_rgb(tmp_path):
    Image.new("L", (10, 6), 77).save(tmp_path / "grey.png")
    assert load_image(tmp_path / "grey.png").shape == (6, 10, 3)
    rgba = Image.new("RGBA", (4, 4), (255, 0, 0, 0))  # fully transparent red
    rgba.putpixel((0, 0), (0, 0, 255, 255))
    rgba.save(tmp_path / "alpha.png")
    img = load_image(tmp_path / "alpha.png")
    assert tuple(img[0, 0]) == (0, 0, 255)
    assert tuple(img[3, 3]) == (255, 255, 255)  # transparent -> white


def test_load_image_applies_exif_rotation(tmp_path):
    img = Image.new("RGB", (20, 10), (10, 200, 10))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees on display
    img.save(tmp_path / "rot.jpg", exif=exif)
    assert load_image(tmp_path / "rot.jpg").shape == (20, 10, 3)


@pytest.mark.parametrize("content", [b"", b"not an image at all", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40])
def test_load_image_corrupt_files_raise_value_error(tmp_path, content):
    path = tmp_path / "broken.png"
    path.write_bytes(content)
    with pytest.raises(ValueError, match="broken.png"):
        load_image(path)


def test_load_image_truncated_jpeg_raises_value_error(tmp_path, frame):
    path = tmp_path / "cut.jpg"
    Image.fromarray(frame).save(path, format="JPEG")
    path.write_bytes(path.read_bytes()[:200])
    with pytest.raises(ValueError, match="cut.jpg"):
        load_image(path)


def test_load_image_other_formats_are_refused(tmp_path):
    Image.new("RGB", (4, 4)).save(tmp_path / "anim.gif")
    with pytest.raises(ValueError, match="GIF"):
        load_image(tmp_path / "anim.gif")


def test_load_image_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_image(tmp_path / "nope.png")
