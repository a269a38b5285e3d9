"""Nudity detection on images and sampled video frames with NudeNet's detector.

The detector (320n.onnx) ships inside the `nudenet` wheel and runs on onnxruntime: nothing is
downloaded. Used on uploads (API) and on sampled output frames (worker). No torch.
"""
from __future__ import annotations

import threading
from functools import lru_cache

import numpy as np

from ..media import evenly_spaced
from .rules import Refusal

# Exposed classes that block; covered body parts, faces and feet do not
BLOCKED = {"FEMALE_GENITALIA_EXPOSED", "MALE_GENITALIA_EXPOSED", "FEMALE_BREAST_EXPOSED", "BUTTOCKS_EXPOSED",
           "ANUS_EXPOSED"}
THRESHOLD = 0.5
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


def check_frames(frames: np.ndarray, samples: int = 4) -> Refusal | None:
    """Refusal when any of `samples` evenly spaced frames of uint8 [T, H, W, 3] (or one [H, W, 3]) shows nudity."""
    frames = frames[None] if frames.ndim == 3 else frames
    for i in evenly_spaced(len(frames), samples):
        refusal = refusal_for(detections(frames[i]))
        if refusal:
            return refusal
    return None


def refusal_for(found: list[dict]) -> Refusal | None:
    """The refusal that NudeNet detections call for: a blocked class at or above the threshold."""
    blocked = [d for d in found if d["class"] in BLOCKED and d["score"] >= THRESHOLD]
    if not blocked:
        return None
    return Refusal("sexual", "the image or video was refused by moderation (nudity detected: "
                             f"{blocked[0]['class'].lower().replace('_', ' ')})")
