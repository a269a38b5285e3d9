"""Text-to-video from Python: validate, generate with an engine, write MP4s and thumbnails.

No torch at import time: the engine is imported and loaded only after every check passed.
"""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from . import __version__
from .errors import UserError
from .spec import Conditioning, VideoSpec

if TYPE_CHECKING:  # importing vidloom.engines may import torch
    from .engines.base import Engine

Progress = Callable[[int, int], None]  # (done, total) sampler steps

# Longest clip any engine may be asked for before the engine is loaded; the loaded
# engine's own capabilities.max_seconds is checked again afterwards.
PRECHECK_MAX_SECONDS = 16.0


@dataclass(frozen=True)
class Plan:
    """A checked text-to-video request: what to generate and where each file goes."""

    spec: VideoSpec
    videos: tuple[Path, ...]  # one MP4 per variation
    thumbnails: tuple[Path, ...]  # one JPEG beside each MP4


def output_paths(output: str | os.PathLike, variations: int) -> tuple[Path, ...]:
    """out.mp4 for the first variation, out-2.mp4, out-3.mp4 ... for the others."""
    out = Path(output)
    return (out,) + tuple(out.with_name(f"{out.stem}-{k}{out.suffix}") for k in range(2, variations + 1))


def _check_spec(spec: VideoSpec, max_seconds: float) -> None:
    try:
        spec.check(max_seconds=max_seconds)
    except ValueError as e:
        raise UserError(str(e)) from None


def _check_writable(path: Path) -> None:
    """Raise UserError unless a file can be written at `path` (probing with a temporary file)."""
    if path.is_dir():
        raise UserError(f"the output path {path} is a folder: give a file name such as {path / 'out.mp4'}")
    parent = path.parent
    if not parent.exists():
        raise UserError(f"the folder {parent} does not exist: create it or choose another output path")
    if not parent.is_dir():
        raise UserError(f"{parent} is not a folder: choose another output path")
    probe = parent / f".{path.name}.{secrets.token_hex(4)}.probe"
    try:
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        os.unlink(probe)
    except OSError as e:
        reason = (e.strerror or "not writable").lower()
        raise UserError(f"cannot write to the folder {parent} ({reason}): choose another output path") from None


def _as(kind: type, name: str, value, optional: bool = False):
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise UserError(f"{name} must be a number, not {value!r}")
    if kind is int and value != int(value):
        raise UserError(f"{name} must be a whole number, not {value!r}")
    return kind(value)


def prepare(prompt: str, *, seed: int = 0, aspect: str = "16:9", seconds: float = 4.0, fps: int = 8,
            steps: int | None = None, guidance: float | None = None, variations: int = 1,
            negative_prompt: str = "", output: str | os.PathLike = "out.mp4",
            max_seconds: float = PRECHECK_MAX_SECONDS) -> Plan:
    """Check a text-to-video request without loading any model; raise UserError if it cannot be done.

    Checks the spec (prompt, aspect, duration, fps, steps, guidance, variations, seed)
    and that every output file (MP4s and thumbnails) can be written.
    """
    if not isinstance(prompt, str):
        raise UserError(f"the prompt must be text, not {type(prompt).__name__}")
    if not isinstance(negative_prompt, (str, type(None))):
        raise UserError(f"the negative prompt must be text, not {type(negative_prompt).__name__}")
    if not isinstance(aspect, str):
        raise UserError(f"the aspect ratio must be text such as '16:9', not {aspect!r}")
    seed = _as(int, "the seed", seed)
    if not 0 <= seed < 2**63:
        raise UserError(f"seed {seed} is out of range: choose 0 to {2**63 - 1}")
    spec = VideoSpec(
        prompt=prompt.strip(), negative_prompt=(negative_prompt or "").strip(), aspect=aspect.strip(),
        seconds=_as(float, "the duration", seconds), fps=_as(int, "fps", fps), seed=seed,
        steps=_as(int, "steps", steps, optional=True), guidance=_as(float, "guidance", guidance, optional=True),
        variations=_as(int, "variations", variations),
    )
    _check_spec(spec, max_seconds)
    return Plan(spec, *check_outputs(output, spec.variations))


