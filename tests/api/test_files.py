"""/v1/files: upload with a purpose, list, retrieve, content, delete; each file its owner's; bytes released."""
from __future__ import annotations

import io

import numpy as np
from PIL import Image


def png() -> bytes:
    buf = io.BytesIO()
    Image.fromarray(np.random.default_rng(3).integers(0, 255, (90, 160, 3), np.uint8)).save(buf, "PNG")
    return buf.getvalue()


def test_file_lifecycle_and_ownership(harness):
    alice, bob = harness.user("files-alice@example.com"), harness.user("files-bob@example.com")
    data = png()
    r = harness.client.post("/v1/files", headers=alice, data={"purpose": "vision"},
                            files={"file": ("still.png", data, "image/png")})
    assert r.status_code == 200, r.text
    made = r.json()
    assert (made["object"], made["bytes"], made["filename"], made["purpose"], made["status"]) == \
        ("file", len(data), "still.png", "vision", "processed")
    fid = made["id"]
    assert harness.client.get(f"/v1/files/{fid}", headers=alice).json() == made
    assert [f["id"] for f in harness.client.get("/v1/files", headers=alice).json()["data"]] == [fid]
    content = harness.client.get(f"/v1/files/{fid}/content", headers=alice)
    assert content.content == data and content.headers["content-type"] == "image/png"
    # someone else's file does not exist for bob
    for method, path in (("GET", f"/v1/files/{fid}"), ("GET", f"/v1/files/{fid}/content"), ("DELETE", f"/v1/files/{fid}")):
        r = harness.client.request(method, path, headers=bob)
        assert r.status_code == 404 and r.json()["error"]["code"] == "file_not_found"
    assert harness.client.get("/v1/files", headers=bob).json()["data"] == []
    stored = set(harness.service.storage.keys())
    assert len(stored) == 1
    # delete: gone from the API and from storage
    assert harness.client.delete(f"/v1/files/{fid}", headers=alice).json() == {"id": fid, "object": "file", "deleted": True}
    assert harness.client.get(f"/v1/files/{fid}", headers=alice).status_code == 404
    assert set(harness.service.storage.keys()) == set()


def test_bad_uploads_are_refused_and_nothing_is_kept(harness):
    auth = harness.user("files-mallory@example.com")
    cases = [
        ({"purpose": "vision"}, {"file": ("notes.txt", b"hello world" * 20, "text/plain")}, "invalid_file", "file"),
        ({"purpose": "banana"}, {"file": ("a.png", png(), "image/png")}, "invalid_value", "purpose"),
        ({}, {"file": ("a.png", png(), "image/png")}, "missing_required_parameter", "purpose"),
        ({"purpose": "vision", "file": "not a file"}, {"x": (None, "1")}, "unknown_parameter", "x"),
        ({"purpose": "vision", "file": "a string"}, None, "invalid_type", "file"),
    ]
    for data, files, code, param in cases:
        kwargs = {"data": data, "files": files} if files else {"files": {k: (None, v) for k, v in data.items()}}
        r = harness.client.post("/v1/files", headers=auth, **kwargs)
        assert r.status_code == 400 and (r.json()["error"]["code"], r.json()["error"]["param"]) == (code, param), r.text
    assert harness.client.get("/v1/files", headers=auth).json()["data"] == []
    assert list(harness.settings.work_dir.glob("*")) == []
