"""No user can see or touch another user's private video, through any endpoint; sessions need CSRF."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from ..service.helpers import wait_final


@pytest.fixture(scope="module")
def owners(harness):
    a, b = harness.user("alice@example.com", "pro"), harness.user("bob@example.com", "pro")
    created = harness.client.post("/v1/videos", json={"prompt": "a pink heart rises over the ocean", "model": "vidloom-mini", "seconds": "1"},
                                  headers=a)
    assert created.status_code == 200, created.text
    video = wait_final(harness.client, created.json()["id"], a)
    assert video["status"] == "completed"
    return a, b, video["id"]


def other_users_requests(video_id: str):
    return [
        ("GET", f"/v1/videos/{video_id}", None),
        ("GET", f"/v1/videos/{video_id}/content", None),
        ("GET", f"/v1/videos/{video_id}/content?variant=thumbnail", None),
        ("GET", f"/v1/videos/{video_id}/content?variant=spritesheet", None),
        ("GET", f"/v1/videos/{video_id}/events", None),
        ("POST", f"/v1/videos/{video_id}/remix", {"prompt": "a blue heart"}),
        ("POST", f"/v1/videos/{video_id}/publish", None),
        ("DELETE", f"/v1/videos/{video_id}/publish", None),
        ("POST", f"/v1/videos/{video_id}/cancel", None),
        ("PATCH", f"/v1/videos/{video_id}", {"favourite": True}),
        ("POST", "/v1/feedback", {"kind": "feedback", "message": "nice", "video_id": video_id}),
        ("GET", f"/v1/feed/{video_id}", None),  # not published: not in the feed either
        ("GET", f"/v1/feed/{video_id}/content", None),
        ("POST", f"/v1/feed/{video_id}/remix", {"prompt": "a blue heart"}),
        ("POST", f"/v1/feed/{video_id}/like", None),
        ("DELETE", f"/v1/videos/{video_id}", None),
    ]


def test_user_b_cannot_read_download_remix_delete_or_publish_user_a_video(harness, owners):
    a, b, video_id = owners
    for method, url, body in other_users_requests(video_id):
        r = harness.client.request(method, url, json=body, headers=b)
        assert r.status_code == 404, (method, url, r.status_code, r.text)
        assert r.json()["error"]["code"] == "video_not_found", (method, url)
    assert harness.client.get("/v1/videos", headers=b).json()["data"] == []
    assert harness.client.get(f"/v1/videos?after={video_id}", headers=b).status_code == 400
    assert harness.client.get("/v1/library", headers=b).json() == []
    # nothing happened to A's video, and B was charged nothing
    video = harness.client.get(f"/v1/videos/{video_id}", headers=a).json()
    assert video["status"] == "completed"
    assert harness.client.get(f"/v1/videos/{video_id}/content", headers=a).status_code == 200
    assert harness.client.get("/v1/usage", headers=b).json()["used_this_month"] == 0
    assert harness.client.get("/v1/feed", headers=b).json()["data"] == []
    assert harness.client.get("/v1/queue", headers=b).json()["data"] == []


def test_without_credentials_every_endpoint_says_401(harness, owners):
    _, _, video_id = owners
    for method, url, body in other_users_requests(video_id) + [("GET", "/v1/videos", None), ("POST", "/v1/videos", {"prompt": "x"})]:
        r = harness.client.request(method, url, json=body, headers={"Authorization": "Bearer sk-vl-nope"})
        assert r.status_code == 401 and r.json()["error"]["code"] == "invalid_api_key", (method, url)
        r = TestClient(harness.client.app).request(method, url, json=body)  # no key, no session cookie
        assert r.status_code == 401, (method, url, r.status_code)


def test_published_videos_are_visible_in_the_feed_but_only_the_owner_can_delete(harness, owners):
    a, b, video_id = owners
    assert harness.client.post(f"/v1/videos/{video_id}/publish", headers=a).status_code == 200
    feed = harness.client.get("/v1/feed", params={"q": "pink heart"}, headers=b).json()["data"]
    assert [item["id"] for item in feed] == [video_id] and feed[0]["prompt"] == "a pink heart rises over the ocean"
    assert harness.client.get("/v1/feed", params={"q": "purple whale"}, headers=b).json()["data"] == []
    liked = harness.client.post(f"/v1/feed/{video_id}/like", headers=b).json()
    assert liked["likes"] == 1 and liked["liked"]
    assert harness.client.post(f"/v1/feed/{video_id}/like", headers=b).json()["likes"] == 1  # once per user
    assert harness.client.get("/v1/feed?tab=featured", headers=b).json()["data"][0]["id"] == video_id
    item = harness.client.get(f"/v1/feed/{video_id}", headers=b).json()
    assert item["author"] == "alice" and item["likes"] == 1 and item["liked"]  # a handle, never the whole email
    assert harness.client.get(f"/v1/feed/{video_id}/content", headers=b).content[4:8] == b"ftyp"
    # remix from the feed: B's own new video, charged to B
    remix = harness.client.post(f"/v1/feed/{video_id}/remix", json={"prompt": "a white heart rises over the ocean",
                                                                     "strength": "subtle"}, headers=b)
    assert remix.status_code == 200, remix.text
    done = wait_final(harness.client, remix.json()["id"], b)
    assert done["status"] == "completed" and done["remixed_from_video_id"] == video_id
    assert harness.client.get("/v1/usage", headers=b).json()["used_this_month"] == 1
    # published or not, still A's: B can neither delete nor unpublish it
    assert harness.client.delete(f"/v1/videos/{video_id}", headers=b).status_code == 404
    assert harness.client.delete(f"/v1/videos/{video_id}/publish", headers=b).status_code == 404
    assert harness.client.post(f"/v1/videos/{video_id}/publish", headers=a).status_code == 200


def test_browser_sessions_sign_up_log_in_and_need_the_csrf_token(harness):
    browser = TestClient(harness.client.app)  # keeps the session cookie like a browser
    r = browser.post("/v1/auth/signup", json={"email": "carol@example.com", "password": "correct horse battery"})
    assert r.status_code == 200, r.text
    r = browser.post("/v1/auth/login", json={"email": "carol@example.com", "password": "correct horse battery"})
    assert r.status_code == 200, r.text
    csrf = r.json()["csrf_token"]
    cookie = r.headers["set-cookie"].lower()
    assert "vidloom_session=" in cookie and "httponly" in cookie and "samesite=lax" in cookie
    assert browser.get("/v1/me").json()["email"] == "carol@example.com"
    # unsafe requests without the CSRF token are refused, with it they pass
    assert browser.post("/v1/keys").status_code == 403
    assert browser.post("/v1/keys", headers={"X-CSRF-Token": "forged"}).status_code == 403
    new = browser.post("/v1/keys", headers={"X-CSRF-Token": csrf})
    assert new.status_code == 200 and new.json()["key"].startswith("sk-vl-")
    key = new.json()["key"]
    assert TestClient(harness.client.app).get("/v1/me", headers={"Authorization": f"Bearer {key}"}).json()["email"] \
        == "carol@example.com"
    # the key is stored hashed: its text is nowhere in the database
    from sqlalchemy import text

    with harness.service.db.session() as s:
        hashes = [row[0] for row in s.execute(text("select hash from api_keys"))]
    assert key not in hashes and all(len(h) == 64 for h in hashes)
    # wrong password, duplicate account, log in again (email case does not matter), log out
    other = TestClient(harness.client.app)
    assert other.post("/v1/auth/login", json={"email": "carol@example.com", "password": "wrong"}).status_code == 401
    # signing up again answers as for a new e-mail (nothing revealed) and changes nothing
    assert other.post("/v1/auth/signup", json={"email": "carol@example.com", "password": "another one"}).status_code == 200
    assert other.post("/v1/auth/login", json={"email": "carol@example.com", "password": "another one"}).status_code == 401
    again = other.post("/v1/auth/login", json={"email": "CAROL@example.com", "password": "correct horse battery"})
    assert again.status_code == 200
    token = other.cookies["vidloom_session"]
    assert other.post("/v1/auth/logout", headers={"X-CSRF-Token": again.json()["csrf_token"]}).status_code == 200
    replay = TestClient(harness.client.app, cookies={"vidloom_session": token})
    assert replay.get("/v1/me").status_code == 401  # the old cookie is dead on the server, not just dropped
    assert browser.get("/v1/me").status_code == 200  # the other session is untouched