def check_outputs(output: str | os.PathLike, variations: int = 1) -> tuple[tuple[Path, ...], tuple[Path, ...]]:
    """(MP4 paths, thumbnail paths) for `output`; raise UserError unless every one can be written."""
    if Path(output).is_dir():
        _check_writable(Path(output))  # says it is a folder
    if Path(output).suffix.lower() != ".mp4":
        raise UserError(f"the output {output} must be an .mp4 file name, such as out.mp4")
    videos = output_paths(output, variations)
    thumbnails = tuple(v.with_suffix(".jpg") for v in videos)
    for path in videos + thumbnails:
        _check_writable(path)
    return videos, thumbnails


def _load_engine(engine: str | Engine) -> Engine:
    if not isinstance(engine, str):
        return engine
    from .engines import get_engine  # imports torch: only after the checks

    try:
        return get_engine(engine)
    except KeyError as e:
        raise UserError(str(e.args[0]) if e.args else f"unknown engine {engine!r}") from None


def _check_videos(videos, plan: Plan) -> None:
    if len(videos) != len(plan.videos):
        raise RuntimeError(f"the engine returned {len(videos)} videos for {len(plan.videos)} variations")
    for v in videos:
        if getattr(v, "dtype", None) is None or str(v.dtype) != "uint8" or v.ndim != 4 or v.shape[-1] != 3:
            raise RuntimeError(f"the engine returned frames that are not uint8 [T, H, W, 3]: {getattr(v, 'shape', v)}")


def generate(prompt: str, *, seed: int = 0, aspect: str = "16:9", seconds: float = 4.0, fps: int = 8,
             steps: int | None = None, guidance: float | None = None, variations: int = 1,
             negative_prompt: str = "", output: str | os.PathLike = "out.mp4", preset: str | None = None,
             engine: str | Engine = "vidloom-mini", progress: Progress | None = None,
             conditioning: Sequence[Conditioning] = ()) -> list[Path]:
    """Generate a video from a prompt and write it as an MP4 (plus a JPEG thumbnail beside it).

    Returns the MP4 paths, one per variation: `output`, then out-2.mp4, out-3.mp4 ...
    Each MP4 carries its provenance (prompt, seed, engine ...) in its metadata, which
    vidloom.media.read_metadata() returns. Bad requests raise vidloom.errors.UserError
    before any model is loaded; no partial file is ever left at an output path.
    `preset` names a style preset (vidloom.features.PRESETS). `progress(done, total)`
    is called as the engine samples. `conditioning` holds known pixels (an image as the
    first frame, a clip to re-imagine at a strength ...).
    """
    from .features import text_to_video
    from .features.base import run

    def conditioned(eng, spec, progress):
        return run(eng, spec, tuple(conditioning), progress)

    make = conditioned if conditioning else text_to_video
    return produce("conditioned_video" if conditioning else "text_to_video", make, prompt, seed=seed, aspect=aspect, seconds=seconds, fps=fps,
                   steps=steps, guidance=guidance, variations=variations, negative_prompt=negative_prompt,
                   output=output, preset=preset, engine=engine, progress=progress)


