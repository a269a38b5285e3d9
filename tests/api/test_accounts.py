"""Sign-up and log-in under attack: enumeration, weak passwords, guessing, mass sign-up, invites, dead sessions."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from vidloom.api import create_app
from vidloom.service import accounts
from vidloom.service.settings import Settings

STRONG = "correct horse battery"


def _app(tmp_path, **overrides):
    settings = Settings(home=tmp_path, steps=2, cookie_secure=False, embedded_worker=False, **overrides)
    return TestClient(create_app(settings))


def test_sign_up_answers_the_same_for_an_existing_email_and_refuses_weak_passwords(tmp_path):
    with _app(tmp_path) as client:
        new = client.post("/v1/auth/signup", json={"email": "dana@example.com", "password": STRONG})
        again = client.post("/v1/auth/signup", json={"email": "Dana@example.com", "password": "other horse battery"})
        assert new.status_code == again.status_code == 200
        assert new.json() == again.json() and "set-cookie" not in new.headers
        # the second sign-up changed nothing: the first password still signs in, the second does not
        assert client.post("/v1/auth/login", json={"email": "dana@example.com", "password": STRONG}).status_code == 200
        assert client.post("/v1/auth/login", json={"email": "dana@example.com",
                                                   "password": "other horse battery"}).status_code == 401
        for weak in ("password", "password1", "qwertyuiop", "erin@example.com", "short"):
            r = client.post("/v1/auth/signup", json={"email": "erin@example.com", "password": weak})
            assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_account", weak
            assert "password" in r.json()["error"]["message"]
        assert client.post("/v1/auth/login", json={"email": "erin@example.com", "password": "password"}).status_code == 401


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request):
    """None (the embedded SQLite file) or a throwaway PostgreSQL: the throttle counts in either."""
    if request.param == "sqlite":
        yield None
        return
    from tests.service.servers import postgres_server

    with postgres_server() as url:
        yield url


def test_log_in_is_throttled_per_account_even_with_the_right_password(tmp_path, database_url):
    with _app(tmp_path, login_failures_per_account=5, login_lockout_seconds=600, database_url=database_url) as client:
        client.post("/v1/auth/signup", json={"email": "finn@example.com", "password": STRONG})
        for _ in range(5):
            assert client.post("/v1/auth/login", json={"email": "finn@example.com", "password": "guess"}).status_code == 401
        r = client.post("/v1/auth/login", json={"email": "finn@example.com", "password": STRONG})
        assert r.status_code == 429 and r.json()["error"]["type"] == "rate_limit_error"
        assert 500 <= int(r.headers["retry-after"]) <= 601
        # another account from the same address is not locked by finn's failures
        client.post("/v1/auth/signup", json={"email": "gail@example.com", "password": STRONG})
        assert client.post("/v1/auth/login", json={"email": "gail@example.com", "password": STRONG}).status_code == 200


def test_log_in_is_throttled_per_address_across_accounts(tmp_path):
    with _app(tmp_path, login_failures_per_address=6, login_failures_per_account=100) as client:
        client.post("/v1/auth/signup", json={"email": "hal@example.com", "password": STRONG})
        for n in range(6):  # spraying many accounts from one address
            assert client.post("/v1/auth/login", json={"email": f"u{n}@example.com", "password": STRONG}).status_code == 401
        r = client.post("/v1/auth/login", json={"email": "hal@example.com", "password": STRONG})
        assert r.status_code == 429 and int(r.headers["retry-after"]) > 0


def test_sign_ups_per_address_are_limited(tmp_path):
    with _app(tmp_path, signups_per_address=3) as client:
        for n in range(3):
            assert client.post("/v1/auth/signup", json={"email": f"m{n}@example.com", "password": STRONG}).status_code == 200
        r = client.post("/v1/auth/signup", json={"email": "m9@example.com", "password": STRONG})
        assert r.status_code == 429 and int(r.headers["retry-after"]) > 0
        assert client.post("/v1/auth/login", json={"email": "m9@example.com", "password": STRONG}).status_code == 401


def test_invite_only_sign_up_needs_an_unused_code(tmp_path):
    with _app(tmp_path, signup="invite") as client:
        r = client.post("/v1/auth/signup", json={"email": "ivy@example.com", "password": STRONG})
        assert r.status_code == 400 and "invite" in r.json()["error"]["message"]
        with client.app.state.service.db.session() as s:
            code = accounts.create_invite(s)
        ok = client.post("/v1/auth/signup", json={"email": "ivy@example.com", "password": STRONG, "invite": code})
        assert ok.status_code == 200
        assert client.post("/v1/auth/login", json={"email": "ivy@example.com", "password": STRONG}).status_code == 200
        reused = client.post("/v1/auth/signup", json={"email": "jo@example.com", "password": STRONG, "invite": code})
        assert reused.status_code == 400


def test_a_session_of_a_deleted_user_gets_401(tmp_path):
    with _app(tmp_path) as client:
        client.post("/v1/auth/signup", json={"email": "kim@example.com", "password": STRONG})
        assert client.post("/v1/auth/login", json={"email": "kim@example.com", "password": STRONG}).status_code == 200
        # the operator removes the row by hand (sqlite3 has foreign keys off by default): the session row stays
        with client.app.state.service.db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.execute(text("delete from users where email = 'kim@example.com'"))
            conn.commit()
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
        r = client.get("/v1/me")
        assert r.status_code == 401 and r.json()["error"]["code"] == "missing_credentials"


def test_the_operator_makes_invite_codes_from_the_command_line(tmp_path):
    from tests.service.helpers import cli, service_env

    env = service_env(tmp_path, VIDLOOM_SIGNUP="invite")
    made = cli(env, "keys", "invite")
    assert made.returncode == 0, made.stderr
    code = made.stdout.split()[-1]
    with _app(tmp_path, signup="invite") as client:
        r = client.post("/v1/auth/signup", json={"email": "lee@example.com", "password": STRONG, "invite": code})
        assert r.status_code == 200, r.text
