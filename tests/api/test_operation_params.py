"""Bad parameters of every operation are refused at submit: HTTP 400 naming the parameter, nothing queued,
nothing charged (the worker never sees them)."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from vidloom.service.models import Usage, User, Video

from ..service.helpers import wait_final

OVERLAP = [{"prompt": "a", "start": 0, "seconds": 3}, {"prompt": "b", "start": 2, "seconds": 2}]
BAD = {  # operation: (params, inputs, the parameter named, words of the message)
    "generate": ({"keep": 2}, {}, "keep", "less than or equal to 1"),
    "image_to_video": ({"frame": 1}, {}, "inputs.image", "needs the input 'image'"),
    "remix": ({"strength": "wild"}, {"source": "done"}, "strength", "unknown remix strength"),
    "blend": ({"curve": "zigzag"}, {"first": "done", "second": "done"}, "curve", "unknown blend curve"),
    "loop": ({"length": "forever"}, {}, "length", "unknown loop length"),
    "storyboard": ({"cards": OVERLAP}, {}, "cards", "cards 1 and 2 overlap"),
    "extend": ({"direction": "up"}, {"source": "done"}, "direction", "unknown direction"),
    "recut": ({"start": "soon"}, {"source": "done"}, "start", "valid number"),
    "long": ({"seconds": 12, "window": 2, "overlap": 3}, {}, "overlap", "must be shorter than the 2 s window"),
}


@pytest.fixture(scope="module")
def done(harness):
    """A finished video of the same user, for the operations that take one."""
    auth = harness.user("params@example.com", "pro")
    vid = harness.client.post("/v1/videos", json={"prompt": "an orange triangle falls", "model": "vidloom-mini", "seconds": "1"},
                              headers=auth).json()["id"]
    assert wait_final(harness.client, vid, auth)["status"] == "completed"
    return auth, vid


def _counts(harness, email):
    with harness.service.db.session() as s:
        user = s.scalar(select(User).where(User.email == email))
        videos = s.scalar(select(func.count()).select_from(Video).where(Video.user_id == user.id))
        charged = s.scalar(select(func.coalesce(func.sum(Usage.count), 0)).where(Usage.user_id == user.id))
        return videos, charged


@pytest.mark.parametrize("operation", list(BAD))
def test_bad_parameters_are_400_at_submit_with_nothing_queued_or_charged(harness, done, operation):
    auth, vid = done
    params, inputs, param, words = BAD[operation]
    before = _counts(harness, "params@example.com")
    r = harness.client.post(f"/v1/studio/{operation}", headers=auth, json={
        "prompt": "a red ball", "seconds": 1, "params": params, "inputs": {k: vid for k in inputs}})
    assert r.status_code == 400, r.text
    error = r.json()["error"]
    # the operation's parameters travel in the body's params: the error names them there
    assert words in error["message"] and error["param"] == (param if "." in param else f"params.{param}"), error
    assert _counts(harness, "params@example.com") == before


def test_unknown_parameters_and_server_keys_are_refused(harness, done):
    auth, _ = done
    r = harness.client.post("/v1/studio/generate", headers=auth, json={"prompt": "a ball", "params": {"colour": "red"}})
    assert r.status_code == 400 and r.json()["error"]["param"] == "params.colour"
    r = harness.client.post("/v1/studio/generate", headers=auth, json={"prompt": "a ball", "params": {"engine": "x"}})
    assert r.status_code == 400 and r.json()["error"]["param"] == "params.engine"


def test_a_video_input_where_an_image_belongs_is_refused(harness, done):
    auth, vid = done
    r = harness.client.post("/v1/studio/image_to_video", headers=auth,
                            json={"prompt": "a ball", "inputs": {"image": vid}})
    assert r.status_code == 400 and r.json()["error"]["param"] == "inputs.image"


@pytest.mark.parametrize("params,param,words", [
    ({"seconds": 12, "window": 20}, "params.window", "choose 0.5 to 16 s"),  # vidloom-mini's longest call
    ({"seconds": 20}, "params.seconds", "plus plan allows (16 s)"),  # the plan bounds a long video's length
])
def test_a_long_video_beyond_the_engine_or_the_plan_is_400_with_nothing_queued(harness, params, param, words):
    auth = harness.user(f"long-{param}@example.com", "plus")
    r = harness.client.post("/v1/studio/long", headers=auth, json={"prompt": "a red ball", "seconds": 1,
                                                                   "params": params})
    assert r.status_code == 400, r.text
    error = r.json()["error"]
    assert words in error["message"] and error["param"] == param, error
    assert _counts(harness, f"long-{param}@example.com") == (0, 0)
