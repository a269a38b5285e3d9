"""The creative suite's commands: presets, animate, remix, blend, loop, storyboard, recut, extend.

Argument parsing and display only; the work lives in vidloom.features.files.
"""
from __future__ import annotations

from typing import Annotated, Optional

import typer

Seed = Annotated[int, typer.Option(help="Random seed: the same seed and settings give the same video.")]
Steps = Annotated[Optional[int], typer.Option(help="Sampler steps (default: the engine's).")]
Guidance = Annotated[Optional[float], typer.Option(help="Prompt guidance scale (default: the engine's).")]
Variations = Annotated[int, typer.Option(help="How many videos: 1, 2 or 4 (out.mp4, out-2.mp4 ...).")]
Negative = Annotated[str, typer.Option(help="What the video should not show.")]
Output = Annotated[str, typer.Option("--output", "-o", help="MP4 file to write; variations add -2, -3, -4.")]
Engine = Annotated[str, typer.Option(help="Which engine generates the video.")]
Preset = Annotated[str, typer.Option(help="Style preset (see `vidloom presets`).")]
Aspect = Annotated[Optional[str], typer.Option(help="Aspect ratio 16:9, 1:1 or 9:16 (default: the input's).")]


def _options(seed, steps, guidance, variations, negative, output, engine, preset) -> dict:
    return dict(seed=seed, steps=steps, guidance=guidance, variations=variations, negative_prompt=negative,
                output=output, engine=engine, preset=preset)


