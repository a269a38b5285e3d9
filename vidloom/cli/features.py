"""The creative suite's commands: presets, animate, remix, blend, loop, storyboard, recut, extend, long.

Each command that runs a model declares only its own arguments; @shared_options adds seed ... preset.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .options import Aspect, Duration, Output, shared_options
from .output import with_progress

commands = typer.Typer()
VIDEO_SUFFIXES = (".mp4", ".mov", ".webm", ".mkv", ".avi")


def _files():
    from ..operations import files  # the operations load on use: `vidloom --help` stays quick

    return files


@commands.command()
def presets() -> None:
    """List the style presets (use one with --preset NAME)."""
    from rich.console import Console
    from rich.table import Table

    from ..features.presets import PRESETS

    table = Table("preset", "look", "prompt modifier")
    for p in PRESETS.values():
        table.add_row(p.name, p.description, p.modifier or "-")
    Console().print(table)


@commands.command()
@shared_options
def animate(
    image: Annotated[str, typer.Argument(help="PNG, JPEG or WebP still of any size.")],
    prompt: Annotated[str, typer.Argument(help="What happens in the video.")],
    frame: Annotated[int, typer.Option(help="Which frame the image becomes (0: the first).")] = 0,
    duration: Duration = 4.0,
    aspect: Aspect = None,
    opts: dict = None,
) -> None:
    """Image-to-video: the image becomes a frame of the video and the scene moves."""
    with_progress(
        lambda progress: _files().animate(
            image, prompt, frame=frame, aspect=aspect, seconds=duration, progress=progress, **opts
        )
    )


@commands.command()
@shared_options
def remix(
    video: Annotated[str, typer.Argument(help="The video to re-imagine.")],
    prompt: Annotated[str, typer.Argument(help="What the remix shows.")],
    strength: Annotated[
        str, typer.Option(help="How far to depart: subtle, mild, strong or a number in (0, 1].")
    ] = "mild",
    opts: dict = None,
) -> None:
    """Re-imagine a video with a new prompt: the stronger, the farther from the original."""
    with_progress(lambda progress: _files().remix(video, prompt, strength=strength, progress=progress, **opts))


@commands.command()
@shared_options
def blend(
    first: Annotated[str, typer.Argument(help="The video the result starts as.")],
    second: Annotated[str, typer.Argument(help="The video the result ends as.")],
    prompt: Annotated[Optional[str], typer.Option(help="What the transition shows (default: both prompts).")] = None,
    curve: Annotated[str, typer.Option(help="linear, ease-in, ease-out or ease-in-out.")] = "ease-in-out",
    duration: Duration = 4.0,
    opts: dict = None,
) -> None:
    """Blend two videos: start as the first, end as the second, with a generated transition."""
    with_progress(
        lambda progress: _files().blend(first, second, prompt, curve=curve, seconds=duration, progress=progress, **opts)
    )


@commands.command()
@shared_options
def loop(
    source: Annotated[str, typer.Argument(help="A video file to loop, or a prompt to loop a new video of.")],
    length: Annotated[str, typer.Option(help="short (2 s), normal (4 s) or long (8 s).")] = "normal",
    prompt: Annotated[Optional[str], typer.Option(help="For a video: what the loop shows.")] = None,
    opts: dict = None,
) -> None:
    """A seamless loop (the last frame flows into the first) of a video or a prompt."""
    is_file = Path(source).suffix.lower() in VIDEO_SUFFIXES or Path(source).is_file()
    with_progress(
        lambda progress: _files().loop(
            source if is_file else None, prompt if is_file else source, length=length, progress=progress, **opts
        )
    )


@commands.command()
@shared_options
def storyboard(
    file: Annotated[str, typer.Argument(help="A JSON or YAML storyboard of cards.")],
    aspect: Aspect = None,
    opts: dict = None,
) -> None:
    """Turn a storyboard (cards: prompt, image or video, start, seconds) into one continuous video."""
    with_progress(lambda progress: _files().storyboard(file, aspect=aspect, progress=progress, **opts))


@commands.command()
@shared_options
def extend(
    video: Annotated[str, typer.Argument(help="The video to extend.")],
    prompt: Annotated[str, typer.Argument(help="What the new footage shows.")],
    direction: Annotated[str, typer.Option(help="forward (after the video) or backward (before it).")] = "forward",
    duration: Annotated[float, typer.Option(help="Seconds of new footage.")] = 2.0,
    opts: dict = None,
) -> None:
    """Extend a video forwards or backwards with new footage that joins it without a cut."""
    with_progress(
        lambda progress: _files().extend(
            video, prompt, direction=direction, seconds=duration, progress=progress, **opts
        )
    )


@commands.command()
@shared_options
def long(
    prompt: Annotated[str, typer.Argument(help="What the video shows.")],
    duration: Annotated[float, typer.Option(help="Length in seconds (up to 600).")] = 30.0,
    window: Annotated[
        Optional[float], typer.Option(help="Seconds one engine call makes (default: the engine's longest).")
    ] = None,
    overlap: Annotated[float, typer.Option(help="Seconds each window carries from the one before.")] = 1.0,
    aspect: Aspect = None,
    opts: dict = None,
) -> None:
    """A video of any length: windows that carry their last frames forward, joined without a seam."""
    with_progress(
        lambda progress: _files().long(
            prompt, seconds=duration, window=window, overlap=overlap, aspect=aspect, progress=progress, **opts
        )
    )


@commands.command()
def recut(
    video: Annotated[str, typer.Argument(help="The video to trim.")],
    start: Annotated[float, typer.Option(help="Keep from this second.")] = 0.0,
    end: Annotated[Optional[float], typer.Option(help="Keep up to this second (default: the end).")] = None,
    output: Output = "out.mp4",
) -> None:
    """Trim a video to the part you like (no model involved)."""
    with_progress(lambda progress: _files().recut(video, start=start, end=end, output=output))
