"""write_mp4 / read_video / read_metadata on real frames from the procedural world."""
from __future__ import annotations

import struct

import av
import numpy as np
import pytest

from vidloom.media import read_metadata, read_video, write_mp4
from vidloom.media import video as video_module
from vidloom.world import render, scene_for


@pytest.fixture(scope="module")
def clip() -> np.ndarray:
    frames, _ = render(scene_for("red", "ball", "left", "grass field"), width=224, height=128, fps=8, seconds=2)
    return frames  # [16, 128, 224, 3]


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    mse = np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2)
    return float("inf") if mse == 0 else 10 * np.log10(255.0**2 / mse)


def top_level_boxes(path) -> list[str]:
    """The MP4's top-level box types, in file order."""
    data = path.read_bytes()
    boxes, pos = [], 0
    while pos + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if size == 1:
            size = struct.unpack(">Q", data[pos + 8:pos + 16])[0]
        elif size == 0:
            size = len(data) - pos
        boxes.append(kind.decode("latin-1"))
        pos += size
    return boxes


def leftovers(folder, keep: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != keep)


def test_round_trip_is_h264_yuv420p_with_fps_frames_and_quality(tmp_path, clip):
    path = write_mp4(clip, tmp_path / "clip.mp4", fps=8)
    assert path == tmp_path / "clip.mp4"
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        assert stream.codec_context.name == "h264"
        assert stream.codec_context.pix_fmt == "yuv420p"
        assert (stream.codec_context.width, stream.codec_context.height) == (224, 128)
    frames, fps = read_video(path)
    assert fps == 8.0
    assert frames.shape == clip.shape and frames.dtype == np.uint8
    assert psnr(frames, clip) > 30.0
    assert leftovers(tmp_path, "clip.mp4") == []


def test_faststart_puts_moov_before_mdat(tmp_path, clip):
    path = write_mp4(clip, tmp_path / "clip.mp4", fps=8)
    boxes = top_level_boxes(path)
    assert boxes[0] == "ftyp"
    assert boxes.index("moov") < boxes.index("mdat")


def test_metadata_round_trip(tmp_path, clip):
    meta = {"operation": "text_to_video", "prompt": "a red ball — über grass", "seed": 3, "guidance": None,
            "engine": "vidloom-mini", "nested": {"steps": [1, 2]}}
    path = write_mp4(clip[:4], tmp_path / "clip.mp4", fps=8, metadata=meta)
    assert read_metadata(path) == meta


def test_no_metadata_reads_as_empty_dict(tmp_path, clip):
    assert read_metadata(write_mp4(clip[:2], tmp_path / "plain.mp4", fps=8)) == {}


def test_odd_sizes_are_padded_to_even(tmp_path, clip):
    odd = np.ascontiguousarray(clip[:4, :65, :101])
    frames, _ = read_video(write_mp4(odd, tmp_path / "odd.mp4", fps=8))
    assert frames.shape == (4, 66, 102, 3)
    assert psnr(frames[:, :65, :101], odd) > 30.0


def test_other_frame_rates(tmp_path, clip):
    frames, fps = read_video(write_mp4(clip[:6], tmp_path / "f24.mp4", fps=24))
    assert fps == 24.0 and len(frames) == 6


def test_overwrites_an_existing_file(tmp_path, clip):
    path = tmp_path / "clip.mp4"
    path.write_bytes(b"old")
    write_mp4(clip[:3], path, fps=8)
    assert len(read_video(path)[0]) == 3


@pytest.mark.parametrize("bad", [
    np.zeros((0, 16, 16, 3), np.uint8),  # no frames
    np.zeros((2, 16, 16), np.uint8),  # no channels
    np.zeros((2, 16, 16, 4), np.uint8),  # RGBA
    np.zeros((2, 16, 16, 3), np.float32),  # not uint8
])
def test_bad_frames_raise_and_write_nothing(tmp_path, bad):
    with pytest.raises(ValueError):
        write_mp4(bad, tmp_path / "x.mp4", fps=8)
    assert list(tmp_path.iterdir()) == []


def test_bad_fps_raises(tmp_path, clip):
    with pytest.raises(ValueError):
        write_mp4(clip[:2], tmp_path / "x.mp4", fps=0)
    assert list(tmp_path.iterdir()) == []


def test_failure_mid_write_leaves_no_file_and_keeps_the_old_one(tmp_path, clip, monkeypatch):
    real = video_module._yuv_frame

    def flaky(rgb, pts):
        if pts == 5:
            raise RuntimeError("encoder died")
        return real(rgb, pts)

    monkeypatch.setattr(video_module, "_yuv_frame", flaky)
    with pytest.raises(RuntimeError, match="encoder died"):
        write_mp4(clip, tmp_path / "new.mp4", fps=8)
    assert list(tmp_path.iterdir()) == []

    old = tmp_path / "old.mp4"
    old.write_bytes(b"previous video")
    with pytest.raises(RuntimeError):
        write_mp4(clip, old, fps=8)
    assert old.read_bytes() == b"previous video"
    assert leftovers(tmp_path, "old.mp4") == []


def test_writing_into_a_missing_folder_fails_cleanly(tmp_path, clip):
    with pytest.raises(OSError):
        write_mp4(clip[:2], tmp_path / "missing" / "x.mp4", fps=8)
    assert list(tmp_path.iterdir()) == []
