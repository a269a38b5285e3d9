"""GET /v1/queue: an active job's place in line and estimated start and finish (extension fields of the queue item;
the Video object inside stays OpenAI's)."""
from __future__ import annotations

from vidloom.api.schemas import Video
from vidloom.service import jobs
from vidloom.service.models import Video as VideoRow

from ..service.helpers import wait_final


def test_waiting_jobs_show_their_place_and_an_estimate_from_measured_jobs(harness):
    auth = harness.user("queue-eta@example.com", "plus")  # Plus: two jobs at once
    client = harness.client
    first = client.post("/v1/studio/generate", headers=auth, json={"prompt": "a red ball", "seconds": 1}).json()["data"][0]
    assert wait_final(client, first["id"], auth)["status"] == "completed"  # one measured job
    made = client.post("/v1/studio/generate", headers=auth, json={"prompt": "a blue box", "seconds": 1, "n": 4}).json()["data"]
    items = {i["video"]["id"]: i for i in client.get("/v1/queue", headers=auth).json()["data"]}
    try:
        done = items[first["id"]]
        assert done["position"] is None and done["estimated_finish_at"] is None  # ended: nothing to estimate
        Video.model_validate(done["video"])  # the OpenAI object, without extra fields
        assert set(done["video"]) == set(Video.model_fields)
        queued = [items[v["id"]] for v in made if items[v["id"]]["position"] is not None]
        assert queued, "four variations on a Plus plan: at least two wait"
        positions = [q["position"] for q in queued]
        assert positions == sorted(positions) and len(set(positions)) == len(positions) and positions[0] >= 1
        for q in queued:
            assert q["video"]["status"] == "queued" and q["waiting"] >= len(queued)
            assert q["estimated_start_at"] >= first["created_at"]
            assert q["estimated_finish_at"] >= q["estimated_start_at"]
        starts = [q["estimated_start_at"] for q in queued]
        assert starts == sorted(starts)  # later in line, later to start
    finally:
        with harness.service.db.session() as s:
            for v in made:
                jobs.cancel(s, s.get(VideoRow, v["id"]))
