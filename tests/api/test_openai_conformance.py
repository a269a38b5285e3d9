"""Conformance: the official `openai` SDK, sync and async, unchanged, against `vidloom serve`.

Every method the SDK offers for what vidloom serves: files.create (for a file_id reference),
videos.create / create_and_poll / retrieve / list (+ auto-paging) / delete / download_content
(video, thumbnail, spritesheet) / remix, and webhooks.unwrap on a webhook vidloom delivered to a
loopback receiver. Under sora-* names the MP4 is the requested OpenAI size and seconds x fps frames.
"""
from __future__ import annotations

import asyncio
import base64
import io
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import openai
import pytest
from PIL import Image

from vidloom.media import read_video
from vidloom.service.plans import get_plan

from ..service.helpers import Server, cli, new_key
from ..geometry import native_size

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # the SDK marks the Videos API deprecated
FPS = 8  # the server's default frame rate


class Receiver:
    """A loopback HTTP server that records every webhook POST (body and headers) and answers 200."""

    def __init__(self):
        received = self.received = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["content-length"]))
                received.append((body, {k.lower(): v for k, v in self.headers.items()}))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def event_for(self, video_id: str, timeout: float = 30) -> tuple[bytes, dict]:
        deadline = time.time() + timeout
        while time.time() < deadline:
            for body, headers in self.received:
                if json.loads(body)["data"]["id"] == video_id:
                    return body, headers
            time.sleep(0.2)
        raise AssertionError(f"no webhook for {video_id} in {timeout} s: {self.received}")


@pytest.fixture(scope="module")
def receiver():
    r = Receiver()
    yield r
    r.server.shutdown()


@pytest.fixture(scope="module")
def server(tmp_path_factory, receiver):
    server = Server(tmp_path_factory.mktemp("conformance"), VIDLOOM_RETENTION_HOURS="24")
    added = cli(server.env, "webhooks", "add", receiver.url)
    assert added.returncode == 0, added.stderr
    server.webhook_secret = added.stdout.split()[-1]
    yield server
    server.stop()


def png_bytes(colour=(200, 30, 30)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (320, 180), colour).save(buf, "PNG")
    return buf.getvalue()


def check_mp4(data: bytes, size: str, seconds: str, tmp_path) -> None:
    path = tmp_path / f"{size}.mp4"
    path.write_bytes(data)
    frames, fps = read_video(path)
    w, h = map(int, size.split("x"))
    assert frames.shape == (int(seconds) * FPS, h, w, 3) and fps == FPS


def test_sync_sdk_every_method(server, receiver, tmp_path):
    sdk = openai.OpenAI(base_url=server.url + "/v1", api_key=new_key(server.env, "sync@example.com", "pro"),
                        max_retries=0)
    # 1. files.create, then a video from it as {"file_id": ...}
    image = png_bytes()
    uploaded = sdk.files.create(file=("first.png", image, "image/png"), purpose="vision")
    assert (uploaded.object, uploaded.purpose, uploaded.bytes, uploaded.filename) == ("file", "vision", len(image), "first.png")
    assert sdk.files.retrieve(uploaded.id).id == uploaded.id
    assert sdk.files.content(uploaded.id).read() == image
    video = sdk.videos.create_and_poll(prompt="a red ball bouncing on green grass", model="sora-2", seconds="4",
                                       size="1280x720", poll_interval_ms=300,
                                       # openai 3.60's create() asserts input_reference is a file, so the
                                       # object form goes in extra_body (sent as input_reference[file_id])
                                       extra_body={"input_reference": {"file_id": uploaded.id}})
    assert video.status == "completed", video.error
    assert (video.model, video.seconds, video.size, video.progress) == ("sora-2", "4", "1280x720", 100)
    assert video.expires_at == pytest.approx(video.completed_at + 24 * 3600, abs=2)
    assert video._request_id.startswith("req_")
    details = httpx.get(f"{server.url}/v1/videos/{video.id}/details", headers={"Authorization": f"Bearer {sdk.api_key}"})
    assert details.json()["native_size"] == native_size()  # what vidloom-mini drew, resized to 1280x720
    # 2. download_content: the MP4 at the requested size, a WebP thumbnail, a JPEG spritesheet
    check_mp4(sdk.videos.download_content(video.id).read(), "1280x720", "4", tmp_path)
    thumb = sdk.videos.download_content(video.id, variant="thumbnail").read()
    assert thumb[:4] == b"RIFF" and thumb[8:12] == b"WEBP"
    assert sdk.videos.download_content(video.id, variant="spritesheet").read()[:3] == b"\xff\xd8\xff"
    # 3. the first frame is the uploaded image (i2v): red dominates it
    first = read_video(tmp_path / "1280x720.mp4")[0][0].reshape(-1, 3).mean(axis=0)
    assert first[0] > 150 and first[1] < 90, first
    # 4. remix, retrieve, list with auto-paging
    remix = sdk.videos.remix(video.id, prompt="a blue ball bouncing on green grass")
    assert remix.remixed_from_video_id == video.id and remix.status == "queued"
    remix = sdk.videos.poll(remix.id, poll_interval_ms=300)
    assert remix.status == "completed" and sdk.videos.retrieve(remix.id).size == "1280x720"
    assert [v.id for v in sdk.videos.list(limit=1)] == [remix.id, video.id]  # two pages of one
    # 5. the video.completed webhook verifies with the SDK's own unwrap, and a tampered one does not
    body, headers = receiver.event_for(video.id)
    event = sdk.webhooks.unwrap(body, headers, secret=server.webhook_secret)
    assert (event.type, event.object, event.data.id) == ("video.completed", "event", video.id)
    with pytest.raises(openai.InvalidWebhookSignatureError):
        sdk.webhooks.unwrap(body.replace(video.id.encode(), remix.id.encode()), headers, secret=server.webhook_secret)
    # 6. delete the video and the file
    assert sdk.videos.delete(remix.id).deleted
    with pytest.raises(openai.NotFoundError):
        sdk.videos.retrieve(remix.id)
    assert sdk.files.delete(uploaded.id).deleted
    with pytest.raises(openai.NotFoundError):
        sdk.files.retrieve(uploaded.id)
    assert [v.id for v in sdk.videos.list()] == [video.id]


