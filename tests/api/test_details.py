"""GET /v1/videos/{id}/details: the seed and settings a video was made with and its checked C2PA manifest,
for its owner only."""
from __future__ import annotations

from ..service.helpers import wait_final


def test_details_give_seed_settings_and_provenance_to_the_owner_only(harness):
    alice, bob = harness.user("details-a@example.com"), harness.user("details-b@example.com")
    created = harness.client.post("/v1/videos", json={"prompt": "a pink ring rises in the desert", "seconds": "1",
                                                      "size": "224x128", "seed": 1234}, headers=alice).json()
    queued = harness.client.get(f"/v1/videos/{created['id']}/details", headers=alice).json()
    assert queued["settings"]["seed"] == 1234 and queued["operation"] == "generate"
    assert wait_final(harness.client, created["id"], alice)["status"] == "completed"

    details = harness.client.get(f"/v1/videos/{created['id']}/details", headers=alice).json()
    assert details["settings"] == {"seed": 1234, "aspect": "16:9", "engine": "vidloom-mini"}
    assert details["started_from_upload"] is False and details["published"] is False
    assert details["provenance"]["has_manifest"] and details["provenance"]["valid"], details["provenance"]
    assert details["provenance"]["generation"]["seed"] == 1234

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


def test_details_say_what_the_file_holds_not_what_was_asked(harness):
    alice = harness.user("details-file@example.com")
    created = harness.client.post("/v1/videos", json={"prompt": "a blue ball falls in the snow field", "seconds": "2",
                                                      "size": "720x1280", "model": "sora-2"}, headers=alice).json()
    assert wait_final(harness.client, created["id"], alice)["status"] == "completed"
    details = harness.client.get(f"/v1/videos/{created['id']}/details", headers=alice).json()
    assert details["video"]["size"] == "720x1280" and details["video"]["model"] == "sora-2"  # what was asked
    assert details["engine"] == "vidloom-mini" and details["engine_version"]
    assert details["native_size"] == "128x224" and details["upscaled"] is False
    file = details["file"]
    assert (file["width"], file["height"]) == (128, 224)
    assert abs(file["seconds"] - 2) < 0.2 and file["frames"] == round(file["seconds"] * file["fps"])


def test_the_queue_gives_each_job_its_operation_and_settings(harness):
    alice = harness.user("queue-a@example.com")
    first = harness.client.post("/v1/videos", json={"prompt": "a red star spins in outer space", "seconds": "1",
                                                    "size": "224x128", "seed": 7}, headers=alice).json()
    assert wait_final(harness.client, first["id"], alice)["status"] == "completed"
    remix = harness.client.post(f"/v1/videos/{first['id']}/remix", json={"prompt": "a blue star spins in outer space",
                                                                          "strength": 0.3}, headers=alice).json()
    queue = harness.client.get("/v1/queue", headers=alice).json()["data"]
    assert [(q["video"]["id"], q["operation"]) for q in queue] == [(remix["id"], "remix"), (first["id"], "generate")]
    assert queue[0]["settings"]["strength"] == 0.3 and queue[1]["settings"]["seed"] == 7
    wait_final(harness.client, remix["id"], alice)
