"""Plans over HTTP: 429 with x-ratelimit-* headers, refunds for refused/cancelled jobs, progress events."""
from __future__ import annotations

import json

from vidloom.service import jobs
from vidloom.service.models import Usage, User
from vidloom.service.plans import period

from ..service.helpers import wait_final


def usage(harness, auth) -> dict:
    return harness.client.get("/v1/usage", headers=auth).json()


def test_over_the_monthly_quota_is_429_with_ratelimit_headers(harness):
    auth = harness.user("quota@example.com", "plus")
    with harness.service.db.session() as s:
        user = s.query(User).filter_by(email="quota@example.com").one()
        s.add(Usage(user_id=user.id, period=period(), count=50))
    r = harness.client.post("/v1/videos", json={"prompt": "a red ball", "model": "vidloom-mini", "seconds": "1"}, headers=auth)
    assert r.status_code == 429, r.text
    assert r.json()["error"]["code"] == "insufficient_quota" and r.json()["error"]["type"] == "insufficient_quota"
    assert r.headers["x-ratelimit-limit-videos"] == "50" and r.headers["x-ratelimit-remaining-videos"] == "0"
    assert "x-ratelimit-reset-videos" in r.headers and int(r.headers["retry-after"]) > 0
    assert harness.client.get("/v1/videos", headers=auth).json()["data"] == []


def test_a_job_refused_in_the_worker_fails_with_moderation_blocked_and_is_not_charged(harness):
    auth = harness.user("moderated@example.com", "pro")
    # a job the API never saw (queued by an older server, or another path): the worker moderates it again
    with harness.service.db.session() as s:
        user = s.query(User).filter_by(email="moderated@example.com").one()
        video_id = jobs.submit(s, user, model="sora-2", prompt="a woman with no clothes on", seconds="1",
                               size="1280x720", params={"aspect": "16:9", "seed": 0, "engine": "vidloom-mini"}).id
    harness.service.queue.notify(video_id)
    done = wait_final(harness.client, video_id, auth)
    assert done["status"] == "failed" and done["error"]["code"] == "moderation_blocked"
    assert "moderation (sexual content)" in done["error"]["message"]
    assert usage(harness, auth)["used_this_month"] == 0
    appeal = harness.client.post("/v1/feedback", json={"kind": "appeal", "message": "this was a statue",
                                                      "video_id": done["id"]}, headers=auth)
    assert appeal.status_code == 200 and appeal.json()["received"]


def test_cancelled_jobs_are_not_charged_and_events_stream_progress(harness):
    auth = harness.user("cancel@example.com", "pro")
    ok = harness.client.post("/v1/videos", json={"prompt": "a blue fish swims right in the ocean", "model": "vidloom-mini", "seconds": "1"},
                             headers=auth).json()
    with harness.client.stream("GET", f"/v1/videos/{ok['id']}/events", headers=auth) as events:
        assert events.headers["content-type"].startswith("text/event-stream")
        payloads = [json.loads(line[5:]) for line in events.iter_lines() if line.startswith("data:")]
    assert payloads[-1]["status"] == "completed" and payloads[-1]["progress"] == 100
    assert [p["progress"] for p in payloads] == sorted(p["progress"] for p in payloads)
    # a job cancelled before it runs: failed with code 'cancelled', nothing charged for it
    plus = harness.user("cancel-plus@example.com", "plus")
    queued = [harness.client.post("/v1/videos", json={"prompt": f"a {c} star spins", "model": "vidloom-mini", "seconds": "2"},
                                  headers=plus).json() for c in ("red", "green")]
    cancelled = harness.client.post(f"/v1/videos/{queued[1]['id']}/cancel", headers=plus)
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["status"] == "failed" and cancelled.json()["error"]["code"] == "cancelled"
    assert wait_final(harness.client, queued[0]["id"], plus)["status"] == "completed"
    assert harness.client.post(f"/v1/videos/{queued[0]['id']}/cancel", headers=plus).status_code == 409
    assert usage(harness, plus)["used_this_month"] == 1 and usage(harness, plus)["active_jobs"] == 0


def test_a_running_job_cancelled_mid_way_stops_and_costs_nothing(tmp_path):
    import time

    from fastapi.testclient import TestClient

    from vidloom.api import create_app
    from vidloom.service import accounts
    from vidloom.service.settings import Settings

    settings = Settings(home=tmp_path, steps=30)  # slow enough to catch it running
    with TestClient(create_app(settings)) as client:
        svc = client.app.state.service
        with svc.db.session() as s:
            auth = {"Authorization": f"Bearer {accounts.create_key(s, accounts.create_user(s, 'mid@example.com', 'pro'))}"}
        vid = client.post("/v1/videos", json={"prompt": "a brown box zigzags", "model": "vidloom-mini", "seconds": "16"}, headers=auth).json()["id"]
        deadline = time.time() + 120
        while client.get(f"/v1/videos/{vid}", headers=auth).json()["progress"] < 10:
            assert time.time() < deadline
            time.sleep(0.1)
        stopped = client.post(f"/v1/videos/{vid}/cancel", headers=auth).json()
        assert stopped["status"] == "failed" and stopped["error"]["code"] == "cancelled"
        deadline = time.time() + 60
        while list(settings.work_dir.glob("*")):  # the worker notices at its next step and cleans up
            assert time.time() < deadline, "the worker did not stop"
            time.sleep(0.1)
        assert client.get(f"/v1/videos/{vid}", headers=auth).json()["progress"] < 90
        assert client.get("/v1/usage", headers=auth).json()["used_this_month"] == 0
        assert svc.storage.keys() == []


def test_usage_states_the_plans_bounds_on_one_job(harness):
    """What the studio bounds its timeline by: the plan's seconds of new footage and storyboard cards."""
    plus, pro = harness.user("bounds-plus@example.com", "plus"), harness.user("bounds-pro@example.com", "pro")
    assert (usage(harness, plus)["max_seconds"], usage(harness, plus)["max_cards"]) == (16, 8)
    assert (usage(harness, pro)["max_seconds"], usage(harness, pro)["max_cards"]) == (24, 16)
