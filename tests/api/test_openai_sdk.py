"""The official `openai` SDK, unchanged, against a live `vidloom serve` (embedded default)."""
from __future__ import annotations

from pathlib import Path

import httpx
import numpy as np
import openai
import pytest

from vidloom.media import read_metadata, read_video
from vidloom.media.provenance import verify

from ..service.helpers import Server, cli, free_port, new_key

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # the SDK marks the Videos API deprecated


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    server = Server(tmp_path_factory.mktemp("home"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def s3_server(tmp_path_factory):
    """`vidloom serve` storing its media in an S3 bucket (moto's S3-compatible server) instead of a folder."""
    import boto3
    from moto.server import ThreadedMotoServer

    port = free_port()
    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    moto.start()
    aws = {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_DEFAULT_REGION": "us-east-1"}
    endpoint = f"http://127.0.0.1:{port}"
    boto3.client("s3", endpoint_url=endpoint, aws_access_key_id="test", aws_secret_access_key="test",
                 region_name="us-east-1").create_bucket(Bucket="vidloom")
    server = Server(tmp_path_factory.mktemp("s3home"), VIDLOOM_STORAGE_URL="s3://vidloom/media",
                    VIDLOOM_S3_ENDPOINT_URL=endpoint, **aws)
    yield server
    server.stop()
    moto.stop()


@pytest.fixture(params=["local folder", "s3"])
def any_server(request):
    return request.getfixturevalue("server" if request.param == "local folder" else "s3_server")


def client(server: Server, key: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=server.url + "/v1", api_key=key, max_retries=0)


def test_sdk_create_poll_list_download_remix_delete(any_server, tmp_path):
    server = any_server
    key = new_key(server.env, "sdk@example.com", "pro")
    sdk = client(server, key)
    # 1. create_and_poll
    video = sdk.videos.create_and_poll(prompt="a red ball bouncing on green grass", model="vidloom-mini", seconds="2",
                                       size="1280x720", poll_interval_ms=200)
    assert video.status == "completed" and video.progress == 100 and video.error is None
    assert (video.model, video.seconds, video.size, video.object) == ("vidloom-mini", "2", "1280x720", "video")
    # 2. download the MP4, thumbnail and spritesheet
    mp4 = tmp_path / "v.mp4"
    sdk.videos.download_content(video.id).write_to_file(mp4)
    frames, fps = read_video(mp4)
    assert frames.shape == (16, 720, 1280, 3) and fps == 8.0  # 2 s at 8 fps, at the size the Video says
    assert read_metadata(mp4)["video_id"] == video.id
    assert sdk.videos.download_content(video.id, variant="thumbnail").read()[8:12] == b"WEBP"
    assert sdk.videos.download_content(video.id, variant="spritesheet").read()[:3] == b"\xff\xd8\xff"  # JPEG
    # 3. every MP4 carries a C2PA manifest signed by this install's chain
    result = verify(mp4, (Path(server.env["VIDLOOM_HOME"]) / "signing" / "root.pem").read_text())
    assert result.valid and result.trusted, result.problems
    assert result.generation["engine"] == "vidloom-mini" and result.generation["operation"] == "generate"
    proc = cli(server.env, "verify", str(mp4))
    assert proc.returncode == 0 and "Trusted" in proc.stdout, proc.stdout + proc.stderr
    # 4. remix, then list both, newest first, one page at a time
    remix = sdk.videos.remix(video.id, prompt="a blue ball bouncing on green grass")
    assert remix.status == "queued" and remix.remixed_from_video_id == video.id
    remix = sdk.videos.poll(remix.id, poll_interval_ms=200)
    assert remix.status == "completed"
    page = sdk.videos.list(limit=1)
    assert [v.id for v in page.data] == [remix.id] and page.has_more
    assert [v.id for v in page.get_next_page().data] == [video.id]
    assert [v.id for v in sdk.videos.list(order="asc")] == [video.id, remix.id]
    # 5. delete: gone from the API and its own files gone from storage (the source's stay)
    before = stored(server)
    assert len(before) == 6  # MP4, thumbnail and spritesheet of each (the remix read the source's MP4)
    deleted = sdk.videos.delete(remix.id)
    assert deleted.deleted and deleted.id == remix.id
    with pytest.raises(openai.NotFoundError) as e:
        sdk.videos.retrieve(remix.id)
    assert e.value.body["code"] == "video_not_found"
    assert [v.id for v in sdk.videos.list()] == [video.id]
    assert len(stored(server)) == 3 and set(stored(server)) < set(before)


def stored(server: Server) -> list[str]:
    """The files in the server's storage: its media folder, or its S3 bucket."""
    if "VIDLOOM_STORAGE_URL" not in server.env:
        return sorted(p.name for p in (Path(server.env["VIDLOOM_HOME"]) / "media").glob("*/*"))
    import boto3

    s3 = boto3.client("s3", endpoint_url=server.env["VIDLOOM_S3_ENDPOINT_URL"], aws_access_key_id="test",
                      aws_secret_access_key="test", region_name="us-east-1")
    return sorted(o["Key"] for o in s3.list_objects_v2(Bucket="vidloom").get("Contents", []))


def test_range_requests_and_bad_key(server):
    key = new_key(server.env, "range@example.com", "pro")
    video = client(server, key).videos.create_and_poll(prompt="a yellow star spins in outer space", model="vidloom-mini", seconds="1",
                                                       size="720x1280", poll_interval_ms=200)
    url, auth = f"{server.url}/v1/videos/{video.id}/content", {"Authorization": f"Bearer {key}"}
    whole = httpx.get(url, headers=auth).content
    part = httpx.get(url, headers={**auth, "Range": "bytes=10-109"})
    assert part.status_code == 206 and part.content == whole[10:110]
    assert part.headers["content-range"] == f"bytes 10-109/{len(whole)}"
    tail = httpx.get(url, headers={**auth, "Range": "bytes=-50"})
    assert tail.status_code == 206 and tail.content == whole[-50:]
    beyond = httpx.get(url, headers={**auth, "Range": f"bytes={len(whole)}-"})
    assert beyond.status_code == 416 and beyond.json()["error"]["code"] == "invalid_range"
    with pytest.raises(openai.AuthenticationError):
        client(server, "sk-vl-wrong").videos.list()


def test_plus_videos_carry_a_visible_watermark_and_pro_videos_do_not(server, tmp_path):
    same = dict(prompt="a green box moves right over a desert", model="vidloom-mini", seconds="1", size="1280x720", poll_interval_ms=200,
                extra_body={"seed": 7})
    frames = {}
    for plan in ("plus", "pro"):
        sdk = client(server, new_key(server.env, f"wm-{plan}@example.com", plan))
        video = sdk.videos.create_and_poll(**same)
        sdk.videos.download_content(video.id).write_to_file(tmp_path / f"{plan}.mp4")
        frames[plan] = read_video(tmp_path / f"{plan}.mp4")[0].astype(int)
    diff = np.abs(frames["plus"] - frames["pro"]).mean(axis=(0, 3))  # [H, W]
    h, w = diff.shape
    corner, rest = diff[h * 3 // 4:, w // 2:], diff[: h // 2]
    assert corner.mean() > 5 * max(rest.mean(), 0.5), (corner.mean(), rest.mean())


def test_what_the_world_cannot_draw_comes_back_as_notices(server):
    key = new_key(server.env, "notices@example.com", "pro")
    sdk = client(server, key)
    odd = sdk.videos.create_and_poll(prompt="a purple dragon dancing", model="vidloom-mini", seconds="1", poll_interval_ms=200)
    plain = sdk.videos.create_and_poll(prompt="a red ball bouncing on green grass", model="vidloom-mini", seconds="1",
                                       poll_interval_ms=200)
    assert odd.status == plain.status == "completed"
    auth = {"Authorization": f"Bearer {key}"}
    notices = httpx.get(f"{server.url}/v1/videos/{odd.id}", headers=auth).json()["notices"]  # an extension field
    assert any('"dragon" is not one of the world\'s objects' in n for n in notices), notices
    assert (odd.model_extra or {}).get("notices") == notices  # the SDK keeps it too
    assert httpx.get(f"{server.url}/v1/videos/{plain.id}", headers=auth).json()["notices"] is None
