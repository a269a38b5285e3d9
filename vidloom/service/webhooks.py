"""Webhooks: operator-named endpoints get `video.completed` / `video.failed`, signed as OpenAI signs them.

Signing follows Standard Webhooks, as the `openai` SDK's `webhooks.unwrap` checks it: headers
`webhook-id`, `webhook-timestamp` and `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`,
keyed with the base64-decoded part of the `whsec_...` secret.

The job state code calls `enqueue` inside the transaction that ends the job, so an event exists
exactly when the job ended (an outbox); `deliver_due` (run by the API process) sends due deliveries,
retries failures with doubling back-off and records every attempt on the delivery row.
Deliveries go only to URLs the operator added, and redirects are not followed.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from urllib.parse import urlsplit

import httpx
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from .models import WebhookDelivery, WebhookEndpoint, new_id

EVENTS = ("video.completed", "video.failed")


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def check_url(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"webhook URL {url!r} must be an http:// or https:// URL with a host")
    return url.strip()


def add_endpoint(db: Session, url: str, events: list[str] | None = None, secret: str | None = None) -> WebhookEndpoint:
    """Register an endpoint (ValueError for a bad URL, event or secret); commit is the caller's."""
    events = list(events or EVENTS)
    unknown = sorted(set(events) - set(EVENTS))
    if unknown:
        raise ValueError(f"unknown webhook event {unknown[0]!r}: choose from {', '.join(EVENTS)}")
    if secret is not None:
        try:
            ok = secret.startswith("whsec_") and len(base64.b64decode(secret[6:], validate=True)) >= 16
        except ValueError:
            ok = False
        if not ok:
            raise ValueError("a webhook secret is whsec_ followed by at least 16 bytes in base64")
    endpoint = WebhookEndpoint(url=check_url(url), events=events, secret=secret or new_secret())
    db.add(endpoint)
    db.flush()
    return endpoint


def remove_endpoint(db: Session, endpoint_id: str) -> bool:
    endpoint = db.get(WebhookEndpoint, endpoint_id)
    if endpoint is None:
        return False
    db.delete(endpoint)
    db.flush()
    return True


def endpoints(db: Session) -> list[WebhookEndpoint]:
    return list(db.scalars(select(WebhookEndpoint).order_by(WebhookEndpoint.created_at)))


def enqueue(db: Session, event_type: str, video_id: str) -> None:
    """Queue `event_type` about `video_id` for every endpoint that wants it (in the caller's transaction)."""
    targets = [e for e in endpoints(db) if event_type in e.events]
    if not targets:
        return
    event_id = new_id("evt")
    body = json.dumps({"id": event_id, "object": "event", "created_at": int(time.time()), "type": event_type,
                       "data": {"id": video_id}}, separators=(",", ":"))
    for endpoint in targets:
        db.add(WebhookDelivery(endpoint_id=endpoint.id, event_id=event_id, event_type=event_type, body=body))
    db.flush()


def sign(secret: str, webhook_id: str, timestamp: int, body: str) -> str:
    """The `webhook-signature` value: v1,<base64 HMAC-SHA256 over "id.timestamp.body">."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    digest = hmac.new(key, f"{webhook_id}.{timestamp}.{body}".encode(), hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signed_headers(delivery: WebhookDelivery, secret: str, timestamp: int) -> dict[str, str]:
    return {"content-type": "application/json", "user-agent": "vidloom-webhooks",
            "webhook-id": delivery.id, "webhook-timestamp": str(timestamp),
            "webhook-signature": sign(secret, delivery.id, timestamp, delivery.body)}


def _claim(db: Session, lease: float, limit: int) -> list[WebhookDelivery]:
    """Due deliveries, each taken by one conditional UPDATE (pushing its next attempt past the lease),
    so two API processes never send the same attempt."""
    now = time.time()
    due = db.execute(select(WebhookDelivery.id, WebhookDelivery.next_attempt_at).where(
        WebhookDelivery.status == "pending", WebhookDelivery.next_attempt_at <= now)
        .order_by(WebhookDelivery.next_attempt_at).limit(limit)).all()
    won = []
    for delivery_id, at in due:
        taken = db.execute(update(WebhookDelivery).where(WebhookDelivery.id == delivery_id,
                                                         WebhookDelivery.next_attempt_at == at)
                           .values(next_attempt_at=now + lease)).rowcount == 1
        db.commit()
        if taken:
            won.append(delivery_id)
    return [db.get(WebhookDelivery, i) for i in won]


def deliver_due(sessions, timeout: float, max_attempts: int, backoff: float, limit: int = 20) -> int:
    """Send every due delivery once; returns how many were attempted. `sessions` makes database sessions."""
    with sessions() as db:
        claimed = _claim(db, lease=timeout * 2 + 5, limit=limit)
        jobs = [(d, db.get(WebhookEndpoint, d.endpoint_id)) for d in claimed]
    if not jobs:
        return 0
    with httpx.Client(timeout=timeout, follow_redirects=False) as client:
        for delivery, endpoint in jobs:
            status, error = None, None
            if endpoint is None:
                error = "the endpoint was removed"
            else:
                try:
                    r = client.post(endpoint.url, content=delivery.body.encode(),
                                    headers=signed_headers(delivery, endpoint.secret, int(time.time())))
                    status = r.status_code
                    if not 200 <= status < 300:
                        error = f"the receiver answered {status}"
                except httpx.HTTPError as e:
                    error = f"{e.__class__.__name__}: {e}"
            _record(sessions, delivery, status, error, max_attempts, backoff)
    return len(jobs)


def _record(sessions, delivery: WebhookDelivery, status: int | None, error: str | None, max_attempts: int,
            backoff: float) -> None:
    attempts = delivery.attempts + 1
    now = time.time()
    if error is None:
        values = dict(status="delivered", delivered_at=now)
    elif attempts >= max_attempts:
        values = dict(status="failed")
    else:
        values = dict(next_attempt_at=now + backoff * 2 ** (attempts - 1))
    with sessions() as db:
        db.execute(update(WebhookDelivery).where(WebhookDelivery.id == delivery.id).values(
            attempts=attempts, last_status_code=status, last_error=error, **values))
        db.commit()
