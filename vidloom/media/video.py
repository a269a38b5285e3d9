"""MP4 files: write H.264 (yuv420p, faststart) with provenance metadata, read them back."""
from __future__ import annotations

import json
import os
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from ._atomic import atomic_path

METADATA_TAG = "comment"  # the MP4 tag (©cmt) that holds the provenance JSON


def check_frames(frames: np.ndarray) -> np.ndarray:
    """frames as a uint8 [T, H, W, 3] array with T >= 1; ValueError otherwise."""
    frames = np.asarray(frames)
    if frames.dtype != np.uint8 or frames.ndim != 4 or frames.shape[-1] != 3 or frames.shape[0] < 1:
        raise ValueError(f"frames must be uint8 [T, H, W, 3] with T >= 1, got {frames.dtype} {list(frames.shape)}")
    return frames


def evenly_spaced(count: int, picks: int) -> np.ndarray:
    """Indices of up to `picks` evenly spaced frames of a clip of `count`, first and last included."""
    return np.linspace(0, count - 1, min(picks, count)).round().astype(int)


def _even(frames: np.ndarray) -> np.ndarray:
    """Pad odd heights/widths by one edge row/column: yuv420p needs even dimensions."""
    _, h, w, _ = frames.shape
    if h % 2 == 0 and w % 2 == 0:
        return frames
    return np.pad(frames, ((0, 0), (0, h % 2), (0, w % 2), (0, 0)), mode="edge")


def _yuv_frame(rgb: np.ndarray, pts: int) -> av.VideoFrame:
    frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(rgb), format="rgb24").reformat(format="yuv420p")
    frame.pts = pts
    return frame


def write_mp4(frames: np.ndarray, path: str | os.PathLike, fps: float,
              metadata: dict | None = None, crf: int = 16) -> Path:
    """Encode uint8 [T, H, W, 3] RGB frames to an H.264 MP4 at `path`; returns the path.

    yuv420p, moov atom first (+faststart), odd sizes padded to even. `metadata` is
    stored as JSON in the MP4 `comment` tag; read_metadata() returns it. The file is
    written beside `path` and moved into place, so `path` never holds a partial video.
    """
    frames = _even(check_frames(frames))
    if not fps or fps <= 0:
        raise ValueError(f"fps must be positive, got {fps}")
    rate = Fraction(fps).limit_denominator(1001)
    _, h, w, _ = frames.shape
    target = Path(path)
    with atomic_path(target) as tmp:
        with av.open(str(tmp), mode="w", format="mp4", container_options={"movflags": "+faststart"}) as out:
            if metadata:
                out.metadata[METADATA_TAG] = json.dumps(metadata, sort_keys=True, default=str)
            stream = out.add_stream("libx264", rate=rate)
            stream.width, stream.height, stream.pix_fmt = w, h, "yuv420p"
            stream.time_base = 1 / rate
            stream.options = {"crf": str(crf), "preset": "medium"}
            for i, rgb in enumerate(frames):
                out.mux(stream.encode(_yuv_frame(rgb, i)))
            out.mux(stream.encode(None))
    return target


def _decode(container) -> tuple[list[np.ndarray], object]:
    """Every frame of an open container's first video stream (RGB) and the stream's frame rate."""
    stream = container.streams.video[0]
    rate = stream.average_rate or stream.guessed_rate or stream.base_rate
    return [f.to_ndarray(format="rgb24") for f in container.decode(stream)], rate


def read_video(path: str | os.PathLike) -> tuple[np.ndarray, float]:
    """Decode every frame of the first video stream: (uint8 [T, H, W, 3] RGB, fps)."""
    with av.open(str(path)) as container:
        frames, rate = _decode(container)
    if not frames:
        raise ValueError(f"{path} holds no video frames")
    return np.stack(frames), float(rate)


def load_video(path: str | os.PathLike) -> tuple[np.ndarray, float]:
    """Read a user's video file as (uint8 [T, H, W, 3] RGB, fps).

    Raises FileNotFoundError when the file is missing and ValueError, with one clear
    sentence, when it is empty, not a video, truncated or holds no frames.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no video file at {path}")
    if path.stat().st_size == 0:
        raise ValueError(f"{path.name} is an empty file (0 bytes): it holds no video")
    try:
        with av.open(str(path)) as container:
            if not container.streams.video:
                raise ValueError(f"{path.name} has no video stream")
            frames, rate = _decode(container)
    except (av.error.FFmpegError, OSError) as e:  # before ValueError: some FFmpeg errors are ValueErrors
        raise ValueError(f"{path.name} is not a readable video ({e.__class__.__name__})") from e
    if not frames:
        raise ValueError(f"{path.name} is a zero-length clip: it holds no video frames (empty or truncated)")
    if not rate or float(rate) <= 0:
        raise ValueError(f"{path.name} does not say its frame rate")
    return np.stack(frames), float(rate)


def read_metadata(path: str | os.PathLike) -> dict:
    """The metadata dict that write_mp4 stored in `path` ({} when there is none)."""
    with av.open(str(path)) as container:
        raw = container.metadata.get(METADATA_TAG)
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        return {}
    return value if isinstance(value, dict) else {}
