"""The bar of one operations layer: every operation run through the CLI/Python path and through the
service's worker, with the same recording engine, gives the engine the same inputs (prompts with their
style words, known frames and their times, fps) and writes the same provenance."""
from __future__ import annotations

import numpy as np
import pytest
from fastapi.testclient import TestClient
from PIL import Image

from vidloom.api import create_app
from vidloom.media import read_metadata, read_video, write_mp4
from vidloom.operations.files import run
from vidloom.service import accounts
from vidloom.service.settings import Settings

from ..geometry import native, native_size
from ..service.helpers import wait_final
from .recording import RecordingEngine

FILE_ONLY = {"variation", "width", "height", "frames"}  # what each written file adds about itself
SERVICE_ONLY = {"video_id", "remixed_from_video_id", "input", "watermark"}


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    engine = RecordingEngine()
    settings = Settings(home=tmp_path_factory.mktemp("parity-home"), cookie_secure=False)
    with TestClient(create_app(settings, engine=engine)) as client:
        with client.app.state.service.db.session() as s:
            key = accounts.create_key(s, accounts.create_user(s, "parity@example.com", "pro"))  # no watermark
        yield client, {"Authorization": f"Bearer {key}"}, engine


def _download(client, auth, video_id, path):
    path.write_bytes(client.get(f"/v1/videos/{video_id}/content", headers=auth).content)
    return path


def _finish(client, auth, response, tmp_path, name):
    assert response.status_code == 200, response.text
    body = response.json()
    video_id = body["data"][0]["id"] if "data" in body else body["id"]
    done = wait_final(client, video_id, auth)
    assert done["status"] == "completed", done.get("error")
    return video_id, _download(client, auth, video_id, tmp_path / f"{name}-service.mp4")


@pytest.fixture(scope="module")
def sources(service, tmp_path_factory):
    """Two finished service videos (2 s, 16:9) and their MP4s, as inputs for both paths."""
    client, auth, engine = service
    folder = tmp_path_factory.mktemp("sources")
    made = {}
    for name, prompt, seed in (("a", "a red ball moves left over a grass field", 1),
                               ("b", "a blue star falls in outer space", 2)):
        r = client.post("/v1/studio/generate", json={"prompt": prompt, "seconds": 2, "size": "1280x720", "seed": seed},
                        headers=auth)
        made[name] = _finish(client, auth, r, folder, name)
    engine.take()
    return made


def _compare(engine, service_file, cli_file, service_calls):
    cli_calls = engine.take()
    assert cli_calls == service_calls
    ours, theirs = read_metadata(cli_file), read_metadata(service_file)
    shared = {k: v for k, v in ours.items() if k not in FILE_ONLY}
    assert set(theirs) - FILE_ONLY - SERVICE_ONLY == set(shared)
    assert {k: theirs[k] for k in shared} == shared
    return cli_calls


CASES = {  # operation: (studio body, input names -> source, parameters beyond the body's)
    "generate": ({"prompt": "a red ball bounces", "seconds": 2, "seed": 5,
                  "params": {"preset": "film-noir", "negative_prompt": "blur"}}, {}),
    "remix": ({"prompt": "a green ball moves left", "seconds": 2, "seed": 6, "params": {"strength": "strong"}},
              {"source": "a"}),
    "blend": ({"prompt": "a ball turns into a star", "seconds": 4, "seed": 7, "params": {"curve": "linear"}},
              {"first": "a", "second": "b"}),
    "loop": ({"prompt": "a red ball loops", "seconds": 2, "seed": 8, "params": {"length": "short", "preset": "neon"}},
             {"source": "a"}),
    "extend": ({"prompt": "the ball keeps moving", "seconds": 2, "seed": 9,
                "params": {"direction": "backward", "seconds": 1}}, {"source": "a"}),
    "long": ({"prompt": "a red ball rolls on", "seconds": 2, "seed": 12,
              "params": {"seconds": 5, "window": 2, "overlap": 0.5, "preset": "pastel"}}, {}),
    "recut": ({"prompt": "a cut", "seconds": 2, "seed": 10, "params": {"start": 0.5, "end": 1.5}}, {"source": "a"}),
    "storyboard": ({"prompt": "two scenes", "seconds": 4, "seed": 11, "params": {"preset": "archival", "cards": [
        {"prompt": "a red ball moves left over a grass field", "start": 0, "seconds": 2, "video": "clip"},
        {"prompt": "a blue star falls in outer space", "start": 2, "seconds": 2}]}}, {"clip": "a"}),
}


