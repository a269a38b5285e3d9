"""Nudity detection on images and video frames with NudeNet's detector.

The detector (320n.onnx) ships inside the `nudenet` wheel and runs on onnxruntime: nothing is
downloaded. Used on uploads (API) and on output frames (worker), densely: every k-th frame
(k <= 4) plus the first and the last, from a stream that is never held whole. No torch.
"""
from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from functools import lru_cache

import numpy as np

from .policy import Refusal, refusal

# Exposed classes that block; covered body parts, faces and feet do not
BLOCKED = {"FEMALE_GENITALIA_EXPOSED", "MALE_GENITALIA_EXPOSED", "FEMALE_BREAST_EXPOSED", "BUTTOCKS_EXPOSED",
           "ANUS_EXPOSED"}
THRESHOLD = 0.5
EVERY = 4  # frames between checks: no stretch of more than EVERY - 1 frames goes unseen
_lock = threading.Lock()  # one onnxruntime session, used by one thread at a time


@lru_cache(maxsize=1)
def _detector():
    from nudenet import NudeDetector

    return NudeDetector()


def detections(image: np.ndarray) -> list[dict]:
    """NudeNet's detections ({class, score, box}) on a uint8 [H, W, 3] RGB image."""
    bgr = np.ascontiguousarray(np.asarray(image, dtype=np.uint8)[:, :, ::-1])
    with _lock:
        return _detector().detect(bgr)


def sampled(frames: Iterable[np.ndarray] | np.ndarray, every: int = EVERY) -> Iterator[tuple[int, np.ndarray]]:
    """(index, frame) of every `every`-th frame (1 <= every <= 4) of a stream of uint8 [H, W, 3]
    frames (or a [T, H, W, 3] array, or one [H, W, 3] image), the first and the last included.
    The stream is read once; only the latest frame is kept, for the last-frame pick."""
    if not 1 <= every <= 4:
        raise ValueError(f"every must be 1 to 4 frames, not {every}")
    if isinstance(frames, np.ndarray) and frames.ndim == 3:
        frames = frames[None]
    last = None
    for i, frame in enumerate(frames):
        if i % every == 0:
            yield i, frame
            last = None
        else:
            last = (i, frame)
    if last is not None:
        yield last


def moderate_frames(frames: Iterable[np.ndarray] | np.ndarray, every: int = EVERY) -> Refusal | None:
    """Refusal when any frame `sampled` picks shows nudity (a stream, an array or one image)."""
    for _, frame in sampled(frames, every):
        if found := refusal_for(detections(frame)):
            return found
    return None


def moderate_file(path, kind: str, max_side: int = 256, every: int = EVERY) -> Refusal | None:
    """Refusal when an uploaded image, or the frames `sampled` picks from an uploaded clip, show nudity.
    The clip is decoded as a stream of frames scaled to fit `max_side` (vidloom.media.probe.stream_frames):
    at most the frame being checked and the one kept for the last pick are held, whatever its length."""
    from ..media import load_image
    from ..media.probe import stream_frames

    return moderate_frames(load_image(path) if kind == "image" else stream_frames(path, max_side), every)


def refusal_for(found: list[dict]) -> Refusal | None:
    """The refusal that NudeNet detections call for: a blocked class at or above the threshold."""
    blocked = [d for d in found if d["class"] in BLOCKED and d["score"] >= THRESHOLD]
    if not blocked:
        return None
    detected = blocked[0]["class"].lower().replace("_", " ")
    return Refusal("sexual", refusal("sexual", "image or video").message + f" ({detected} detected)")
