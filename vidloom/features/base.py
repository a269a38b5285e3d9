"""What every feature shares: capability checks, fitting media to the output, progress, variations."""
from __future__ import annotations

from dataclasses import replace
from typing import Callable

import numpy as np

from ..errors import UserError
from ..media import crop_to_aspect, resample_fps, resize
from ..spec import Conditioning, GenerationRequest, Progress, VideoSpec, frame_count

CONTEXT_SECONDS = 1.0  # how much of a clip is shown to the engine to continue it smoothly
GUIDE = 0.4  # how much of the still guide between known clips new footage keeps (engines that re-imagine)


def require(engine, capability: str, operation: str) -> None:
    """Raise UserError naming the capability when `engine` does not advertise it."""
    if not getattr(engine.capabilities, capability, False):
        raise UserError(f"{operation} needs an engine with {capability.replace('_', ' ')}, "
                        f"and {engine.name} does not offer it: choose another engine")


def fit(engine, frames: np.ndarray, src_fps: float, spec: VideoSpec) -> np.ndarray:
    """Media (uint8 [T, H, W, 3] at src_fps, or one [H, W, 3] image) centre-cropped to the spec's aspect,
    resized to the engine's native size for it and, for clips, retimed to the spec's fps."""
    width, height = engine.capabilities.sizes[spec.aspect]
    clip = frames if frames.ndim == 4 else frames[None]
    clip = resize(crop_to_aspect(clip, width, height), width, height)
    if frames.ndim == 3:
        return clip[0]
    if round(src_fps, 3) != spec.fps:
        clip = resample_fps(clip, src_fps, spec.fps)
    return np.ascontiguousarray(clip)


def run(engine, spec: VideoSpec, conditioning=(), progress: Progress | None = None) -> list[np.ndarray]:
    """One engine call: the spec plus known pixels -> one video per variation.

    An engine refuses what the user can fix with UserError; any other error is a bug and passes on."""
    return engine.generate(GenerationRequest(spec, tuple(conditioning)), progress)


def per_variation(spec: VideoSpec, make: Callable[[VideoSpec], np.ndarray]) -> list[np.ndarray]:
    """Multi-call features: variation k is the single-video result for seed + k, as engines number them."""
    return [make(replace(spec, seed=spec.seed + k, variations=1)) for k in range(spec.variations)]


def stages(progress: Progress | None, count: int) -> list[Progress | None]:
    """Split one progress callback over `count` engine calls, so the bar runs once from 0 to the end."""
    if progress is None:
        return [None] * count

    def stage(k: int) -> Progress:
        return lambda done, total: progress(k * total + done, count * total)

    return [stage(k) for k in range(count)]


def context(frames: np.ndarray, fps: int, at_end: bool) -> np.ndarray:
    """The last (or first) CONTEXT_SECONDS of a clip, or all of it when shorter."""
    n = min(len(frames), frame_count(CONTEXT_SECONDS, fps))
    return frames[-n:] if at_end else frames[:n]


def known(frames: np.ndarray, at: int = 0, strength: float = 1.0, feather: int = 0) -> Conditioning:
    return Conditioning(np.ascontiguousarray(frames), frame=at, strength=strength, feather=feather)


def anchored(engine, count: int, *pieces: tuple[np.ndarray, int]) -> list[Conditioning]:
    """Known clips (frames, first frame) in a `count`-frame output, for footage to be generated between.

    Each clip is feathered into the generated footage (its outermost frame stays exact). An engine that
    re-imagines clips also gets a guide, at GUIDE strength: the clips where they are and, between and
    beyond them, their edge frames held and crossfaded, so the new footage starts where a clip ends
    instead of at a jump.
    """
    items = [known(f, at, feather=max(len(f) - 1, 0)) for f, at in pieces]
    if not engine.capabilities.video_to_video:
        return items
    # each output frame takes its nearest known frame on either side, mixed by distance
    idx = np.arange(count)
    frames = np.concatenate([f for f, _ in pieces])
    where = np.concatenate([np.arange(at, at + len(f)) for f, at in pieces])
    order = np.argsort(where)
    where, frames = where[order], frames[order]
    right = np.clip(np.searchsorted(where, idx), 0, len(where) - 1)
    left = np.clip(right - (where[right] > idx), 0, len(where) - 1)
    span = np.maximum(where[right] - where[left], 1)
    w = np.clip((idx - where[left]) / span, 0, 1)[:, None, None, None]
    guide = frames[left] * (1 - w) + frames[right] * w
    return items + [known(np.rint(guide).astype(np.uint8), 0, strength=GUIDE)]
