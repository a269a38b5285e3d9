"""`vidloom loras add | list | remove`: LoRAs for registered open-weight models (argument parsing only)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..errors import UserError
from .output import fail

commands = typer.Typer(
    help="LoRAs for open-weight models, by name (use with `generate --lora NAME:WEIGHT`).", no_args_is_help=True
)


@commands.command("add")
def add(
    name: Annotated[str, typer.Argument(help="The name to use with `vidloom generate --lora NAME:WEIGHT`.")],
    path: Annotated[str, typer.Option(help="A LoRA .safetensors file.")],
    model: Annotated[str, typer.Option("--for", help="The registered model it was made for.")],
    steps: Annotated[Optional[int], typer.Option(help="Sampler steps it runs best at (distilled: 4-8).")] = None,
    guidance: Annotated[Optional[float], typer.Option(help="Guidance it runs best at (distilled: 1).")] = None,
    shift: Annotated[Optional[float], typer.Option(help="Flow shift it runs best at.")] = None,
) -> None:
    """Register a LoRA file for a model; its layers are checked against the model now."""
    from ..engines.diffusers.loras import add_lora

    try:
        entry = add_lora(name, path, model, steps=steps, guidance=guidance, shift=shift)
    except UserError as e:
        fail(str(e), 2)
    typer.echo(f"added LoRA {entry.name} for {entry.model} ({entry.family}) from {entry.path}")


@commands.command("list")
def list_() -> None:
    """Every registered LoRA with its model and defaults."""
    from rich.console import Console
    from rich.table import Table

    from ..engines.diffusers.loras import load_loras

    try:
        entries = load_loras()
    except UserError as e:
        fail(str(e), 2)
    table = Table("name", "for", "path", "defaults")
    for e in entries.values():
        defaults = {"steps": e.steps, "guidance": e.guidance, "shift": e.shift}
        table.add_row(e.name, e.model, e.path, " ".join(f"{k}={v:g}" for k, v in defaults.items() if v is not None))
    Console(width=200).print(table)


@commands.command("remove")
def remove(name: Annotated[str, typer.Argument(help="A registered LoRA name.")]) -> None:
    """Forget a registered LoRA (its file is left as it is)."""
    from ..engines.diffusers.loras import remove_lora

    try:
        remove_lora(name)
    except UserError as e:
        fail(str(e), 2)
    typer.echo(f"removed LoRA {name}")


def with_loras(engine: str, specs: list[str]):
    """The engine name, or with `--lora NAME:W` options the loaded engine carrying those LoRAs."""
    if not specs:
        return engine
    from ..engines import catalog, get_engine
    from ..engines.diffusers.loras import WithLoras, parse_lora, resolve

    parsed = tuple(parse_lora(s) for s in specs)
    # An unknown LoRA, another model's or a weight out of range is refused from the registries alone: before
    # the model loads (seconds, minutes for real open weights), with what WithLoras would say once it had
    try:
        takes_loras = catalog.capabilities(engine).loras
    except UserError:
        takes_loras = False  # not an engine here: get_engine says so below
    if takes_loras:
        resolve(engine, parsed)
    try:
        loaded = get_engine(engine)
    except KeyError as e:
        raise UserError(str(e.args[0])) from None
    return WithLoras(loaded, parsed)
