"""Storyboard drafts on the server: saved, listed newest first, replaced and deleted by their owner only, with the
number per user and each draft's size bounded, and every refusal an OpenAI-style error that changes nothing."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import httpx

from vidloom.api.drafts import MAX_DRAFTS
from vidloom.api.schemas import MAX_DRAFT_CARDS

BOARD = {"name": "Desert to night", "aspect": "9:16", "cards": [
    {"kind": "prompt", "prompt": "a yellow star over the desert", "seconds": 3},
    {"kind": "image", "prompt": "the star lands", "seconds": 2, "cut": True, "image": "file-abc", "image_name": "star.png"},
    {"kind": "video", "prompt": "a red ball bounces", "seconds": 2, "video": "video_0123456789abcdef01234567"}]}


def test_a_draft_is_saved_listed_replaced_and_deleted(harness):
    auth = harness.user("drafts-owner@example.com")
    client = harness.client
    made = client.post("/v1/studio/drafts", headers=auth, json=BOARD)
    assert made.status_code == 200, made.text
    draft = made.json()
    assert draft["object"] == "storyboard.draft" and draft["id"].startswith("draft_")
    assert draft["name"] == "Desert to night" and draft["aspect"] == "9:16"
    assert [c["kind"] for c in draft["cards"]] == ["prompt", "image", "video"]
    assert draft["cards"][1] == {**BOARD["cards"][1], "video": None}
    assert draft["cards"][0]["cut"] is False  # defaults filled in

    second = client.post("/v1/studio/drafts", headers=auth, json={"cards": []}).json()
    assert second["name"] == "Untitled board" and second["aspect"] == "16:9"
    changed = {**BOARD, "name": "Renamed", "cards": BOARD["cards"][:1]}
    r = client.put(f"/v1/studio/drafts/{draft['id']}", headers=auth, json=changed)
    assert r.status_code == 200 and r.json()["name"] == "Renamed" and len(r.json()["cards"]) == 1
    listed = client.get("/v1/studio/drafts", headers=auth).json()["data"]
    assert [d["id"] for d in listed] == [draft["id"], second["id"]]  # the last saved first
    assert client.get(f"/v1/studio/drafts/{draft['id']}", headers=auth).json()["cards"] == r.json()["cards"]

    gone = client.delete(f"/v1/studio/drafts/{second['id']}", headers=auth)
    assert gone.status_code == 200 and gone.json() == {"id": second["id"], "object": "storyboard.draft.deleted",
                                                        "deleted": True}
    assert [d["id"] for d in client.get("/v1/studio/drafts", headers=auth).json()["data"]] == [draft["id"]]


def test_another_user_can_neither_read_nor_change_nor_delete_a_draft(harness):
    owner, other = harness.user("drafts-a@example.com"), harness.user("drafts-b@example.com")
    client = harness.client
    draft = client.post("/v1/studio/drafts", headers=owner, json=BOARD).json()
    for r in (client.get(f"/v1/studio/drafts/{draft['id']}", headers=other),
              client.put(f"/v1/studio/drafts/{draft['id']}", headers=other, json={"name": "mine now", "cards": []}),
              client.delete(f"/v1/studio/drafts/{draft['id']}", headers=other)):
        assert r.status_code == 404, r.text
        assert r.json()["error"]["code"] == "draft_not_found" and r.json()["error"]["type"] == "invalid_request_error"
    assert client.get("/v1/studio/drafts", headers=other).json()["data"] == []
    assert client.get(f"/v1/studio/drafts/{draft['id']}", headers=owner).json() == draft  # unchanged
    assert client.get("/v1/studio/drafts").status_code == 401


def test_drafts_are_bounded_in_number_and_size(harness):
    auth = harness.user("drafts-many@example.com")
    client = harness.client
    for _ in range(MAX_DRAFTS):
        assert client.post("/v1/studio/drafts", headers=auth, json={"cards": []}).status_code == 200
    r = client.post("/v1/studio/drafts", headers=auth, json=BOARD)
    assert r.status_code == 400 and r.json()["error"]["code"] == "too_many_drafts", r.text
    assert len(client.get("/v1/studio/drafts", headers=auth).json()["data"]) == MAX_DRAFTS

    one = client.get("/v1/studio/drafts", headers=auth).json()["data"][0]
    card = {"kind": "prompt", "prompt": "a red ball", "seconds": 2}
    bad = {  # body -> the parameter the error names
        "cards": ({"cards": [card] * (MAX_DRAFT_CARDS + 1)}, "cards"),
        "prompt": ({"cards": [{**card, "prompt": "x" * 4001}]}, "cards.0.prompt"),
        "seconds": ({"cards": [{**card, "seconds": 99}]}, "cards.0.seconds"),
        "kind": ({"cards": [{**card, "kind": "audio"}]}, "cards.0.kind"),
        "extra": ({"cards": [{**card, "script": "<b>"}]}, "cards.0.script"),
        "aspect": ({"aspect": "4:3"}, "aspect"),
        "name": ({"name": "n" * 101}, "name"),
    }
    for what, (body, param) in bad.items():
        r = client.put(f"/v1/studio/drafts/{one['id']}", headers=auth, json=body)
        assert r.status_code == 400, (what, r.text)
        assert r.json()["error"]["param"] == param, (what, r.json())
    assert client.get(f"/v1/studio/drafts/{one['id']}", headers=auth).json() == one  # nothing half-written
    assert client.get("/v1/studio/drafts/draft_nope", headers=auth).status_code == 404


def test_drafts_made_at_once_stop_at_the_bound(harness, live_url):
    auth = harness.user("drafts-race@example.com")
    for _ in range(MAX_DRAFTS - 3):
        assert harness.client.post("/v1/studio/drafts", headers=auth, json={"cards": []}).status_code == 200
    barrier = threading.Barrier(8)
    clients = [httpx.Client(base_url=live_url, timeout=60) for _ in range(8)]

    def create(client):
        barrier.wait()  # eight creates leave together for the last three places
        return client.post("/v1/studio/drafts", headers=auth, json={"cards": []}).status_code

    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(create, clients))
    for client in clients:
        client.close()
    assert sorted(codes) == [200] * 3 + [400] * 5, codes
    assert len(harness.client.get("/v1/studio/drafts", headers=auth).json()["data"]) == MAX_DRAFTS
