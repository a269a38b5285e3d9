"""POST /v1/videos/characters and GET /v1/videos/characters/{id} through the official SDK against a live
`vidloom serve`, and a later prompt that names the character."""
from __future__ import annotations

import io

import httpx
import numpy as np
import openai
import pytest
from PIL import Image

from vidloom.media import read_video, write_mp4
from vidloom.service.characters import dominant_colour
from vidloom.world.grounding import ground
from vidloom.world.render import render
from vidloom.world.scene import scene_for

from ..service.helpers import Server, new_key
from ..geometry import native_size

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # the SDK marks the Videos API deprecated


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    # the model's default steps: the look of what it draws is judged, and 2 steps give blobs whose colour bleeds
    server = Server(tmp_path_factory.mktemp("characters"), VIDLOOM_STEPS="12")
    yield server
    server.stop()


def world_clip(tmp_path, colour: str, kind: str, motion: str, setting: str, metadata: dict | None = None) -> bytes:
    """An MP4 of the world's renderer: one object of `colour` and `kind` doing `motion` in `setting`."""
    frames, _ = render(scene_for(colour, kind, motion, setting, seed=3), 224, 128, 8, 2)
    path = write_mp4(frames, tmp_path / f"{colour}-{kind}.mp4", 8, metadata=metadata)
    return path.read_bytes()


def sdk_for(server, email: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=server.url + "/v1", api_key=new_key(server.env, email, "pro"), max_retries=0)


def test_create_and_get_a_character_with_the_sdk(server, tmp_path):
    sdk = sdk_for(server, "cast@example.com")
    clip = world_clip(tmp_path, "blue", "star", "left", "grass field")
    made = sdk.videos.create_character(name="Sparky the star", video=("sparky.mp4", clip, "video/mp4"))
    assert made.id.startswith("char_") and made.name == "Sparky the star" and made.created_at > 0
    # what was read from the clip: the colour from its frames, the object from the name
    look = made.model_extra["look"]
    assert (look["colour"], look["colour_from"], look["kind"], look["kind_from"]) == ("blue", "frames", "star", "name")
    assert look["description"] == "a blue star" and look["colour_share"] > 0.01 and look["clip_prompt"] is None
    got = sdk.videos.get_character(made.id)
    assert (got.id, got.name, got.created_at, got.model_extra["look"]) == (made.id, made.name, made.created_at, look)
    # another user cannot see it; an unknown id is 404 too
    with pytest.raises(openai.NotFoundError):
        sdk_for(server, "other@example.com").videos.get_character(made.id)
    with pytest.raises(openai.NotFoundError):
        sdk.videos.get_character("char_000000000000000000000000")


def test_a_prompt_naming_the_character_gets_its_look(server, tmp_path):
    sdk = sdk_for(server, "rosie@example.com")
    # a clip vidloom made carries its prompt: the object comes from it, the colour from the frames
    clip = world_clip(tmp_path, "pink", "heart", "spins", "desert", metadata={"prompt": "a pink heart spins in a desert"})
    rosie = sdk.videos.create_character(name="Rosie", video=("rosie.mp4", clip, "video/mp4"))
    look = rosie.model_extra["look"]
    assert (look["kind"], look["kind_from"], look["colour"]) == ("heart", "clip prompt", "pink")
    assert look["clip_prompt"] == "a pink heart spins in a desert"
    video = sdk.videos.create(prompt="Rosie bounces over a grass field", model="vidloom-mini", seconds="1", size=native_size(),
                              extra_body={"seed": 1})
    assert video.prompt == "a pink heart bounces over a grass field"
    slots = ground(video.prompt).slots
    assert (slots.kind, slots.colour, slots.motion, slots.setting) == ("heart", "pink", "bounces", "grass field")
    assert sdk.videos.poll(video.id, poll_interval_ms=300).status == "completed"
    # the video vidloom-mini drew shows Rosie's colour, and a character read from it is Rosie's look again
    made = tmp_path / "made.mp4"
    made.write_bytes(sdk.videos.download_content(video.id).read())
    assert dominant_colour(read_video(made)[0])[0] == "pink"
    again = sdk.videos.create_character(name="Rosie again", video=("made.mp4", made.read_bytes(), "video/mp4"))
    assert again.model_extra["look"]["description"] == "a pink heart"
    # by @name and by id, any case; a word that only contains the name is left alone
    by_id = sdk.videos.create(prompt=f"{rosie.id} falls past @rosie, and Rosiebud stays", model="vidloom-mini",
                              seconds="1", size=native_size())
    assert by_id.prompt == "a pink heart falls past a pink heart, and Rosiebud stays"
    # someone else's prompt with the same name is not touched
    other = sdk_for(server, "not-rosie@example.com").videos.create(prompt="Rosie bounces", model="vidloom-mini",
                                                                  seconds="1", size=native_size())
    assert other.prompt == "Rosie bounces"


def test_bad_requests_are_refused_and_nothing_is_kept(server, tmp_path):
    key = new_key(server.env, "bad-cast@example.com", "pro")
    sdk = openai.OpenAI(base_url=server.url + "/v1", api_key=key, max_retries=0)
    clip = world_clip(tmp_path, "red", "ball", "bounces", "ocean")
    png = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 30, 30)).save(png, "PNG")
    auth = {"Authorization": f"Bearer {key}"}
    cases = (
        ({"data": {"name": "Rex"}, "files": {"video": ("r.png", png.getvalue(), "image/png")}}, "invalid_file", "video"),
        ({"data": {"name": "Rex"}, "files": {"video": ("r.mp4", b"not a video", "video/mp4")}}, "invalid_file", "video"),
        ({"files": {"video": ("r.mp4", clip, "video/mp4")}}, "missing_required_parameter", "name"),
        ({"data": {"name": "  "}, "files": {"video": ("r.mp4", clip, "video/mp4")}}, "empty_string", "name"),
        ({"data": {"name": "a naked person"}, "files": {"video": ("r.mp4", clip, "video/mp4")}}, "moderation_blocked", "name"),
        ({"data": {"name": "Rex", "seed": "1"}, "files": {"video": ("r.mp4", clip, "video/mp4")}}, "unknown_parameter", "seed"),
        ({"json": {"name": "Rex", "video": "video_1"}}, "invalid_type", "video"),
    )
    for request, code, param in cases:
        r = httpx.post(f"{server.url}/v1/videos/characters", headers=auth, **request)
        assert r.status_code == 400, (code, r.text)
        assert (r.json()["error"]["code"], r.json()["error"]["param"]) == (code, param)
    # a clip over the 1 MiB limit of plain bodies is an upload like any other
    noise = np.random.default_rng(0).integers(0, 256, (24, 240, 320, 3), dtype=np.uint8)
    big = write_mp4(noise, tmp_path / "noise.mp4", 8).read_bytes()
    assert len(big) > 1024 * 1024
    assert sdk.videos.create_character(name="Static", video=("noise.mp4", big, "video/mp4")).name == "Static"
    # nothing was made by the refusals: the name is still free, and then taken
    made = sdk.videos.create_character(name="Rex", video=("r.mp4", clip, "video/mp4"))
    assert made.model_extra["look"]["colour"] == "red"
    with pytest.raises(openai.BadRequestError) as taken:
        sdk.videos.create_character(name="rex", video=("r.mp4", clip, "video/mp4"))
    assert taken.value.code == "duplicate_name"
