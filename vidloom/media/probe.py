"""Check an uploaded file before anything else reads it: is it a whole, sane image or video?"""
from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import av
import numpy as np
from PIL import Image, UnidentifiedImageError

IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}
VIDEO_FORMATS = ("mp4", "mov", "webm", "matroska")


@dataclass(frozen=True)
class VideoBudget:
    """What decoding an uploaded video may cost: checked from the container's header before any frame is
    decoded, and again while frames stream out (a header can lie)."""

    frame_pixels: int = 3840 * 2160  # one frame
    pixel_frames: int = 1280 * 720 * 250  # every frame together
    frames: int = 1000
    seconds: float = 60.0

    def refuse(self, w: int, h: int, frames: int, seconds: float) -> str | None:
        """Why a video of `frames` frames of w x h lasting `seconds` is over budget, or None."""
        if w * h > self.frame_pixels:
            return f"the video is {w}x{h}: the most accepted is {self.frame_pixels / 1e6:.1f} megapixels a frame"
        if seconds > self.seconds:
            return f"the video lasts {seconds:.1f} s: the longest accepted is {self.seconds:g} s"
        if frames > self.frames or w * h * frames > self.pixel_frames:
            return (f"the video has {frames} frames of {w}x{h}, too many to check: the most accepted is "
                    f"{self.frames} frames and {self.pixel_frames / 1e6:.0f} megapixels in all")
        return None


BUDGET = VideoBudget()


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


def _video(path: Path, budget: VideoBudget) -> Probe | None:
    try:
        with av.open(str(path)) as container:
            if not container.streams.video or not any(f in container.format.name for f in VIDEO_FORMATS):
                return None
            stream = container.streams.video[0]
            w, h = stream.codec_context.width, stream.codec_context.height
            if not w or not h:
                raise ValueError("the video does not say its frame size")
            seconds = float(stream.duration * stream.time_base) if stream.duration else (container.duration or 0) / 1e6
            rate = float(stream.average_rate or stream.guessed_rate or 0)
            frames = stream.frames or round(seconds * rate)
            if frames <= 0:
                raise ValueError("the video does not say how many frames it has")
            refusal = budget.refuse(w, h, frames, seconds)
            if refusal:
                raise ValueError(refusal)
            stream.thread_count = 1  # no frame threads, each with frames of its own in flight
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


def stream_frames(path: str | os.PathLike, max_side: int = 256, budget: VideoBudget = BUDGET) -> Iterator[np.ndarray]:
    """The first video stream's frames one at a time, each scaled (by FFmpeg, before any RGB copy) to fit
    `max_side`: uint8 [h, w, 3]. ValueError as soon as the frames decoded pass the budget."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        stream.thread_count = 1
        count = spent = 0
        for frame in container.decode(stream):
            count, spent = count + 1, spent + frame.width * frame.height
            if frame.width * frame.height > budget.frame_pixels or count > budget.frames or spent > budget.pixel_frames:
                raise ValueError(f"the video decodes to more than its header says ({count} frames of "
                                 f"{frame.width}x{frame.height} so far): it is over the budget")
            scale = min(1.0, max_side / max(frame.width, frame.height))
            w, h = max(2, round(frame.width * scale)), max(2, round(frame.height * scale))
            yield frame.to_ndarray(width=w, height=h, format="rgb24")


def decode_scaled(path: str | os.PathLike, max_side: int = 256, budget: VideoBudget = BUDGET) -> np.ndarray:
    """Every frame of a checked upload, scaled to fit `max_side`: uint8 [T, h, w, 3] (for moderation)."""
    return np.stack(list(stream_frames(path, max_side, budget)))


def probe_upload(path: str | os.PathLike, max_pixels: int = 40_000_000, budget: VideoBudget = BUDGET) -> Probe:
    """What the file is; ValueError with one clear sentence when it is no usable PNG/JPEG/WebP image (of at
    most `max_pixels`) or video (within `budget`). Only headers and one frame are decoded."""
    path = Path(path)
    if path.stat().st_size == 0:
        raise ValueError("the uploaded file is empty")
    found = _image(path, max_pixels) or _video(path, budget)
    if found is None:
        raise ValueError("the upload is neither a PNG, JPEG or WebP image nor a readable video")
    return found
