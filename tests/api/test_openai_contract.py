"""OpenAI's exact contract under sora-* names: each invalid parameter gets OpenAI's type, code and param,
and nothing is stored, queued or charged. vidloom's own model names keep their wider ranges."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from vidloom.api import create_app
from vidloom.api.errors import APIError
from vidloom.api.openai_contract import check_create
from vidloom.api.references import public_address
from vidloom.service import accounts
from vidloom.service.models import File, Usage, Video
from vidloom.service.settings import Settings
from ..geometry import native_size

P = "a red ball bounces on grass"
BAD = "invalid_request_error"
# case -> (request kwargs, status, error type, code, param)
CASES = {
    "seconds as an integer": ({"json": {"prompt": P, "seconds": 4}}, 400, BAD, "invalid_type", "seconds"),
    "seconds not offered": ({"json": {"prompt": P, "seconds": "5"}}, 400, BAD, "invalid_value", "seconds"),
    "seconds of an extension": ({"json": {"prompt": P, "seconds": "16"}}, 400, BAD, "invalid_value", "seconds"),
    "sora-2 with a pro size": ({"json": {"prompt": P, "size": "1792x1024"}}, 400, BAD, "invalid_value", "size"),
    "snapshot with a pro size": ({"json": {"prompt": P, "model": "sora-2-2025-12-08", "size": "1024x1792"}}, 400, BAD,
                                 "invalid_value", "size"),
    "native size under sora": ({"json": {"prompt": P, "size": native_size()}}, 400, BAD, "invalid_value", "size"),
    "size as a number": ({"json": {"prompt": P, "size": 1280}}, 400, BAD, "invalid_type", "size"),
    "misspelt parameter": ({"json": {"prompt": P, "duration": "8"}}, 400, BAD, "unknown_parameter", "duration"),
    "seed under sora": ({"json": {"prompt": P, "seed": 3}}, 400, BAD, "unknown_parameter", "seed"),
    "unknown under vidloom-mini": ({"json": {"prompt": P, "model": "vidloom-mini", "duration": 3}}, 400, BAD,
                                   "unknown_parameter", "duration"),
    "prompt too long": ({"json": {"prompt": "a" * 32001}}, 400, BAD, "string_above_max_length", "prompt"),
    "prompt missing": ({"json": {"seconds": "4"}}, 400, BAD, "missing_required_parameter", "prompt"),
    "prompt a number": ({"json": {"prompt": 7}}, 400, BAD, "invalid_type", "prompt"),
    "blank prompt": ({"json": {"prompt": "   "}}, 400, BAD, "empty_string", "prompt"),
    "model a number": ({"json": {"prompt": P, "model": 2}}, 400, BAD, "invalid_type", "model"),
    "blocked prompt": ({"json": {"prompt": "a naked person dancing"}}, 400, BAD, "moderation_blocked", "prompt"),
    "input_reference a string": ({"json": {"prompt": P, "input_reference": "file-123"}}, 400, BAD, "invalid_type",
                                 "input_reference"),
    "input_reference unknown key": ({"json": {"prompt": P, "input_reference": {"url": "x"}}}, 400, BAD,
                                    "unknown_parameter", "input_reference.url"),
    "unknown file_id": ({"json": {"prompt": P, "input_reference": {"file_id": "file-nope"}}}, 400, BAD,
                        "invalid_value", "input_reference.file_id"),
    "bad data URL": ({"json": {"prompt": P, "input_reference": {"image_url": "data:image/png;base64,@@@"}}}, 400, BAD,
                     "invalid_value", "input_reference.image_url"),
    "remote URL not allowed": ({"json": {"prompt": P, "input_reference": {"image_url": "https://example.com/a.png"}}},
                               400, BAD, "invalid_value", "input_reference.image_url"),
    "data URL not an image": ({"json": {"prompt": P, "input_reference": {"image_url": "data:image/png;base64,aGVsbG8="}}},
                              400, BAD, "invalid_input_reference", "input_reference"),
    "multipart text reference": ({"files": {"prompt": (None, P), "input_reference": (None, "file-123")}}, 400, BAD,
                                 "invalid_type", "input_reference"),
    "multipart second file": ({"files": {"prompt": (None, P), "mask": ("m.png", b"x", "image/png")}}, 400, BAD,
                              "invalid_type", "mask"),
    "multipart misspelt": ({"data": {"prompt": P, "secs": "4"}, "files": {"input_reference": ("a.png", b"x", "image/png")}},
                           400, BAD, "unknown_parameter", "secs"),
    "list limit a word": ({"method": "GET", "url": "/v1/videos?limit=many"}, 400, BAD, "invalid_type", "limit"),
    "unknown model name": ({"json": {"prompt": P, "model": "sora-3"}}, 400, BAD, "invalid_model", "model"),
}


@pytest.fixture(scope="module")
def auth(harness):
    return harness.user("contract@example.com", "pro")


@pytest.mark.parametrize("case", list(CASES))
def test_invalid_parameters_get_openai_errors(harness, auth, case):
    kwargs, status, kind, code, param = CASES[case]
    kwargs = dict(kwargs)
    r = harness.client.request(kwargs.pop("method", "POST"), kwargs.pop("url", "/v1/videos"), headers=auth, **kwargs)
    assert r.status_code == status, r.text
    error = r.json()["error"]
    assert (error["type"], error["code"], error["param"]) == (kind, code, param), error
    assert error["message"] and r.headers["x-request-id"].startswith("req_")


def test_nothing_was_stored_or_charged(harness, auth):
    for case in CASES:
        test_invalid_parameters_get_openai_errors(harness, auth, case)
    with harness.service.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Video)) == 0
        assert s.scalar(select(func.count()).select_from(Usage)) == 0
    assert harness.service.storage.keys() == []
    assert list(harness.settings.work_dir.glob("*")) == []


def test_what_the_contract_accepts():
    check_create({"prompt": "a" * 32000, "model": "sora-2-pro-2025-10-06", "seconds": "12", "size": "1792x1024"})
    check_create({"prompt": P, "model": "sora-2-2025-10-06", "seconds": "8", "size": "720x1280",
                  "input_reference": None} | {})
    check_create({"prompt": P, "model": "vidloom-mini", "seconds": 3, "size": native_size(), "seed": 5})  # extensions


def test_limit_zero_is_the_default_page(harness, auth):
    r = harness.client.get("/v1/videos?limit=0", headers=auth)
    assert r.status_code == 200 and r.json()["object"] == "list"


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "10.1.2.3", "192.168.0.9", "169.254.169.254", "::1",
                                  "::ffff:127.0.0.1", "100.64.0.1", "0.0.0.0"])
def test_remote_references_never_reach_local_or_private_addresses(host):
    with pytest.raises(APIError) as e:
        public_address(host, 80)
    assert e.value.param == "input_reference.image_url"


def test_remote_references_when_allowed_still_refuse_loopback(tmp_path):
    settings = Settings(home=tmp_path, steps=2, cookie_secure=False, remote_references=True, embedded_worker=False)
    with TestClient(create_app(settings)) as client:
        with client.app.state.service.db.session() as s:
            auth = {"Authorization": f"Bearer {accounts.create_key(s, accounts.create_user(s, 'r@example.com', 'pro'))}"}
        r = client.post("/v1/videos", headers=auth, json={"prompt": P, "input_reference": {
            "image_url": f"http://localhost:{client.app.state.service.settings.fps}/x.png"}})
        assert r.status_code == 400 and "private or local" in r.json()["error"]["message"]
        with client.app.state.service.db.session() as s:
            assert s.scalar(select(func.count()).select_from(Video)) == 0
            assert s.scalar(select(func.count()).select_from(File)) == 0


def test_remix_follows_the_source_models_contract(tmp_path):
    settings = Settings(home=tmp_path, steps=2, cookie_secure=False, embedded_worker=False)  # jobs stay queued
    with TestClient(create_app(settings)) as client:
        with client.app.state.service.db.session() as s:
            auth = {"Authorization": f"Bearer {accounts.create_key(s, accounts.create_user(s, 'rx@example.com', 'pro'))}"}
        sora = client.post("/v1/videos", headers=auth, json={"prompt": P}).json()["id"]
        mini = client.post("/v1/videos", headers=auth, json={"prompt": P, "model": "vidloom-mini", "seconds": "1"}).json()["id"]
        for vid, body, code, param in ((sora, {"prompt": P, "strength": "mild"}, "unknown_parameter", "strength"),
                                       (sora, {"prompt": P, "sconds": "4"}, "unknown_parameter", "sconds"),
                                       (sora, {"prompt": "x" * 32001}, "string_above_max_length", "prompt"),
                                       (mini, {"prompt": P, "strength": "mild"}, "video_not_ready", "video_id")):
            r = client.post(f"/v1/videos/{vid}/remix", headers=auth, json=body)
            assert r.status_code == 400 and (r.json()["error"]["code"], r.json()["error"]["param"]) == (code, param), r.text
