"""`vidloom models add | list | remove`: the local registry of open-weight models (argument parsing only)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..errors import UserError
from ..spec import DEFAULT_ENGINE
from .output import fail

commands = typer.Typer(help="Open-weight models on this disk (diffusers folders), by name.", no_args_is_help=True)


@commands.command("add")
def add(
    name: Annotated[str, typer.Argument(help="The engine name to use with `vidloom generate --engine NAME`.")],
    path: Annotated[str, typer.Option(help="A diffusers model folder (with model_index.json).")],
    family: Annotated[
        Optional[str], typer.Option(help="wan, ltx, cogvideox or hunyuan (default: read from the folder).")
    ] = None,
    device: Annotated[str, typer.Option(help="auto, cpu, cuda, cuda:1 ...")] = "auto",
    dtype: Annotated[str, typer.Option(help="auto, bfloat16, float16 or float32.")] = "auto",
    offload: Annotated[
        str, typer.Option(help="Keep idle weights on the CPU: none, model, sequential or group.")
    ] = "none",
    vae_tiling: Annotated[bool, typer.Option("--vae-tiling", help="Decode in tiles (less memory).")] = False,
    attention: Annotated[
        Optional[str], typer.Option(help="diffusers attention backend: flash, sage, _native_cudnn ...")
    ] = None,
    cache: Annotated[str, typer.Option(help="Step caching: none, first-block, taylorseer or pab.")] = "none",
    compile: Annotated[bool, typer.Option("--compile", help="torch.compile the transformer blocks.")] = False,
    context_parallel: Annotated[int, typer.Option(help="GPUs that split each video's sequence (under torchrun).")] = 1,
    resolution: Annotated[Optional[int], typer.Option(help="Short side in pixels (default: the model's tier).")] = None,
    fps: Annotated[Optional[int], typer.Option(help="The model's frame rate (default: the family's).")] = None,
    transformer: Annotated[
        Optional[str], typer.Option(help="A .gguf or .safetensors transformer to use instead of the folder's.")
    ] = None,
    quantize: Annotated[
        str, typer.Option(help="Weight-only quantization of the transformer on load: none, int8 or fp8.")
    ] = "none",
    vram: Annotated[
        Optional[str],
        typer.Option(help="Memory profile: 8, 12, 16, 24, 48, 80 (GB) or auto; picks quantize, offload, VAE tiling."),
    ] = None,
) -> None:
    """Register a model folder under NAME; it is checked now, and never downloads anything later."""
    from ..engines.diffusers.registry import add_model

    try:
        entry = add_model(
            name,
            path,
            family,
            device=device,
            dtype=dtype,
            offload=offload,
            vae_tiling=vae_tiling,
            attention=attention,
            cache=cache,
            compile=compile,
            context_parallel=context_parallel,
            resolution=resolution,
            fps=fps,
            transformer=transformer,
            quantize=quantize,
            vram=vram,
        )
    except UserError as e:
        fail(str(e), 2)
    typer.echo(f"added {entry.name} ({entry.family}) from {entry.path}")


@commands.command("list")
def list_() -> None:
    """Every registered model with its family, folder and settings."""
    from dataclasses import asdict

    from rich.console import Console
    from rich.table import Table

    from ..engines.diffusers.registry import ModelEntry, load_registry

    try:
        entries = load_registry()
    except UserError as e:
        fail(str(e), 2)
    table = Table("name", "family", "path", "settings")
    table.add_row(DEFAULT_ENGINE, "built-in", "(shipped)", "")
    defaults = asdict(ModelEntry("", "", ""))
    for entry in entries.values():
        changed = {k: v for k, v in asdict(entry).items() if k not in ("name", "path", "family") and v != defaults[k]}
        table.add_row(entry.name, entry.family, entry.path, " ".join(f"{k}={v}" for k, v in changed.items()))
    Console(width=200).print(table)


@commands.command("remove")
def remove(name: Annotated[str, typer.Argument(help="A registered model name.")]) -> None:
    """Forget a registered model (its folder is left as it is)."""
    from ..engines.diffusers.registry import remove_model

    try:
        remove_model(name)
    except UserError as e:
        fail(str(e), 2)
    typer.echo(f"removed {name}")


@commands.command("plan")
def plan(
    name: Annotated[str, typer.Argument(help="A registered model name.")],
    vram: Annotated[Optional[str], typer.Option(help="One profile (8 ... 80 GB); default: each of them.")] = None,
) -> None:
    """What each memory profile does for a model, and its expected peak memory (from parameter counts)."""
    from ..engines.diffusers.memory import plan as plan_for
    from ..engines.diffusers.registry import VRAM, load_registry

    try:
        entries = load_registry()
        if name not in entries:
            raise UserError(f"no model named {name!r} is registered")
        profiles = [v for v in VRAM if v != "auto"]  # auto is the GPU's own, known when the model loads
        sizes = [vram] if vram else profiles
        if any(v not in profiles for v in sizes):
            raise UserError(f"unknown vram profile {vram!r}: choose one of {', '.join(profiles)}")
        for v in sizes:
            typer.echo(plan_for(entries[name], float(v)).describe())
    except UserError as e:
        fail(str(e), 2)
