"""`vidloom webhooks add | list | remove | log`: the operator's list of webhook endpoints."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from .output import fail
from .service import service_session

commands = typer.Typer(help="Manage webhook endpoints (video.completed, video.failed).", no_args_is_help=True)


@commands.command("add")
def add(
    url: Annotated[str, typer.Argument(help="The http(s) URL that receives the events.")],
    event: Annotated[
        Optional[list[str]], typer.Option("--event", help="video.completed or video.failed (repeat; default both).")
    ] = None,
    secret: Annotated[Optional[str], typer.Option(help="whsec_... secret to sign with (default: a new one).")] = None,
) -> None:
    """Add an endpoint and print its id and signing secret (the receiver's `webhooks.unwrap(..., secret=...)`)."""
    from ..service import webhooks as hooks

    try:
        with service_session() as s:
            endpoint = hooks.add_endpoint(s, url, event, secret)
            endpoint_id, key = endpoint.id, endpoint.secret
    except ValueError as e:
        fail(str(e), 2)
    typer.echo(f"{endpoint_id} {key}")


@commands.command("list")
def list_endpoints() -> None:
    """Every endpoint: id, URL and events (secrets are not shown again)."""
    from ..service import webhooks as hooks

    with service_session() as s:
        for e in hooks.endpoints(s):
            typer.echo(f"{e.id}  {e.url}  {','.join(e.events)}")


@commands.command("remove")
def remove(endpoint_id: Annotated[str, typer.Argument(help="The id `webhooks list` shows.")]) -> None:
    """Remove an endpoint (its pending deliveries are dropped)."""
    from ..service import webhooks as hooks

    with service_session() as s:
        if not hooks.remove_endpoint(s, endpoint_id):
            fail(f"no webhook endpoint with id {endpoint_id!r}", 2)
    typer.echo(f"removed {endpoint_id}")


@commands.command("log")
def log(limit: Annotated[int, typer.Option(help="How many of the newest deliveries.")] = 20) -> None:
    """The delivery log, newest first: id, event, status, attempts, last HTTP status or error."""
    from sqlalchemy import select

    from ..service.models import WebhookDelivery

    with service_session() as s:
        rows = s.scalars(select(WebhookDelivery).order_by(WebhookDelivery.created_at.desc()).limit(limit))
        for d in rows:
            typer.echo(
                f"{d.id}  {d.event_type}  {d.status}  attempts={d.attempts}  "
                f"{d.last_status_code or ''} {d.last_error or ''}".rstrip()
            )
