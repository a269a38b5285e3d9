"""Every response carries a request id and the security headers; /docs is off (no CDN); HEAD on content."""
from __future__ import annotations

from vidloom.api.middleware import CSP

from ..service.helpers import wait_final
from ..geometry import native_size


def test_request_id_and_security_headers_everywhere(harness):
    auth = harness.user("headers@example.com")
    responses = [harness.client.get("/healthz"), harness.client.get("/"), harness.client.get("/v1/videos", headers=auth),
                 harness.client.get("/v1/videos/video_nope", headers=auth), harness.client.get("/v1/videos"),
                 harness.client.post("/v1/videos", headers=auth, json={"prompt": "x", "duration": 4})]
    ids = [r.headers["x-request-id"] for r in responses]
    assert all(i.startswith("req_") for i in ids) and len(set(ids)) == len(ids)
    for r in responses:
        assert r.headers["content-security-policy"] == CSP
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "frame-ancestors 'none'" in CSP and "'unsafe-inline'" not in CSP.split("script-src")[1].split(";")[0]
    assert "<script" not in harness.client.get("/").text.split('<script type="module" src=')[0].lower()


def test_docs_are_off_and_the_schema_is_served(harness):
    for path in ("/docs", "/redoc"):
        assert harness.client.get(path).status_code == 404
    assert harness.client.get("/openapi.json").json()["info"]["title"] == "vidloom"


def test_head_on_content(harness):
    auth = harness.user("head@example.com", "pro")
    v = harness.client.post("/v1/videos", headers=auth, json={"prompt": "a white ring circles", "model": "vidloom-mini",
                                                               "seconds": "1", "size": native_size("1:1")}).json()
    assert wait_final(harness.client, v["id"], auth)["status"] == "completed"
    url = f"/v1/videos/{v['id']}/content"
    whole = harness.client.get(url, headers=auth)
    head = harness.client.head(url, headers=auth)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == str(len(whole.content)) and head.headers["content-type"] == "video/mp4"
    thumb = harness.client.head(url + "?variant=thumbnail", headers=auth)
    assert thumb.headers["content-type"] == "image/webp"
    assert harness.client.head(f"/v1/videos/video_{'0' * 24}/content", headers=auth).status_code == 404