def test_async_sdk_every_method(server, tmp_path):
    async def run():
        sdk = openai.AsyncOpenAI(base_url=server.url + "/v1", api_key=new_key(server.env, "async@example.com", "pro"),
                                 max_retries=0)
        data_url = "data:image/png;base64," + base64.b64encode(png_bytes((30, 30, 200))).decode()
        video = await sdk.videos.create_and_poll(prompt="a blue box moves right over a desert", model="sora-2-pro",
                                                 seconds="4", size="1024x1792", poll_interval_ms=300,
                                                 extra_body={"input_reference": {"image_url": data_url}})
        assert video.status == "completed", video.error
        assert (video.model, video.size) == ("sora-2-pro", "1024x1792")
        check_mp4(await (await sdk.videos.download_content(video.id)).aread(), "1024x1792", "4", tmp_path)
        thumb = await (await sdk.videos.download_content(video.id, variant="thumbnail")).aread()
        assert thumb[8:12] == b"WEBP"
        sheet = await (await sdk.videos.download_content(video.id, variant="spritesheet")).aread()
        assert sheet[:3] == b"\xff\xd8\xff"
        assert (await sdk.videos.retrieve(video.id)).id == video.id
        remix = await sdk.videos.remix(video.id, prompt="a green box moves right over a desert")
        remix = await sdk.videos.poll(remix.id, poll_interval_ms=300)
        assert remix.status == "completed"
        assert [v.id async for v in sdk.videos.list(limit=1, order="asc")] == [video.id, remix.id]
        assert (await sdk.videos.delete(video.id)).deleted
        assert [v.id async for v in sdk.videos.list()] == [remix.id]

    asyncio.run(run())


@pytest.mark.parametrize("model,size", [("sora-2-2025-12-08", "720x1280"), ("sora-2-pro-2025-10-06", "1792x1024")])
def test_dated_snapshots_make_their_sizes(server, tmp_path, model, size):
    sdk = openai.OpenAI(base_url=server.url + "/v1", api_key=new_key(server.env, f"{model}@example.com", "pro"),
                        max_retries=0)
    video = sdk.videos.create_and_poll(prompt="a yellow star spins in outer space", model=model, seconds="4",
                                       size=size, poll_interval_ms=300)
    assert video.status == "completed" and (video.model, video.size) == (model, size)
    check_mp4(sdk.videos.download_content(video.id).read(), size, "4", tmp_path)


def test_models_list_and_retrieve(server):
    sdk = openai.OpenAI(base_url=server.url + "/v1", api_key=new_key(server.env, "models@example.com"), max_retries=0)
    ids = [m.id for m in sdk.models.list()]
    assert {"sora-2", "sora-2-pro", "sora-2-2025-10-06", "sora-2-pro-2025-10-06", "sora-2-2025-12-08",
            "vidloom-mini"} <= set(ids)
    pro = sdk.models.retrieve("sora-2-pro")
    assert pro.object == "model" and pro.sizes == ["720x1280", "1280x720", "1024x1792", "1792x1024"]
    assert pro.native_sizes and pro.engine == "vidloom-mini"
    with pytest.raises(openai.NotFoundError):
        sdk.models.retrieve("sora-9")