def register(app: typer.Typer) -> None:
    """Add the creative suite's commands to the `vidloom` app."""
    from .cli import with_progress

    def files():
        from .features import files

        return files

    @app.command()
    def presets() -> None:
        """List the style presets (use one with --preset NAME)."""
        from rich.console import Console
        from rich.table import Table

        from .features.presets import PRESETS

        table = Table("preset", "look", "prompt modifier")
        for p in PRESETS.values():
            table.add_row(p.name, p.description, p.modifier or "-")
        Console().print(table)

    @app.command()
    def animate(
        image: Annotated[str, typer.Argument(help="PNG, JPEG or WebP still of any size.")],
        prompt: Annotated[str, typer.Argument(help="What happens in the video.")],
        frame: Annotated[int, typer.Option(help="Which frame the image becomes (0: the first).")] = 0,
        duration: Annotated[float, typer.Option(help="Length in seconds.")] = 4.0,
        aspect: Aspect = None, seed: Seed = 0, steps: Steps = None, guidance: Guidance = None,
        variations: Variations = 1, negative: Negative = "", output: Output = "out.mp4",
        engine: Engine = "vidloom-mini", preset: Preset = "natural",
    ) -> None:
        """Image-to-video: the image becomes a frame of the video and the scene moves."""
        opts = _options(seed, steps, guidance, variations, negative, output, engine, preset)
        with_progress(lambda progress: files().animate(image, prompt, frame=frame, aspect=aspect,
                                                               seconds=duration, progress=progress, **opts))

    @app.command()
    def remix(
        video: Annotated[str, typer.Argument(help="The video to re-imagine.")],
        prompt: Annotated[str, typer.Argument(help="What the remix shows.")],
        strength: Annotated[str, typer.Option(help="subtle, mild, strong or a number in (0, 1].")] = "mild",
        seed: Seed = 0, steps: Steps = None, guidance: Guidance = None, variations: Variations = 1,
        negative: Negative = "", output: Output = "out.mp4", engine: Engine = "vidloom-mini",
        preset: Preset = "natural",
    ) -> None:
        """Re-imagine a video with a new prompt: the stronger, the farther from the original."""
        opts = _options(seed, steps, guidance, variations, negative, output, engine, preset)
        with_progress(lambda progress: files().remix(video, prompt, strength=strength, progress=progress,
                                                             **opts))

    @app.command()
    def blend(
        first: Annotated[str, typer.Argument(help="The video the result starts as.")],
        second: Annotated[str, typer.Argument(help="The video the result ends as.")],
        prompt: Annotated[Optional[str], typer.Option(help="What the transition shows (default: both prompts).")] = None,
        curve: Annotated[str, typer.Option(help="linear, ease-in, ease-out or ease-in-out.")] = "ease-in-out",
        duration: Annotated[float, typer.Option(help="Length in seconds.")] = 4.0,
        seed: Seed = 0, steps: Steps = None, guidance: Guidance = None, variations: Variations = 1,
        negative: Negative = "", output: Output = "out.mp4", engine: Engine = "vidloom-mini",
        preset: Preset = "natural",
    ) -> None:
        """Blend two videos: start as the first, end as the second, with a generated transition."""
        opts = _options(seed, steps, guidance, variations, negative, output, engine, preset)
        with_progress(lambda progress: files().blend(first, second, prompt, curve=curve, seconds=duration,
                                                             progress=progress, **opts))

    @app.command()
    def loop(
        source: Annotated[str, typer.Argument(help="A video file to loop, or a prompt to loop a new video of.")],
        length: Annotated[str, typer.Option(help="short (2 s), normal (4 s) or long (8 s).")] = "normal",
        prompt: Annotated[Optional[str], typer.Option(help="For a video: what the loop shows.")] = None,
        seed: Seed = 0, steps: Steps = None, guidance: Guidance = None, variations: Variations = 1,
        negative: Negative = "", output: Output = "out.mp4", engine: Engine = "vidloom-mini",
        preset: Preset = "natural",
    ) -> None:
        """A seamless loop (the last frame flows into the first) of a video or a prompt."""
        from pathlib import Path

        is_file = Path(source).suffix.lower() in (".mp4", ".mov", ".webm", ".mkv", ".avi") or Path(source).is_file()
        opts = _options(seed, steps, guidance, variations, negative, output, engine, preset)
        with_progress(lambda progress: files().loop(
            source if is_file else None, prompt if is_file else source, length=length, progress=progress, **opts))

    @app.command()
    def storyboard(
        file: Annotated[str, typer.Argument(help="A JSON or YAML storyboard of cards.")],
        aspect: Aspect = None, seed: Seed = 0, steps: Steps = None, guidance: Guidance = None,
        variations: Variations = 1, negative: Negative = "", output: Output = "out.mp4",
        engine: Engine = "vidloom-mini", preset: Preset = "natural",
    ) -> None:
        """Turn a storyboard (cards: prompt, image or video, start, seconds) into one continuous video."""
        opts = _options(seed, steps, guidance, variations, negative, output, engine, preset)
        if aspect:
            opts["aspect"] = aspect
        with_progress(lambda progress: files().storyboard(file, progress=progress, **opts))

    @app.command()
    def extend(
        video: Annotated[str, typer.Argument(help="The video to extend.")],
        prompt: Annotated[str, typer.Argument(help="What the new footage shows.")],
        direction: Annotated[str, typer.Option(help="forward (after the video) or backward (before it).")] = "forward",
        duration: Annotated[float, typer.Option(help="Seconds of new footage.")] = 2.0,
        seed: Seed = 0, steps: Steps = None, guidance: Guidance = None, variations: Variations = 1,
        negative: Negative = "", output: Output = "out.mp4", engine: Engine = "vidloom-mini",
        preset: Preset = "natural",
    ) -> None:
        """Extend a video forwards or backwards with new footage that joins it without a cut."""
        opts = _options(seed, steps, guidance, variations, negative, output, engine, preset)
        with_progress(lambda progress: files().extend(video, prompt, direction=direction, seconds=duration,
                                                              progress=progress, **opts))

    @app.command()
    def recut(
        video: Annotated[str, typer.Argument(help="The video to trim.")],
        start: Annotated[float, typer.Option(help="Keep from this second.")] = 0.0,
        end: Annotated[Optional[float], typer.Option(help="Keep up to this second (default: the end).")] = None,
        output: Output = "out.mp4",
    ) -> None:
        """Trim a video to the part you like (no model involved)."""
        with_progress(lambda progress: files().recut(video, start=start, end=end, output=output))
