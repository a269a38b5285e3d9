"""`vidloom generate`: a video from a prompt, optionally from or to an image, or re-imagining a clip."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from .options import Duration, shared_options
from .output import with_progress

commands = typer.Typer()


@commands.command()
@shared_options
def generate(
    prompt: Annotated[str, typer.Argument(help="What the video shows, e.g. 'a red ball bouncing on green grass'.")],
    aspect: Annotated[str, typer.Option(help="Aspect ratio: 16:9, 1:1 or 9:16.")] = "16:9",
    duration: Duration = 4.0,
    fps: Annotated[int, typer.Option(help="Frames per second of the MP4.")] = 8,
    image: Annotated[Optional[str], typer.Option(help="An image that becomes the first frame.")] = None,
    last_image: Annotated[Optional[str], typer.Option(help="An image that becomes the last frame.")] = None,
    video: Annotated[Optional[str], typer.Option(help="A video to re-imagine with the prompt.")] = None,
    keep: Annotated[float, typer.Option("--keep", "--strength", help="How much of --video to keep: 0 to 1.")] = 0.5,
    lora: Annotated[Optional[list[str]], typer.Option(help="A LoRA and its weight, NAME:0.8 (repeatable).")] = None,
    opts: dict = None,
) -> None:
    """Generate a video from a text prompt and write it as an MP4 with a JPEG thumbnail."""
    from ..operations import files
    from .loras import with_loras

    with_progress(
        lambda progress: files.generate(  # with --lora, the engine is loaded here, carrying its LoRAs
            prompt,
            image=image,
            last_image=last_image,
            video=video,
            aspect=aspect,
            seconds=duration,
            fps=fps,
            progress=progress,
            **({"keep": keep} if video else {}),
            **{**opts, "engine": with_loras(opts["engine"], lora or [])},
        )
    )
