"""GET /v1/videos/{id}/details: the seed and settings a video was made with and its checked C2PA manifest,
for its owner only."""
from __future__ import annotations

from ..service.helpers import wait_final
from ..geometry import native_size


def test_details_give_seed_settings_and_provenance_to_the_owner_only(harness):
    alice, bob = harness.user("details-a@example.com"), harness.user("details-b@example.com")
    created = harness.client.post("/v1/videos", json={"prompt": "a pink ring rises in the desert", "model": "vidloom-mini", "seconds": "1",
                                                      "size": native_size(), "seed": 1234}, headers=alice).json()
    queued = harness.client.get(f"/v1/videos/{created['id']}/details", headers=alice).json()
    assert queued["settings"]["seed"] == 1234 and queued["operation"] == "generate"
    assert wait_final(harness.client, created["id"], alice)["status"] == "completed"

    details = harness.client.get(f"/v1/videos/{created['id']}/details", headers=alice).json()
    assert details["settings"] == {"seed": 1234, "aspect": "16:9", "engine": "vidloom-mini"}
    assert details["started_from_upload"] is False and details["published"] is False
    assert details["provenance"]["has_manifest"] and details["provenance"]["valid"], details["provenance"]
    assert details["provenance"]["generation"]["seed"] == 1234
    assert details["native_size"] == details["video"]["size"] == native_size()  # drawn at this size, not resized

    assert harness.client.get(f"/v1/videos/{created['id']}/details", headers=bob).status_code == 404
    assert harness.client.get(f"/v1/videos/{created['id']}/details").status_code == 401
    assert harness.client.get("/v1/videos/..%2F..%2Fetc/details", headers=alice).status_code == 404


def test_the_studio_is_served_at_the_root_without_shadowing_the_api(harness):
    page = harness.client.get("/")
    assert page.status_code == 200 and '<script type="module" src="/js/main.js">' in page.text
    assert harness.client.get("/js/api.js").headers["content-type"].startswith("text/javascript")
    missing = harness.client.get("/v1/no-such-endpoint")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    assert harness.client.get("/healthz").json() == {"ok": True}


def test_a_reupload_of_a_published_video_is_attributed_and_only_trusted_chains_are_valid(tmp_path):
    import shutil

    from fastapi.testclient import TestClient

    from vidloom.api import create_app
    from vidloom.service import accounts
    from vidloom.service.settings import Settings

    settings = Settings(home=tmp_path, steps=2, cookie_secure=False)
    with TestClient(create_app(settings)) as client:
        with client.app.state.service.db.session() as s:
            alice, bob = ({"Authorization": f"Bearer {accounts.create_key(s, accounts.create_user(s, e, 'pro'))}"}
                          for e in ("orig-a@example.com", "copy-b@example.com"))
        original = client.post("/v1/videos", headers=alice, json={"prompt": "a green box falls in the snow field",
                                                                  "model": "vidloom-mini", "seconds": "1", "size": native_size()}).json()["id"]
        assert wait_final(client, original, alice)["status"] == "completed"
        assert client.post(f"/v1/videos/{original}/publish", headers=alice).status_code == 200
        # bob downloads the published video and sends the same bytes back as his input
        mp4 = client.get(f"/v1/feed/{original}/content", headers=bob).content
        r = client.post("/v1/videos", headers=bob, data={"prompt": "the same box at night", "model": "vidloom-mini", "seconds": "1",
                                                         "size": native_size()},
                        files={"input_reference": ("mine.mp4", mp4, "video/mp4")})
        assert r.status_code == 200, r.text
        copy = r.json()
        assert copy["remixed_from_video_id"] == original
        assert wait_final(client, copy["id"], bob)["status"] == "completed"
        details = client.get(f"/v1/videos/{copy['id']}/details", headers=bob).json()
        assert details["provenance"]["valid"] and details["provenance"]["made_from"] == [f"{original}.mp4"]
        assert client.post(f"/v1/videos/{copy['id']}/publish", headers=bob).status_code == 200
        feed = {v["id"]: v for v in client.get("/v1/feed", headers=alice).json()["data"]}
        assert feed[copy["id"]]["remixed_from_video_id"] == original

        # the install's signing chain is replaced: its old videos are now signed by a party it does not trust ...
        old_root = (settings.signing_path / "root.pem").read_text()
        shutil.rmtree(settings.signing_path)
        moved = client.get(f"/v1/videos/{original}/details", headers=alice).json()["provenance"]
        assert not moved["valid"] and moved["verdict"] == "signed by an unknown party", moved
        # ... until the operator trusts the old root again
        settings.trust_path.mkdir(parents=True, exist_ok=True)
        (settings.trust_path / "old.pem").write_text(old_root)
        again = client.get(f"/v1/videos/{original}/details", headers=alice).json()["provenance"]
        assert again["valid"] and again["verdict"] == "valid"


def test_details_say_what_the_file_holds_not_what_was_asked(harness):
    alice = harness.user("details-file@example.com")
    created = harness.client.post("/v1/videos", json={"prompt": "a blue ball falls in the snow field", "seconds": "4",
                                                      "size": "720x1280", "model": "sora-2"}, headers=alice).json()
    assert wait_final(harness.client, created["id"], alice)["status"] == "completed"
    details = harness.client.get(f"/v1/videos/{created['id']}/details", headers=alice).json()
    assert details["video"]["size"] == "720x1280" and details["video"]["model"] == "sora-2"  # what was asked
    assert details["engine"] == "vidloom-mini" and details["engine_version"]
    # the MP4 has the asked size, resized from what the engine drew, and says so
    assert details["native_size"] == native_size("9:16") and details["upscaled"] is True
    file = details["file"]
    assert (file["width"], file["height"]) == (720, 1280)
    assert abs(file["seconds"] - 4) < 0.2 and file["frames"] == round(file["seconds"] * file["fps"])


def test_the_queue_gives_each_job_its_operation_and_settings(harness):
    alice = harness.user("queue-a@example.com")
    first = harness.client.post("/v1/videos", json={"prompt": "a red star spins in outer space", "seconds": "1",
                                                    "size": native_size(), "seed": 7, "model": "vidloom-mini"}, headers=alice).json()
    assert wait_final(harness.client, first["id"], alice)["status"] == "completed"
    remix = harness.client.post(f"/v1/videos/{first['id']}/remix", json={"prompt": "a blue star spins in outer space",
                                                                          "strength": 0.3}, headers=alice).json()
    queue = harness.client.get("/v1/queue", headers=alice).json()["data"]
    assert [(q["video"]["id"], q["operation"]) for q in queue] == [(remix["id"], "remix"), (first["id"], "generate")]
    assert queue[0]["settings"]["strength"] == 0.3 and queue[1]["settings"]["seed"] == 7
    wait_final(harness.client, remix["id"], alice)
