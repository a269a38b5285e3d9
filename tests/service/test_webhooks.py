"""Webhooks: signatures the official SDK verifies, retries with back-off, a delivery log, no redirects followed."""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import openai
import pytest
from sqlalchemy import select

from vidloom.service import webhooks
from vidloom.service.db import Database, migrate
from vidloom.service.models import WebhookDelivery


class Receiver:
    """Loopback server answering each POST with the next status of `statuses` (the last one repeats)."""

    def __init__(self, statuses: list[int], location: str | None = None):
        self.hits: list[tuple[float, bytes, dict]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["content-length"]))
                outer.hits.append((time.time(), body, {k.lower(): v for k, v in self.headers.items()}))
                self.send_response(statuses[min(len(outer.hits), len(statuses)) - 1])
                if location:
                    self.send_header("location", location)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def db(tmp_path):
    url = f"sqlite:///{tmp_path / 'hooks.db'}"
    migrate(url)
    database = Database(url)
    yield database
    database.engine.dispose()


def deliver_until_settled(db: Database, backoff: float, max_attempts: int, timeout: float = 20) -> list[WebhookDelivery]:
    deadline = time.time() + timeout
    while time.time() < deadline:
        webhooks.deliver_due(db.sessions, timeout=5, max_attempts=max_attempts, backoff=backoff)
        with db.sessions() as s:
            rows = list(s.scalars(select(WebhookDelivery)))
        if rows and all(r.status != "pending" for r in rows):
            return rows
        time.sleep(0.05)
    raise AssertionError("deliveries did not settle")


def test_signature_verifies_with_the_sdk():
    secret = webhooks.new_secret()
    delivery = WebhookDelivery(id="wh_1", body='{"id":"evt_1","object":"event","type":"video.completed","data":{"id":"video_1"}}')
    headers = webhooks.signed_headers(delivery, secret, int(time.time()))
    sdk = openai.OpenAI(api_key="unused")
    sdk.webhooks.verify_signature(delivery.body, headers, secret=secret)
    with pytest.raises(openai.InvalidWebhookSignatureError):
        sdk.webhooks.verify_signature(delivery.body, headers, secret=webhooks.new_secret())


def test_failed_deliveries_are_retried_with_back_off_and_logged(db):
    receiver = Receiver([500, 503, 200])
    with db.session() as s:
        endpoint = webhooks.add_endpoint(s, receiver.url)
        secret = endpoint.secret
        webhooks.enqueue(s, "video.completed", "video_abc")
    [row] = deliver_until_settled(db, backoff=0.3, max_attempts=5)
    assert (row.status, row.attempts, row.last_status_code, row.last_error) == ("delivered", 3, 200, None)
    times = [t for t, _, _ in receiver.hits]
    assert times[1] - times[0] >= 0.3 and times[2] - times[1] >= 0.6  # doubling back-off
    bodies = {body for _, body, _ in receiver.hits}
    assert len(bodies) == 1 and json.loads(bodies.pop())["data"] == {"id": "video_abc"}
    assert {h["webhook-id"] for _, _, h in receiver.hits} == {row.id}  # one id across retries: receivers dedupe
    _, body, headers = receiver.hits[-1]
    event = openai.OpenAI(api_key="unused").webhooks.unwrap(body, headers, secret=secret)
    assert event.type == "video.completed"


def test_a_receiver_that_keeps_failing_is_given_up_on(db):
    receiver = Receiver([500])
    with db.session() as s:
        webhooks.add_endpoint(s, receiver.url, ["video.failed"])
        webhooks.enqueue(s, "video.completed", "video_x")  # not subscribed: nothing queued
        webhooks.enqueue(s, "video.failed", "video_y")
    [row] = deliver_until_settled(db, backoff=0.05, max_attempts=3)
    assert (row.status, row.attempts, row.event_type) == ("failed", 3, "video.failed")
    assert "500" in row.last_error and len(receiver.hits) == 3


def test_redirects_are_not_followed(db):
    elsewhere = Receiver([200])
    redirecting = Receiver([307], location=elsewhere.url)
    with db.session() as s:
        webhooks.add_endpoint(s, redirecting.url)
        webhooks.enqueue(s, "video.failed", "video_z")
    [row] = deliver_until_settled(db, backoff=0.05, max_attempts=2)
    assert row.status == "failed" and row.last_status_code == 307
    assert elsewhere.hits == []  # only the address the operator named was ever contacted


def test_endpoint_checks(db):
    with db.session() as s:
        for url, events, secret in (("ftp://host/x", None, None), ("http:///nohost", None, None),
                                    ("https://ok.example/x", ["video.deleted"], None),
                                    ("https://ok.example/x", None, "whsec_short")):
            with pytest.raises(ValueError):
                webhooks.add_endpoint(s, url, events, secret)
        assert webhooks.endpoints(s) == []


def test_cli_adds_lists_and_removes_endpoints(tmp_path):
    from .helpers import cli, service_env

    env = service_env(tmp_path)
    added = cli(env, "webhooks", "add", "https://hooks.example/vidloom", "--event", "video.failed")
    assert added.returncode == 0, added.stderr
    endpoint_id, secret = added.stdout.split()
    assert secret.startswith("whsec_")
    listed = cli(env, "webhooks", "list").stdout
    assert endpoint_id in listed and "video.failed" in listed and secret not in listed
    bad = cli(env, "webhooks", "add", "file:///etc/passwd")
    assert bad.returncode == 2 and bad.stderr.startswith("error: ")
    assert cli(env, "webhooks", "remove", endpoint_id).returncode == 0
    assert cli(env, "webhooks", "list").stdout.strip() == ""
    assert cli(env, "webhooks", "remove", endpoint_id).returncode == 2
