"""One path for every operation: check the request, read its inputs, run the feature, grade, record provenance.

1. prepare(): everything that needs no model: parameters, inputs (read and hashed), the spec;
2. render(): load the engine, run the operation with the preset's prompt, grade with its look,
   and return the videos with their provenance.
The CLI and the Python API write the result as files (vidloom.operations.files); the worker
watermarks, signs and stores it. Both get the same engine inputs and the same provenance.
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

import numpy as np

from .. import __version__
from ..errors import UserError
from ..spec import DEFAULT_FPS, DEFAULT_SECONDS, PRECHECK_MAX_SECONDS, Progress, VideoSpec, nearest_aspect
from .params import Params, parse
from .registry import Operation, check_engine, get_operation

NOTICES = logging.getLogger("vidloom.notices")  # what an engine drew otherwise than asked (the CLI prints it)

if TYPE_CHECKING:  # importing vidloom.engines may import torch
    from ..engines.base import Engine

Source = str | os.PathLike | np.ndarray  # an input: a file, or frames already in memory


@dataclass(frozen=True)
class Media:
    """A decoded input: an image uint8 [H, W, 3] (fps None) or a clip uint8 [T, H, W, 3] at `fps`."""

    frames: np.ndarray | None  # None for a file that is only recorded
    fps: float | None
    role: str
    sha256: str
    name: str  # the file name, for messages
    metadata: dict  # the provenance a vidloom video carries ({} for anything else)


@dataclass(frozen=True)
class Prepared:
    """A checked request: the operation, its parameters, its decoded inputs and the spec to make."""

    operation: Operation
    params: Params
    media: dict[str, Media]
    spec: VideoSpec


# ---------------------------------------------------------------- 1. prepare


def prepare(
    operation: str,
    values: Mapping,
    inputs: Mapping[str, Source] | None = None,
    max_seconds: float = PRECHECK_MAX_SECONDS,
) -> Prepared:
    """Check a request without loading any model; UserError (naming the parameter) when it cannot be done."""
    op = get_operation(operation)
    params = parse(op.params, dict(values))
    inputs = dict(inputs or {})
    op.check_inputs(set(inputs))
    kinds = op.kinds(params, set(inputs))
    media = {name: read_input(source, op.slot(name).label, kinds[name]) for name, source in inputs.items()}
    if op.check is not None:
        op.check(params, media, max_seconds)
    spec = _spec(op, params, media)
    if op.uses_engine:
        spec.check(op.longest or max_seconds)
    return Prepared(op, params, media, spec)


def read_input(source: Source, role: str, kind: str) -> Media:
    """An input file (or in-memory frames) decoded as `kind` (image, video, or a `file` only hashed)."""
    from .. import media

    if isinstance(source, np.ndarray):
        frames = np.ascontiguousarray(source)
        return Media(
            frames,
            None if frames.ndim == 3 else float(DEFAULT_FPS),
            role,
            hashlib.sha256(frames.tobytes()).hexdigest(),
            f"{role} frames",
            {},
        )
    path = Path(source)
    try:
        if kind == "image":
            frames, fps = media.load_image(path), None
        elif kind == "video":
            frames, fps = media.load_video(path)
        elif path.is_file():
            frames = fps = None
        else:
            raise FileNotFoundError(f"no file at {path}")
    except (FileNotFoundError, ValueError) as e:
        raise UserError(str(e)) from None
    return Media(frames, fps, role, file_digest(path), path.name, _metadata(path) if kind == "video" else {})


def file_digest(path: Path) -> str:
    """The sha256 of a file's bytes: the id a library or feed knows an input by."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _metadata(path: Path) -> dict:
    from ..media import read_metadata

    try:
        return read_metadata(path)
    except Exception:  # noqa: BLE001 - a clip from elsewhere carries none
        return {}


def _spec(op: Operation, params: Params, media: dict[str, Media]) -> VideoSpec:
    """The spec to make: the parameters, with the operation's defaults read from its inputs."""
    clips = [m for m in media.values() if m.frames is not None]
    first = clips[0] if clips and op.follows_input else None
    aspect = params.aspect
    if aspect is None:
        aspect = nearest_aspect(first.frames.shape[-2], first.frames.shape[-3]) if first is not None else "16:9"
    fps = params.fps if params.fps is not None else DEFAULT_FPS
    if params.fps is None and first is not None and not op.uses_engine:
        fps = max(1, round(first.fps))  # an edit keeps its source's rate; MP4s are written at whole rates
    prompt, seconds = op.defaults(params, media) if op.defaults else (params.prompt, params.seconds)
    return VideoSpec(
        prompt=prompt,
        negative_prompt=params.negative_prompt,
        aspect=aspect,
        seconds=float(seconds if seconds is not None else DEFAULT_SECONDS),
        fps=fps,
        seed=params.seed,
        steps=params.steps,
        guidance=params.guidance,
        variations=params.variations,
    )


