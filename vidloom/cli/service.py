"""`vidloom serve | worker | keys create | verify`: the service's commands."""

from __future__ import annotations

from contextlib import contextmanager

from pathlib import Path
from typing import Annotated, Iterator, Optional

import typer

from .output import fail

commands = typer.Typer()
keys = typer.Typer(help="Manage users and API keys.", no_args_is_help=True)
users = typer.Typer(help="Manage users' plans (the studio's upgrade message names this).", no_args_is_help=True)


def _need_service() -> None:
    """One error line when the [service] extra is not installed (`pip install vidloom` is the CLI alone)."""
    try:
        import c2pa  # noqa: F401
        import fastapi  # noqa: F401
        import sqlalchemy  # noqa: F401
    except ImportError as e:
        fail(f"the service needs the [service] extra ({e.name} is missing): pip install 'vidloom[service]'", 1)


@contextmanager
def service_session() -> Iterator:
    """A database session of the service's settings (migrated first), closed with its engine."""
    _need_service()
    from ..service.db import Database, migrate
    from ..service.settings import get_settings

    settings = get_settings()
    migrate(settings.db_url)
    db = Database(settings.db_url)
    try:
        with db.session() as s:
            yield s
    finally:
        db.engine.dispose()


@commands.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    processes: Annotated[
        Optional[int],
        typer.Option(
            min=1,
            max=64,
            help=(
                "API processes serving requests (each takes a core under load; the job worker still runs once)."
                " Default: one per core, at most 4."
            ),
        ),
    ] = None,
) -> None:
    """Run the whole service: API, database, storage and a worker process (unless a broker is set)."""
    _need_service()
    import uvicorn

    from ..api import create_app
    from ..service.settings import get_settings

    settings = get_settings()
    if processes is None:
        from ..service.processes import default_processes

        processes = default_processes()
    typer.echo(
        f"vidloom serving on http://{host}:{port} (state in {settings.resolved_home()}"
        f"{f', {processes} API processes' if processes > 1 else ''})",
        err=True,
    )
    if processes > 1:
        from ..service.processes import serve_processes

        serve_processes(settings, host, port, processes)
    else:
        uvicorn.run(create_app(settings, process_wide=True), host=host, port=port, log_level="warning")


@commands.command()
def worker(
    concurrency: Annotated[int, typer.Option(help="Jobs run at once by this worker.")] = 1,
    name: Annotated[str, typer.Option(help="Celery node name, unique per worker.")] = "vidloom@%h",
) -> None:
    """Run a Celery worker for the scale-out setup (needs VIDLOOM_BROKER_URL and VIDLOOM_DATABASE_URL)."""
    _need_service()
    from ..service.celery_app import make_celery
    from ..service.settings import get_settings

    settings = get_settings()
    if not settings.broker_url:
        fail("set VIDLOOM_BROKER_URL (e.g. redis://localhost:6379/0) to run workers", 2)
    make_celery(settings).worker_main(
        [
            "worker",
            "--loglevel=INFO",
            f"--concurrency={concurrency}",
            f"--hostname={name}",
            "--pool=prefork",
            "--without-gossip",
            "--without-mingle",
        ]
    )


@keys.command("create")
def create_key(
    user: Annotated[str, typer.Option("--user", help="Email of the user (created if new).")],
    plan: Annotated[str, typer.Option(help="plus or pro.")] = "plus",
) -> None:
    """Create (or update) a user and print a new API key as the last word."""
    from ..service import accounts

    try:
        with service_session() as s:
            account = accounts.get_or_create_user(s, user, plan)
            key = accounts.create_key(s, account)
            email, chosen = account.email, account.plan
    except ValueError as e:
        fail(str(e), 2)
    typer.echo(f"API key for {email} ({chosen} plan), shown only once: {key}")


@keys.command("invite")
def invite() -> None:
    """Print a one-time sign-up code (for VIDLOOM_SIGNUP=invite) as the last word."""
    from ..service import accounts

    with service_session() as s:
        code = accounts.create_invite(s)
    typer.echo(f"invite code, shown only once: {code}")


@commands.command()
def verify(
    file: Annotated[Path, typer.Argument(help="An MP4 made by vidloom.")],
    trust: Annotated[
        Optional[Path],
        typer.Option(
            help="PEM file of trusted root certificates (default: this install's root plus the trust folder's)."
        ),
    ] = None,
) -> None:
    """Read and check the C2PA manifest of a file: exit 0 only when it is intact and signed by a chain this
    install trusts, 1 when not (tampered, or signed by an unknown party)."""
    _need_service()
    from ..media.provenance import trust_anchors
    from ..media.provenance import verify as check
    from ..service.settings import get_settings

    if not file.is_file():
        fail(f"no file at {file}", 2)
    if trust is not None and not trust.is_file():
        fail(f"no trust file at {trust}", 2)
    settings = get_settings()
    anchors = trust.read_text() if trust else trust_anchors(settings.signing_path, settings.trust_path)
    try:
        result = check(file, anchors)
    except ValueError as e:
        fail(str(e), 2)
    if not result.has_manifest:
        fail(f"{file} has no C2PA manifest", 1)
    g = result.generation
    typer.echo(f"signed by: {result.signer}")
    typer.echo(f"generator: {g.get('generator')}  model: {g.get('engine')} {g.get('engine_version', '')}".rstrip())
    typer.echo(f"operation: {g.get('operation')}  prompt: {g.get('prompt')!r}")
    for ingredient in result.ingredients:
        typer.echo(f"made from: {ingredient['title']}")
    typer.echo(f"state: {result.state}" + (" (trusted root)" if result.trusted else ""))
    for problem in result.problems:
        typer.echo(f"  {problem}")
    if not result.intact:
        fail(f"{file} fails C2PA validation: {'; '.join(result.problems)}", 1)
    if not result.trusted:
        fail(
            f"{file} is signed by an unknown party ({result.signer}): its chain ends at no root this install "
            f"trusts (add the root's PEM to {settings.trust_path} to trust it)",
            1,
        )
    typer.echo("verdict: valid")


@users.command("plan")
def set_plan(
    email: Annotated[str, typer.Argument(help="Email of an existing user.")],
    plan: Annotated[str, typer.Argument(help="plus or pro.")],
) -> None:
    """Move a user to another plan, from now on (their queued jobs too)."""
    from ..service import accounts
    from ..service.plans import get_plan

    try:
        with service_session() as s:
            account = accounts.set_plan(s, email, plan)
            email, chosen = account.email, get_plan(account.plan)
    except ValueError as e:
        fail(str(e), 2)
    typer.echo(
        f"{email} is now on the {chosen.name} plan: {chosen.monthly_videos} videos a month, "
        f"{chosen.concurrent_jobs} at once"
    )