def produce(operation: str, make: Callable, prompt: str, *, output: str | os.PathLike = "out.mp4",
            preset: str | None = None, engine: str | Engine = "vidloom-mini", progress: Progress | None = None,
            inputs: list[dict] | tuple = (), extra: dict | None = None, **request) -> list[Path]:
    """Run one feature end to end: check, load the engine, `make(engine, spec, progress)` the videos,
    grade them with the preset and write them with their provenance. `request` holds prepare()'s options."""
    from .features.presets import get_preset

    # 1. check everything that needs no model
    look = get_preset(preset)
    limit = PRECHECK_MAX_SECONDS if isinstance(engine, str) else engine.capabilities.max_seconds
    plan = prepare(prompt, output=output, max_seconds=limit, **request)
    spec = plan.spec
    # 2. load the engine and check against what it can do
    eng = _load_engine(engine)
    _check_spec(spec, eng.capabilities.max_seconds)
    # 3. sample with the preset's prompt, then grade with its look
    videos = make(eng, replace(spec, prompt=look.style(spec.prompt)), progress)
    _check_videos(videos, plan)
    videos = [look.apply(v, seed=spec.seed + k) for k, v in enumerate(videos)]
    # 4. write every MP4 and thumbnail, each with its provenance
    return write_videos(videos, plan, provenance(operation, spec, eng, inputs, preset=look.name, **(extra or {})))


def provenance(operation: str, spec: VideoSpec, engine, inputs: list[dict] | tuple = (), **extra) -> dict:
    """What made a video: the operation, its inputs (name and sha256), prompt, seed, engine and version.

    The feed's "remix of" and the studio's detail view read these back with media.read_metadata().
    """
    return {
        "generator": f"vidloom {__version__}",
        "operation": operation,
        "inputs": list(inputs),
        "prompt": spec.prompt,
        "negative_prompt": spec.negative_prompt,
        "seed": spec.seed,
        "variations": spec.variations,
        "aspect": spec.aspect,
        "seconds": spec.seconds,
        "fps": spec.fps,
        "steps": spec.steps if spec.steps is not None else getattr(engine, "default_steps", None),
        "guidance": spec.guidance if spec.guidance is not None else getattr(engine, "default_guidance", None),
        "engine": getattr(engine, "name", None),
        "engine_version": getattr(engine, "version", None),
        **extra,
    }


def write_videos(videos, plan: Plan, metadata: dict) -> list[Path]:
    """Write one MP4 (with `metadata` plus its variation number and size) and one JPEG per video.

    All or nothing: on failure every file this call wrote is removed.
    """
    from .media import save_thumbnail, write_mp4

    _check_videos(videos, plan)
    written: list[Path] = []
    try:
        for k, (frames, video_path, thumb_path) in enumerate(zip(videos, plan.videos, plan.thumbnails), start=1):
            meta = dict(metadata, variation=k, width=int(frames.shape[2]), height=int(frames.shape[1]),
                        frames=int(frames.shape[0]))
            written.append(write_mp4(frames, video_path, plan.spec.fps, meta))
            written.append(save_thumbnail(frames[len(frames) // 2], thumb_path))
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return list(plan.videos)


def known_media(*, seconds: float, fps: int, image: str | os.PathLike | None = None,
                last_image: str | os.PathLike | None = None, video: str | os.PathLike | None = None,
                strength: float = 0.5) -> list[Conditioning]:
    """Conditioning from files: an image as the first frame, an image as the last frame, and a video
    to re-imagine (strength: how much of it to keep, 0 to 1). Raises UserError for unreadable files."""
    from .media import load_image, load_video, resample_fps

    items = []
    try:
        if image is not None:
            items.append(Conditioning(load_image(image), 0))
        if last_image is not None:
            items.append(Conditioning(load_image(last_image), max(1, round(seconds * fps)) - 1))
        if video is not None:
            if not 0.0 <= strength < 1.0:
                raise UserError(f"strength {strength} is out of range: choose 0 (a new video) to below 1 (the same)")
            frames, rate = load_video(video)
            frames = resample_fps(frames, rate, fps)
            if len(frames) < round(seconds * fps):  # re-imagining covers the whole video
                raise UserError(f"{Path(video).name} lasts {len(frames) / fps:g} s: ask for at most that (--duration)")
            items.append(Conditioning(frames, 0, strength))
    except (FileNotFoundError, ValueError) as e:
        raise UserError(str(e)) from None
    return items
