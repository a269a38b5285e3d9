"""The `vidloom` command line: argument parsing and display only; the work lives in vidloom.operations.

app (the Typer app and its command groups), output (errors, progress), options (shared options),
and one module per command group: generate, features, models, service.
"""

from .app import app

__all__ = ["app"]
