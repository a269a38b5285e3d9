"""Request bodies refuse what only looks like a value: blank or NUL prompts, `seconds: true`, foreign digits."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("prompt", ["   ", "\t\n  ", "\u200b\u200b", "a red\x00 ball", "a red ball\x1b[2J"])
def test_blank_or_control_character_prompts_are_refused(harness, prompt):
    auth = harness.user(f"p{abs(hash(prompt))}@example.com")
    for path, body in (("/v1/videos", {"prompt": prompt, "model": "vidloom-mini", "seconds": "1"}),
                       ("/v1/studio/generate", {"prompt": prompt, "seconds": 1})):
        r = harness.client.post(path, json=body, headers=auth)
        assert r.status_code == 400, (path, r.text)
        assert r.json()["error"]["param"] == "prompt"
    form = harness.client.post("/v1/videos", files={"prompt": (None, prompt), "model": (None, "vidloom-mini"), "seconds": (None, "1")}, headers=auth)
    assert form.status_code == 400 and form.json()["error"]["param"] == "prompt", form.text


@pytest.mark.parametrize("seconds", [True, False, "\u0664", "\uff14", "\u0968", "4e0", "0x4", " ", [4]])
def test_seconds_must_be_a_plain_number(harness, seconds):
    auth = harness.user(f"s{abs(hash(str(seconds)))}@example.com")
    r = harness.client.post("/v1/videos", json={"prompt": "a red ball", "model": "vidloom-mini", "seconds": seconds},
                            headers=auth)
    assert r.status_code == 400, r.text
    assert r.json()["error"]["param"].startswith("seconds")
    assert harness.client.get("/v1/videos", headers=auth).json()["data"] == []


def test_plain_seconds_still_work(harness):
    auth = harness.user("plain-seconds@example.com")
    for seconds in ("1", 1, " 2 "):
        r = harness.client.post("/v1/videos", json={"prompt": "a red ball", "model": "vidloom-mini", "seconds": seconds},
                                headers=auth)
        assert r.status_code == 200, r.text
        harness.client.post(f"/v1/videos/{r.json()['id']}/cancel", headers=auth)
