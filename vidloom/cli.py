"""The `vidloom` command line: argument parsing and display only; the work lives in vidloom.generation."""
from __future__ import annotations

import sys
import time
from typing import Annotated, Optional

import typer
from typer.exceptions import TyperException

from .errors import UserError


class _App(typer.Typer):
    """A Typer app whose usage errors are one `error: ...` line on stderr (exit code 2)."""

    def __call__(self, *args, **kwargs):
        kwargs["standalone_mode"] = False
        try:
            rv = super().__call__(*args, **kwargs)
        except TyperException as e:  # a usage error: bad or missing arguments
            if type(e).__name__ != "NoArgsIsHelpError":  # that one has printed the help already
                _say_error(e.format_message())
            sys.exit(e.exit_code)
        except typer.Abort:
            _say_error("interrupted")
            sys.exit(130)
        sys.exit(rv if isinstance(rv, int) else 0)


app = _App(
    name="vidloom",
    help="vidloom: turn text into video on your own machine.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


def _say_error(message: str) -> None:
    line = " ".join(str(message).split())
    if line[:1].isupper() and line[1:2].islower():
        line = line[0].lower() + line[1:]
    typer.echo(f"error: {line}", err=True)


def _fail(message: str, code: int) -> None:
    _say_error(message)
    raise typer.Exit(code)


@app.callback()
def _main() -> None:
    """vidloom: turn text into video on your own machine."""


@app.command()
def generate(
    prompt: Annotated[str, typer.Argument(help="What the video shows, e.g. 'a red ball bouncing on green grass'.")],
    seed: Annotated[int, typer.Option(help="Random seed: the same seed and settings give the same video.")] = 0,
    aspect: Annotated[str, typer.Option(help="Aspect ratio: 16:9, 1:1 or 9:16.")] = "16:9",
    duration: Annotated[float, typer.Option(help="Length in seconds.")] = 4.0,
    fps: Annotated[int, typer.Option(help="Frames per second of the MP4.")] = 8,
    steps: Annotated[Optional[int], typer.Option(help="Sampler steps (default: the engine's).")] = None,
    guidance: Annotated[Optional[float], typer.Option(help="Prompt guidance scale (default: the engine's).")] = None,
    variations: Annotated[int, typer.Option(help="How many videos: 1, 2 or 4.")] = 1,
    negative: Annotated[str, typer.Option(help="What the video should not show.")] = "",
    output: Annotated[str, typer.Option("--output", "-o", help="MP4 file to write; variations add -2, -3, -4.")] = "out.mp4",
    engine: Annotated[str, typer.Option(help="Which engine generates the video.")] = "vidloom-mini",
    image: Annotated[Optional[str], typer.Option(help="An image that becomes the first frame.")] = None,
    last_image: Annotated[Optional[str], typer.Option(help="An image that becomes the last frame.")] = None,
    video: Annotated[Optional[str], typer.Option(help="A video to re-imagine with the prompt.")] = None,
    strength: Annotated[float, typer.Option(help="How much of --video to keep: 0 to below 1.")] = 0.5,
    preset: Annotated[str, typer.Option(help="Style preset (see `vidloom presets`).")] = "natural",
) -> None:
    """Generate a video from a text prompt and write it as an MP4 with a JPEG thumbnail."""
    from . import generation

    request = dict(seed=seed, aspect=aspect, seconds=duration, fps=fps, steps=steps, guidance=guidance,
                   variations=variations, negative_prompt=negative, output=output)
    # 1. every check that needs no model, so mistakes are reported at once
    try:
        generation.prepare(prompt, **request)
        request["conditioning"] = generation.known_media(seconds=duration, fps=fps, image=image, last_image=last_image,
                                                         video=video, strength=strength)
    except UserError as e:
        _fail(str(e), 2)
    # 2. load the engine and sample, showing the sampler's progress
    with_progress(lambda progress: generation.generate(prompt, engine=engine, progress=progress,
                                                               preset=preset, **request))


def with_progress(call) -> None:
    """Run `call(progress)` under a Rich progress bar; print the time taken and the written files.

    UserError becomes one `error:` line with exit code 2, an OSError (missing weights, a full disk) exit 1.
    """
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)

    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn(), TimeRemainingColumn())
    bar = Progress(*columns, console=Console(stderr=True))
    task = None

    def on_progress(done: int, total: int) -> None:  # the bar appears once the inputs passed their checks
        nonlocal task
        if task is None:
            bar.start()
            task = bar.add_task("generating", total=total)
        bar.update(task, completed=done, total=total)

    def stop() -> None:
        if task is not None:
            bar.stop()

    started = time.perf_counter()
    try:
        paths = call(on_progress)
    except UserError as e:
        stop()
        _fail(str(e), 2)
    except OSError as e:  # missing weights, a full disk ...
        stop()
        _fail(str(e), 1)
    stop()
    # the time taken (start of generation to MP4 on disk) and the written files, one per line
    typer.echo(f"generated in {time.perf_counter() - started:.2f} s", err=True)
    for path in paths:
        typer.echo(str(path))


from .cli_models import models as _models  # noqa: E402  (the registry of open-weight models)

app.add_typer(_models, name="models")
from .cli_webhooks import webhooks as _webhooks  # noqa: E402  (the operator's webhook endpoints)

app.add_typer(_webhooks, name="webhooks")
from .features_cli import register  # noqa: E402  (the creative suite's commands)

register(app)
from .cli_service import register as _register_service  # noqa: E402 - serve, worker, keys, verify

_register_service(app, _fail)
