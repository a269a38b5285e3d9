"""Options shared by the commands that run an operation."""

from __future__ import annotations

import functools
import inspect
from typing import Annotated, Callable, Optional

import typer

from ..spec import DEFAULT_ENGINE

Seed = Annotated[int, typer.Option(help="Random seed: the same seed and settings give the same video.")]
Steps = Annotated[Optional[int], typer.Option(help="Sampler steps (default: the engine's).")]
Guidance = Annotated[Optional[float], typer.Option(help="Prompt guidance scale (default: the engine's).")]
Variations = Annotated[int, typer.Option(help="How many videos: 1, 2 or 4 (out.mp4, out-2.mp4 ...).")]
Negative = Annotated[str, typer.Option(help="What the video should not show.")]
Output = Annotated[str, typer.Option("--output", "-o", help="MP4 file to write; variations add -2, -3, -4.")]
Engine = Annotated[str, typer.Option(help="Which engine generates the video.")]
Preset = Annotated[str, typer.Option(help="Style preset (see `vidloom presets`).")]
Aspect = Annotated[Optional[str], typer.Option(help="Aspect ratio 16:9, 1:1 or 9:16 (default: the input's).")]
Duration = Annotated[float, typer.Option(help="Length in seconds.")]
ENGINE = DEFAULT_ENGINE


# the options every command that runs a model takes, in the order --help lists them after its own
SHARED = [
    inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=kind)
    for name, kind, default in (
        ("seed", Seed, 0),
        ("steps", Steps, None),
        ("guidance", Guidance, None),
        ("variations", Variations, 1),
        ("negative", Negative, ""),
        ("output", Output, "out.mp4"),
        ("engine", Engine, ENGINE),
        ("preset", Preset, "natural"),
    )
]


def shared_options(command: Callable) -> Callable:
    """Give a command the SHARED options besides its own; they reach it as `opts`, keyword arguments of
    vidloom.operations.files (Typer reads options from the signature, so they are added to it here once)."""
    own = [p for p in inspect.signature(command, eval_str=True).parameters.values() if p.name != "opts"]

    @functools.wraps(command)
    def run(**kwargs):
        opts = {p.name: kwargs.pop(p.name) for p in SHARED}
        opts["negative_prompt"] = opts.pop("negative")
        return command(**kwargs, opts=opts)

    run.__signature__ = inspect.Signature(own + SHARED)
    run.__annotations__ = {**command.__annotations__, **{p.name: p.annotation for p in SHARED}}
    return run