def test_retrieve_asks_the_sdks_poll_loop_for_a_jittered_interval(server):
    """`openai-poll-after-ms` is what the SDK's poll loop waits: 500 ms give or take a fifth, drawn per
    answer, so clients that started together do not keep polling in step."""
    sdk = openai.OpenAI(base_url=server.url + "/v1", api_key=new_key(server.env, "poll@example.com"), max_retries=0)
    video = sdk.videos.create(prompt="a red ball", model="vidloom-mini", seconds="1")
    waits = [int(sdk.videos.with_raw_response.retrieve(video.id).headers["openai-poll-after-ms"]) for _ in range(20)]
    assert all(400 <= w <= 600 for w in waits) and len(set(waits)) > 1, waits


def test_rate_limit_errors_carry_openai_codes(server):
    sdk = openai.OpenAI(base_url=server.url + "/v1", api_key=new_key(server.env, "busy@example.com", "plus"),
                        max_retries=0)
    raw = [sdk.videos.with_raw_response.create(prompt="a pink heart rises over the ocean", seconds="4")
           for _ in range(2)]
    assert raw[1].headers["x-ratelimit-limit-requests"] == raw[1].headers["x-ratelimit-limit-videos"] == "50"
    assert raw[1].headers["x-ratelimit-remaining-requests"] == "48"
    assert raw[1].headers["x-request-id"].startswith("req_")
    made = [r.parse().id for r in raw]
    try:  # Plus runs two jobs at a time; more wait in its queue, up to the plan's queue length
        for _ in range(get_plan("plus").queued_jobs - 2):
            made.append(sdk.videos.create(prompt="a pink heart rises over the ocean", seconds="4").id)
        with pytest.raises(openai.RateLimitError) as e:
            sdk.videos.create(prompt="a pink heart rises over the ocean", seconds="4")
        assert e.value.body["code"] == "rate_limit_exceeded" and e.value.body["type"] == "requests"
    finally:
        for vid in made:
            sdk.videos.delete(vid)


def test_edit_and_extend(server, tmp_path):
    key = new_key(server.env, "edits@example.com", "pro")
    sdk = openai.OpenAI(base_url=server.url + "/v1", api_key=key, max_retries=0)
    source = sdk.videos.create_and_poll(prompt="a red ball moves left over a grass field", model="vidloom-mini",
                                        seconds="1", size=native_size(), poll_interval_ms=300)
    assert source.status == "completed"
    clip = sdk.videos.download_content(source.id).read()
    # 1. extend by {"id"} (JSON): the stitched total, at the source's size and model
    r = httpx.post(f"{server.url}/v1/videos/extensions", headers={"Authorization": f"Bearer {key}"},
                   json={"prompt": "the ball keeps rolling left", "seconds": "4", "video": {"id": source.id}})
    assert r.status_code == 200, r.text
    extended = sdk.videos.poll(r.json()["id"], poll_interval_ms=300)
    assert extended.status == "completed", extended.error
    assert (extended.seconds, extended.size, extended.model) == ("5", native_size(), "vidloom-mini")
    check_mp4(sdk.videos.download_content(extended.id).read(), native_size(), "5", tmp_path)
    # 2. edit an uploaded clip with the SDK (which sends the file): sora-2 at the clip's orientation
    edited = sdk.videos.edit(prompt="a blue ball moves left over a grass field", video=("clip.mp4", clip, "video/mp4"))
    edited = sdk.videos.poll(edited.id, poll_interval_ms=300)
    assert edited.status == "completed", edited.error
    assert (edited.model, edited.size, edited.seconds) == ("sora-2", "1280x720", "1")
    check_mp4(sdk.videos.download_content(edited.id).read(), "1280x720", "1", tmp_path)
    # 3. extend an uploaded clip with the SDK
    more = sdk.videos.extend(prompt="the ball keeps rolling left", seconds="4", video=("clip.mp4", clip, "video/mp4"))
    more = sdk.videos.poll(more.id, poll_interval_ms=300)
    assert more.status == "completed" and (more.size, more.seconds) == ("1280x720", "5")
    check_mp4(sdk.videos.download_content(more.id).read(), "1280x720", "5", tmp_path)
    # 4. bad requests: OpenAI's codes, and nothing queued
    before = len(list(sdk.videos.list()))
    for body, code, param in (({"prompt": "x", "seconds": "5", "video": {"id": source.id}}, "invalid_value", "seconds"),
                              ({"prompt": "x", "video": {"id": source.id}}, "missing_required_parameter", "seconds"),
                              ({"prompt": "x", "seconds": 4, "video": {"id": source.id}}, "invalid_type", "seconds"),
                              ({"prompt": "x", "seconds": "4", "video": "video_1"}, "invalid_type", "video"),
                              ({"prompt": "x", "seconds": "4", "loop": True, "video": {"id": source.id}},
                               "unknown_parameter", "loop")):
        r = httpx.post(f"{server.url}/v1/videos/extensions", headers={"Authorization": f"Bearer {key}"}, json=body)
        assert r.status_code == 400 and (r.json()["error"]["code"], r.json()["error"]["param"]) == (code, param), r.text
    assert len(list(sdk.videos.list())) == before
