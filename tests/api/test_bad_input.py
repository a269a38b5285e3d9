"""Bad requests get a 4xx with a clear OpenAI-style error; nothing is stored, queued or charged."""
from __future__ import annotations

import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image
from sqlalchemy import func, select

from vidloom.service.models import Usage, Video


@pytest.fixture(scope="module")
def auth(harness):
    return harness.user("mallory@example.com", "plus")


def png(width: int, height: int) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(np.random.default_rng(0).integers(0, 255, (height, width, 3), np.uint8)).save(buf, "PNG")
    return buf.getvalue()


def huge_png_header(width: int, height: int) -> bytes:
    """A small file whose header claims a huge image (the pixels are a few bytes of zeros)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b"")


def bomb_png() -> bytes:
    """A decompression bomb: 20000 x 20000 of one colour compresses to a few hundred kB."""
    row = b"\0" + b"\0" * 20000 * 3
    raw = zlib.compress(row * 20000, 9)
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 20000, 20000, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def jpeg() -> bytes:
    buf = io.BytesIO()
    Image.fromarray(np.random.default_rng(1).integers(0, 255, (256, 256, 3), np.uint8)).save(buf, "JPEG")
    return buf.getvalue()


JSON_CASES = {
    "malformed JSON": ({"content": b'{"prompt": "a red ball",', "headers": {"content-type": "application/json"}}, 400, "not valid JSON"),
    "JSON array": ({"json": ["a red ball"]}, 400, "JSON object"),
    "missing prompt": ({"json": {"seconds": "4"}}, 400, "prompt"),
    "empty prompt": ({"json": {"prompt": ""}}, 400, "prompt"),
    "prompt is a number": ({"json": {"prompt": 42}}, 400, "prompt"),
    "unknown model": ({"json": {"prompt": "a red ball", "model": "sora-9"}}, 400, "unknown model 'sora-9'"),
    "zero seconds": ({"json": {"prompt": "a red ball", "seconds": "0"}}, 400, "seconds"),
    "too many seconds": ({"json": {"prompt": "a red ball", "seconds": "120"}}, 400, "seconds"),
    "seconds not a number": ({"json": {"prompt": "a red ball", "seconds": "long"}}, 400, "seconds"),
    "size not WxH": ({"json": {"prompt": "a red ball", "size": "big"}}, 400, "size"),
    "unsupported size": ({"json": {"prompt": "a red ball", "size": "640x480"}}, 400, "Supported values"),
    "size above the plan": ({"json": {"prompt": "a red ball", "model": "sora-2-pro", "size": "1792x1024"}}, 400, "plus plan"),
    "blocked prompt": ({"json": {"prompt": "a naked person dancing"}}, 400, "moderation"),
    "input_reference as a string": ({"json": {"prompt": "a red ball", "input_reference": "http://x/y.png"}}, 400, "expected a file"),
}

UPLOAD_CASES = {
    "50-megapixel image": (lambda: huge_png_header(10000, 5000), "image.png", "megapixels"),
    "truncated image": (lambda: png(320, 240)[:2000], "image.png", "truncated"),
    "truncated JPEG": (lambda: jpeg()[:1500], "image.jpg", "truncated"),
    "decompression bomb": (bomb_png, "bomb.png", "decompression bomb"),
    "non-video renamed .mp4": (lambda: b"this is not a video at all\n" * 100, "clip.mp4", "neither"),
    "empty file": (lambda: b"", "empty.png", "empty"),
    "GIF": (lambda: _gif(), "anim.gif", "GIF"),
}


def _gif() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (32, 32), "red").save(buf, "GIF")
    return buf.getvalue()


def nothing_changed(harness) -> None:
    svc = harness.service
    with svc.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Video)) == 0
        assert s.scalar(select(func.count()).select_from(Usage)) == 0
    assert svc.storage.keys() == []
    assert list(harness.settings.work_dir.glob("*")) == []
    assert harness.client.get("/healthz").json() == {"ok": True}


@pytest.mark.parametrize("case", list(JSON_CASES))
def test_bad_create_requests(harness, auth, case):
    kwargs, status, words = JSON_CASES[case]
    r = harness.client.post("/v1/videos", headers={**auth, **kwargs.pop("headers", {})}, **kwargs)
    JSON_CASES[case][0].update(kwargs)  # parametrised cases may run again
    assert r.status_code == status, r.text
    error = r.json()["error"]
    assert words in error["message"] and error["type"] == "invalid_request_error" and error["code"]
    nothing_changed(harness)


@pytest.mark.parametrize("case", list(UPLOAD_CASES))
def test_bad_uploads(harness, auth, case):
    make, name, words = UPLOAD_CASES[case]
    r = harness.client.post("/v1/videos", headers=auth, data={"prompt": "a red ball moves left", "model": "vidloom-mini", "seconds": "1"},
                            files={"input_reference": (name, make(), "application/octet-stream")})
    assert r.status_code == 400, r.text
    error = r.json()["error"]
    assert words in error["message"] and error["param"] == "input_reference", error
    nothing_changed(harness)


def test_upload_over_the_size_limit(harness, auth):
    big = b"\0" * (harness.settings.max_upload_bytes + 1)
    r = harness.client.post("/v1/videos", headers=auth, data={"prompt": "a red ball"},
                            files={"input_reference": ("big.png", big, "image/png")})
    assert r.status_code == 413 and "larger than" in r.json()["error"]["message"]
    nothing_changed(harness)


@pytest.mark.parametrize("video_id", ["../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "video_../../x", "%00", "video_" + "0" * 24,
                                      "VIDEO_ABC", "a" * 300])
def test_path_like_and_unknown_ids(harness, auth, video_id):
    for method, suffix in (("GET", ""), ("GET", "/content"), ("DELETE", ""), ("POST", "/remix")):
        r = harness.client.request(method, f"/v1/videos/{video_id}{suffix}", headers=auth,
                                   json={"prompt": "x"} if suffix == "/remix" else None)
        assert 400 <= r.status_code < 500, (method, video_id, r.status_code)
        assert r.json()["error"]["message"]
    nothing_changed(harness)


def test_list_parameters_out_of_range(harness, auth):
    for params in ({"limit": -1}, {"limit": 1000}, {"order": "sideways"}, {"after": "nope"}):
        r = harness.client.get("/v1/videos", params=params, headers=auth)
        assert 400 <= r.status_code < 500 and r.json()["error"]["message"], params


def test_a_good_image_upload_becomes_the_first_frame(harness, auth, tmp_path):
    from vidloom.media import read_video

    from ..service.helpers import wait_final

    image = np.zeros((300, 500, 3), np.uint8)
    image[:, :250] = (220, 30, 30)
    image[:, 250:] = (30, 30, 220)
    buf = io.BytesIO()
    Image.fromarray(image).save(buf, "PNG")
    r = harness.client.post("/v1/videos", headers=auth, data={"prompt": "a red ball moves left", "model": "vidloom-mini", "seconds": "1",
                                                              "size": "1280x720"},
                            files={"input_reference": ("start.png", buf.getvalue(), "image/png")})
    assert r.status_code == 200, r.text
    assert wait_final(harness.client, r.json()["id"], auth)["status"] == "completed"
    (tmp_path / "v.mp4").write_bytes(harness.client.get(f"/v1/videos/{r.json()['id']}/content", headers=auth).content)
    first = read_video(tmp_path / "v.mp4")[0][0].astype(int)
    h, w = first.shape[:2]
    assert first[h // 2, w // 8, 0] > 150 and first[h // 2, w // 8, 2] < 100  # red half stays red
    assert first[h // 4, w * 7 // 8 - 20, 2] > 150  # blue half stays blue (clear of the watermark)
    harness.client.delete(f"/v1/videos/{r.json()['id']}", headers=auth)
