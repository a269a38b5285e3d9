"""Image-to-video: any still becomes the chosen frame (>= 28 dB through the MP4) and the scene moves."""
import numpy as np
import pytest
from PIL import Image

from vidloom.errors import UserError
from vidloom.features.base import fit
from vidloom.operations.files import animate
from vidloom.media import read_metadata, read_video
from vidloom.spec import VideoSpec

from ..geometry import native
from .conftest import STEPS, frame_steps, needs_weights, psnr

pytestmark = needs_weights
PROMPT = "a red ball moves right over a grass field"


@pytest.mark.parametrize("fmt,size,frame", [("PNG", native(), 0), ("JPEG", (333, 181), 0), ("WEBP", (500, 500), 8)])
def test_the_image_becomes_the_frame_and_the_scene_moves(engine, tmp_path, red_ball, fmt, size, frame):
    path = tmp_path / f"still.{fmt.lower()}"
    Image.fromarray(red_ball[0][0]).resize(size, Image.LANCZOS).save(path, format=fmt, quality=95)
    (out,) = animate(path, PROMPT, frame=frame, seconds=2, steps=STEPS, engine=engine, output=tmp_path / "out.mp4")
    video, fps = read_video(out)
    spec = VideoSpec(PROMPT, aspect=read_metadata(out)["aspect"], seconds=2)
    expected = fit(engine, np.asarray(Image.open(path).convert("RGB")), fps, spec)  # the input, cropped and resized
    assert psnr(video[frame], expected) >= 28.0
    assert frame_steps(video).mean() > 0.5  # it moves: not a still repeated
    meta = read_metadata(out)
    assert meta["operation"] == "image_to_video" and meta["frame"] == frame
    assert meta["inputs"][0]["role"] == "image" and len(meta["inputs"][0]["sha256"]) == 64


def test_the_aspect_ratio_follows_the_image(engine, tmp_path, red_ball):
    path = tmp_path / "tall.png"
    Image.fromarray(red_ball[0][0]).resize((90, 160)).save(path)
    (out,) = animate(path, PROMPT, seconds=1, steps=2, engine=engine, output=tmp_path / "out.mp4")
    assert read_video(out)[0].shape[1:3] == native("9:16")[::-1]  # (height, width)


@pytest.mark.parametrize("content", [b"", b"GIF89a not really", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40])
def test_a_corrupt_image_is_refused_and_nothing_is_written(engine, tmp_path, content):
    path = tmp_path / "bad.png"
    path.write_bytes(content)
    with pytest.raises(UserError, match="bad.png"):
        animate(path, PROMPT, engine=engine, output=tmp_path / "out.mp4")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.png"]


def test_a_frame_outside_the_clip_is_refused(engine, tmp_path, red_ball):
    path = tmp_path / "still.png"
    Image.fromarray(red_ball[0][0]).save(path)
    with pytest.raises(UserError, match="frame 40 is outside the clip"):
        animate(path, PROMPT, frame=40, seconds=2, engine=engine, output=tmp_path / "out.mp4")
    assert not (tmp_path / "out.mp4").exists()