def check_engine_facts(prepared: Prepared, engine: str) -> None:
    """render()'s checks against the engine (the capabilities the request needs, its aspect, its length),
    made from the engine's facts (vidloom.engines.catalog, which the loaded engine shares) so a request it
    cannot run is refused before the model loads. A name the catalog cannot answer for is left to the
    loader to refuse, as before."""
    if not prepared.operation.uses_engine:
        return
    from ..engines import catalog

    try:
        capabilities = catalog.capabilities(engine)
    except Exception:  # noqa: BLE001 - an unknown or damaged entry: load_engine says what is wrong
        return
    _check_request(prepared, capabilities, engine)


def _check_request(prepared: Prepared, capabilities, engine_name: str) -> None:
    """The request against an engine's capabilities: what it needs, its aspect, its length."""
    op, spec = prepared.operation, prepared.spec
    check_engine(op, prepared.params, set(prepared.media), capabilities, engine_name)
    spec.check(op.longest or capabilities.max_seconds)


# ---------------------------------------------------------------- 2. render


def render(
    prepared: Prepared, engine: "str | Engine | None", progress: Progress | None = None
) -> tuple[list[np.ndarray], dict]:
    """Run a prepared request: (one uint8 [T, H, W, 3] video per variation, their provenance)."""
    from ..features.presets import get_preset

    op, params, spec = prepared.operation, prepared.params, prepared.spec
    look = get_preset(params.preset)
    eng = None
    if op.uses_engine:
        eng = load_engine(engine)
        _check_request(prepared, eng.capabilities, eng.name)
    styled = replace(spec, prompt=look.style(spec.prompt))
    videos = op.run(eng, styled, params, prepared.media, look, progress)
    check_videos(videos, spec.variations)
    videos = [look.apply(v, seed=spec.seed + k) for k, v in enumerate(videos)]
    record = provenance(prepared, eng)
    notices = _notices(eng, spec, params)
    if notices:  # what was drawn otherwise than asked: told to the user, and kept with the video
        record["notices"] = list(notices)
        for notice in notices:
            NOTICES.warning(notice)
    return videos, record


def _notices(eng, spec: VideoSpec, params: Params) -> list[str]:
    """What the engine draws otherwise than asked, of the user's own words (a preset's style words, such as
    "papercraft", are its look, applied after the engine): the prompt's, or each storyboard card's."""
    if eng is None or not hasattr(eng, "notices"):
        return []
    cards = getattr(params, "cards", None)
    texts = [(f"card {n + 1}: ", c.prompt) for n, c in enumerate(cards)] if cards else [("", spec.prompt)]
    return [label + notice for label, text in texts if text for notice in eng.notices(text)]


def load_engine(engine: "str | Engine") -> "Engine":
    if not isinstance(engine, str):
        return engine
    from ..engines import get_engine  # imports torch: only after the checks

    try:
        return get_engine(engine)
    except KeyError as e:
        raise UserError(str(e.args[0]) if e.args else f"unknown engine {engine!r}", param="model") from None


def check_videos(videos, count: int) -> None:
    """An engine's output must be `count` uint8 [T, H, W, 3] videos; anything else is a bug, not a refusal."""
    if len(videos) != count:
        raise RuntimeError(f"the engine returned {len(videos)} videos for {count} variations")
    for v in videos:
        if getattr(v, "dtype", None) is None or str(v.dtype) != "uint8" or v.ndim != 4 or v.shape[-1] != 3:
            raise RuntimeError(f"the engine returned frames that are not uint8 [T, H, W, 3]: {getattr(v, 'shape', v)}")


def provenance(prepared: Prepared, engine) -> dict:
    """What made a video: the operation, its inputs (role and sha256), its parameters, engine and version.

    The feed's "remix of" and the studio's detail view read these back with media.read_metadata().
    """
    op, params, spec = prepared.operation, prepared.params, prepared.spec
    own = params.model_dump(exclude=set(Params.model_fields))  # the operation's own parameters
    record = {
        "generator": f"vidloom {__version__}",
        "operation": op.name,
        "inputs": [{"role": m.role, "sha256": m.sha256} for m in prepared.media.values()],
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
        "preset": params.preset,
        **own,
    }
    if op.provenance is not None:
        record.update(op.provenance(params, prepared.media))
    return record
