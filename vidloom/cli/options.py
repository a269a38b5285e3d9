"""Options shared by the commands that run an operation."""

from __future__ import annotations

from typing import Annotated, Optional

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


def common(seed, steps, guidance, variations, negative, output, engine, preset) -> dict:
    """The shared options as keyword arguments of vidloom.operations.files."""
    return dict(
        seed=seed,
        steps=steps,
        guidance=guidance,
        variations=variations,
        negative_prompt=negative,
        output=output,
        engine=engine,
        preset=preset,
    )
