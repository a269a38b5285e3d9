"""The `vidloom` Typer app: usage errors as one `error:` line, and every command group added once."""

from __future__ import annotations

import sys

import typer
from typer.exceptions import TyperException

from . import features, generate, loras, models, service, webhooks
from .output import say_error


class _App(typer.Typer):
    """A Typer app whose usage errors are one `error: ...` line on stderr (exit code 2)."""

    def __call__(self, *args, **kwargs):
        kwargs["standalone_mode"] = False
        try:
            rv = super().__call__(*args, **kwargs)
        except TyperException as e:  # a usage error: bad or missing arguments
            if type(e).__name__ != "NoArgsIsHelpError":  # that one has printed the help already
                say_error(e.format_message())
            sys.exit(e.exit_code)
        except typer.Abort:
            say_error("interrupted")
            sys.exit(130)
        sys.exit(rv if isinstance(rv, int) else 0)


app = _App(
    name="vidloom",
    help="vidloom: turn text into video on your own machine.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


@app.callback()
def _main() -> None:
    """vidloom: turn text into video on your own machine."""


app.add_typer(generate.commands)
app.add_typer(features.commands)
app.add_typer(models.commands, name="models")
app.add_typer(loras.commands, name="loras")
app.add_typer(service.commands)
app.add_typer(service.keys, name="keys")
app.add_typer(service.users, name="users")
app.add_typer(webhooks.commands, name="webhooks")
