"""Check an uploaded file before anything else reads it: is it a whole, sane image or video?"""
from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from pathlib import Path

import av
from PIL import Image, UnidentifiedImageError

IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}
VIDEO_FORMATS = ("mp4", "mov", "webm", "matroska")


@dataclass(frozen=True)
class Probe:
    kind: str  # "image" or "video"
    ext: str  # extension to store it under
    width: int
    height: int


def _image(path: Path, max_pixels: int) -> Probe | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as img:  # reads the header only
                fmt, (w, h) = img.format, img.size
                if fmt not in IMAGE_FORMATS:
                    raise ValueError(f"the image is {fmt}: upload PNG, JPEG or WebP")
                if w * h > max_pixels:
                    raise ValueError(f"the image is {w}x{h} ({w * h / 1e6:.0f} megapixels): "
                                     f"the most accepted is {max_pixels / 1e6:.0f} megapixels")
                img.load()  # a truncated or corrupt file fails here
    except UnidentifiedImageError:
        return None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValueError("the image is too large when decoded (a decompression bomb?)") from None
    except (OSError, SyntaxError) as e:
        raise ValueError(f"the image is truncated or corrupt ({e})") from None
    return Probe("image", IMAGE_FORMATS[fmt], w, h)


def _video(path: Path, max_pixels: int, max_seconds: float) -> Probe | None:
    try:
        with av.open(str(path)) as container:
            if not container.streams.video or not any(f in container.format.name for f in VIDEO_FORMATS):
                return None
            stream = container.streams.video[0]
            w, h = stream.codec_context.width, stream.codec_context.height
            if not w or not h or w * h > max_pixels:
                raise ValueError(f"the video is {w}x{h}: the most accepted is {max_pixels / 1e6:.0f} megapixels")
            seconds = float(stream.duration * stream.time_base) if stream.duration else (container.duration or 0) / 1e6
            if seconds > max_seconds:
                raise ValueError(f"the video lasts {seconds:.1f} s: the longest accepted is {max_seconds:g} s")
            next(container.decode(stream))  # at least one frame decodes
    except (av.error.FFmpegError, StopIteration, OSError):
        return None
    return Probe("video", "mp4", w, h)


@dataclass(frozen=True)
class VideoFacts:
    """What a video file holds, read from its stream: picture size, frame count, rate and duration."""

    width: int
    height: int
    frames: int
    fps: float
    seconds: float


def video_facts(path: str | os.PathLike) -> VideoFacts:
    """Size, frames, fps and duration of a video file's first stream, from its headers (no decoding)."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        rate = float(stream.average_rate or stream.guessed_rate or stream.base_rate)
        frames = stream.frames or round(float(stream.duration * stream.time_base) * rate)
        return VideoFacts(stream.codec_context.width, stream.codec_context.height, frames, rate, frames / rate)


def probe_upload(path: str | os.PathLike, max_pixels: int = 40_000_000, max_seconds: float = 60.0) -> Probe:
    """What the file is; ValueError with one clear sentence when it is no usable PNG/JPEG/WebP or video."""
    path = Path(path)
    if path.stat().st_size == 0:
        raise ValueError("the uploaded file is empty")
    found = _image(path, max_pixels) or _video(path, max_pixels, max_seconds)
    if found is None:
        raise ValueError("the upload is neither a PNG, JPEG or WebP image nor a readable video")
    return found
