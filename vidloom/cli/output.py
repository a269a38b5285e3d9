"""What every command shows: one `error:` line with an exit code, and the progress of a running operation."""

from __future__ import annotations

import logging
import time

import typer

from ..errors import UserError

log = logging.getLogger("vidloom.cli")


def say_error(message: str) -> None:
    line = " ".join(str(message).split())
    if line[:1].isupper() and line[1:2].islower():
        line = line[0].lower() + line[1:]
    typer.echo(f"error: {line}", err=True)


def fail(message: str, code: int) -> None:
    """Print one `error:` line and exit with `code` (2: the request, 1: anything else)."""
    say_error(message)
    raise typer.Exit(code)


class _Notices(logging.Handler):
    """Keeps what is logged on "vidloom.notices" while the progress bar runs, to print after it."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def with_progress(call) -> None:
    """Run `call(progress)` under a Rich progress bar; print the time taken and the written files.

    UserError becomes one `error:` line with exit code 2, an OSError (missing weights, a full disk) exit 1,
    and any other error, a bug, exit 1 with its traceback logged.
    """
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
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

    notes = _Notices()  # what the engine drew otherwise than asked, one "note:" line each after the bar
    logging.getLogger("vidloom.notices").addHandler(notes)
    started = time.perf_counter()
    try:
        paths = call(on_progress)
    except UserError as e:
        stop()
        fail(str(e), 2)
    except OSError as e:  # missing weights, a full disk ...
        stop()
        fail(str(e), 1)
    except Exception as e:  # a bug: not the request's fault
        stop()
        log.exception("internal error")
        fail(f"internal error ({e.__class__.__name__}): {e}", 1)
    finally:
        logging.getLogger("vidloom.notices").removeHandler(notes)
    stop()
    for line in notes.lines:
        typer.echo(f"note: {line}", err=True)
    # the time taken (start of generation to MP4 on disk) and the written files, one per line
    typer.echo(f"generated in {time.perf_counter() - started:.2f} s", err=True)
    for path in paths:
        typer.echo(str(path))
