"""The feed and the studio's jobs under misuse: costly or malformed parameters refused at submit, feed remixes
that keep the source's private settings private and fit the remixer's plan, concurrent likes."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from ..service.helpers import wait_final


@pytest.fixture(scope="module")
def pro_video(harness):
    """A completed, published Pro video at 1792x1024 with a negative prompt and a preset."""
    auth = harness.user("pro-author@example.com", "pro")
    r = harness.client.post("/v1/studio/generate", headers=auth, json={
        "prompt": "a yellow star spins over the ocean", "seconds": 1, "size": "1792x1024",
        "params": {"negative_prompt": "secret words", "preset": "film-noir"}})
    assert r.status_code == 200, r.text
    video_id = r.json()["data"][0]["id"]
    assert wait_final(harness.client, video_id, auth)["status"] == "completed"
    assert harness.client.post(f"/v1/videos/{video_id}/publish", headers=auth).status_code == 200
    return video_id


def test_plan_bounds_on_steps_are_a_400_naming_the_field_and_the_bound(harness):
    auth = harness.user("steps@example.com")
    r = harness.client.post("/v1/studio/generate", headers=auth,
                            json={"prompt": "a red ball", "seconds": 1, "params": {"steps": 200}})
    assert r.status_code == 400 and r.json()["error"]["param"] == "params.steps"
    assert "200" in r.json()["error"]["message"] and "(50)" in r.json()["error"]["message"]
    assert harness.client.get("/v1/videos", headers=auth).json()["data"] == []  # nothing queued


def test_a_bad_recut_end_is_refused_at_submit(harness, pro_video):
    auth = harness.user("recut@example.com")
    for end in ("5", True, None, [1]):
        params = {"start": 0, "end": end} if end is not None else {"start": 2, "end": 1}
        r = harness.client.post("/v1/studio/recut", headers=auth,
                                json={"prompt": "cut", "seconds": 1, "inputs": {"source": pro_video}, "params": params})
        assert r.status_code == 400, (end, r.text)
        assert r.json()["error"]["param"] == "params.end" and "TypeError" not in r.text
    assert harness.client.get("/v1/videos", headers=auth).json()["data"] == []


def test_a_feed_remix_keeps_private_settings_private_and_fits_the_remixers_plan(harness, pro_video):
    plus = harness.user("plus-remixer@example.com", "plus")
    r = harness.client.post(f"/v1/feed/{pro_video}/remix", headers=plus, json={"prompt": "the same star at night"})
    assert r.status_code == 200, r.text
    remix = r.json()
    assert remix["size"] == "1280x720" and remix["remixed_from_video_id"] == pro_video  # 1792x1024 is Pro only
    settings = harness.client.get(f"/v1/videos/{remix['id']}/details", headers=plus).json()["settings"]
    assert "negative_prompt" not in settings and "preset" not in settings
    assert settings["aspect"] == "16:9"
    harness.client.post(f"/v1/videos/{remix['id']}/cancel", headers=plus)


def test_concurrent_likes_count_once_without_errors(harness, pro_video, live_url):
    fans = [harness.user(f"fan{n}@example.com") for n in range(10)]
    barrier = threading.Barrier(8)
    clients = [httpx.Client(base_url=live_url, timeout=60) for _ in range(8)]

    def like(client, fan):
        barrier.wait()  # the same fan's 8 likes leave together
        return client.post(f"/v1/feed/{pro_video}/like", headers=fan)

    with ThreadPoolExecutor(8) as pool:
        answers = [a for fan in fans for a in pool.map(like, clients, [fan] * 8)]
    for client in clients:
        client.close()
    assert [a.status_code for a in answers] == [200] * 80, [a.text for a in answers if a.status_code != 200][:3]
    assert all(a.json()["liked"] for a in answers)
    feed = harness.client.get("/v1/feed", headers=fans[0]).json()["data"]
    assert next(v for v in feed if v["id"] == pro_video)["likes"] == 10