@pytest.mark.parametrize("operation", list(CASES))
def test_studio_operation_matches_the_python_path(service, sources, tmp_path, operation):
    client, auth, engine = service
    body, named = CASES[operation]
    ids = {name: sources[src][0] for name, src in named.items()}
    r = client.post(f"/v1/studio/{operation}", json={**body, "size": "1280x720", "inputs": ids}, headers=auth)
    _, service_file = _finish(client, auth, r, tmp_path, operation)
    service_calls = engine.take()
    assert service_calls or operation == "recut"
    values = {"prompt": body["prompt"], "seconds": body["seconds"], "seed": body["seed"], "aspect": "16:9", "fps": 8,
              **body["params"]}
    inputs = {name: sources[src][1] for name, src in named.items()}
    cli_file = tmp_path / f"{operation}-cli.mp4"
    run(operation, output=cli_file, inputs=inputs, engine=engine, **values)
    calls = _compare(engine, service_file, cli_file, service_calls)
    if operation == "storyboard":  # each card is sampled in the preset's style, on both paths
        assert all(c["prompt"].endswith("old archival film footage") or "turning into" in c["prompt"] for c in calls)
        assert calls[0]["prompt"] == "a red ball moves left over a grass field, old archival film footage"
    if operation == "recut":
        assert np.array_equal(read_video(service_file)[0], read_video(cli_file)[0])


def test_an_uploaded_clip_is_retimed_on_both_paths(service, tmp_path):
    """A 24 fps upload reaches the engine as 1 s at 8 fps (8 frames), not as its first raw frames."""
    client, auth, engine = service
    width, height = native()
    clip = np.stack([np.full((height, width, 3), 5 * k, np.uint8) for k in range(48)])  # 2 s at 24 fps, fading up
    upload = write_mp4(clip, tmp_path / "clip24.mp4", 24)
    with open(upload, "rb") as f:
        r = client.post("/v1/videos", data={"prompt": "a grey fade", "model": "vidloom-mini", "seconds": "1", "size": native_size(),
                                            "seed": "3"},
                        files={"input_reference": ("clip24.mp4", f, "video/mp4")}, headers=auth)
    _, service_file = _finish(client, auth, r, tmp_path, "upload")
    service_calls = engine.take()
    (known,) = service_calls[0]["known"]
    assert known["shape"] == (8, height, width, 3) and known["strength"] == 1.0
    cli_file = tmp_path / "upload-cli.mp4"
    run("generate", output=cli_file, inputs={"video": upload}, keep=1.0, prompt="a grey fade", seconds=1, seed=3,
        aspect="16:9", fps=8, engine=engine)
    _compare(engine, service_file, cli_file, service_calls)
    assert read_metadata(cli_file)["operation"] == "generate"


def test_an_uploaded_image_is_image_to_video_on_both_paths(service, tmp_path):
    client, auth, engine = service
    Image.fromarray(np.full((90, 160, 3), 200, np.uint8)).save(tmp_path / "still.png")
    with open(tmp_path / "still.png", "rb") as f:
        r = client.post("/v1/videos", data={"prompt": "a white field", "model": "vidloom-mini", "seconds": "1", "size": native_size(),
                                            "seed": "4"},
                        files={"input_reference": ("still.png", f, "image/png")}, headers=auth)
    _, service_file = _finish(client, auth, r, tmp_path, "image")
    service_calls = engine.take()
    assert [k["frame"] for k in service_calls[0]["known"]] == [0]
    cli_file = tmp_path / "image-cli.mp4"
    run("image_to_video", output=cli_file, inputs={"image": tmp_path / "still.png"}, prompt="a white field",
        seconds=1, seed=4, aspect="16:9", fps=8, engine=engine)
    _compare(engine, service_file, cli_file, service_calls)
    assert read_metadata(service_file)["operation"] == "image_to_video"
