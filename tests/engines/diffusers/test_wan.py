"""Wan 2.1 / 2.2 through vidloom's engine API and CLI, on tiny random models built in code."""
from __future__ import annotations

import numpy as np
import pytest
from conftest import cli, image

from vidloom.engines import get_engine
from vidloom.engines.catalog import capabilities
from vidloom.errors import UserError
from vidloom.operations import check_request
from vidloom.operations.files import generate
from vidloom.media import read_metadata, read_video
from vidloom.spec import Conditioning, GenerationRequest, VideoSpec

SPEC = dict(aspect="1:1", seconds=0.5, fps=16, steps=2, guidance=1.0)


def run(name, *conditioning, progress=None, **spec):
    request = GenerationRequest(VideoSpec("a red ball moves left", **{**SPEC, **spec}), tuple(conditioning))
    return get_engine(name).generate(request, progress)


def changed(a: np.ndarray, b: np.ndarray) -> float:
    """Mean absolute difference in uint8 levels. Runs are deterministic (see the t2v test) and share
    seed and settings, so any difference comes from the one input that differs; a random tiny
    decoder shows it only faintly, hence thresholds of 0 for conditioning inputs."""
    return float(np.abs(a.astype(int) - b.astype(int)).mean())


def test_t2v_cli_writes_the_video_and_api_is_deterministic(tiny_model, tmp_path):
    name = tiny_model("wan-t2v")
    out = tmp_path / "t2v.mp4"
    proc = cli("generate", "a red ball moves left", "--engine", name, "--aspect", "1:1", "--duration", "0.5",
               "--fps", "16", "--steps", "2", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    frames, fps = read_video(out)
    assert frames.shape == (8, 32, 32, 3) and fps == 16
    assert read_metadata(out)["engine"] == name
    caps = get_engine(name).capabilities
    assert caps.text_to_video and caps.video_to_video and caps.frame_step == 4 and not caps.first_frame
    assert changed(run(name)[0], run(name, seed=1)[0]) > 0.5  # shape, determinism: test_contract.py


def test_t2v_variations_and_16_9(tiny_model):
    name = tiny_model("wan-t2v")
    videos = run(name, variations=2, aspect="16:9", fps=8)
    assert [v.shape for v in videos] == [(4, 32, 64, 3)] * 2  # 32 px short side, 16:9 on the 16 grid
    assert changed(videos[0], videos[1]) > 0.5


def test_native_sizes_and_frame_grid(tiny_model):
    from dataclasses import replace

    from vidloom.engines.diffusers.registry import load_registry
    from vidloom.engines.diffusers.wan import WanEngine

    entry = replace(load_registry()[tiny_model("wan-t2v")], resolution=None)
    engine = WanEngine.load(entry)
    assert engine.capabilities.sizes == {"16:9": (832, 480), "1:1": (624, 624), "9:16": (480, 832)}
    assert engine.capabilities.max_seconds == 5.06  # 81 frames at 16 fps
    assert [engine.native_frames(s) for s in (0.5, 2.0, 5.0, 9.0)] == [9, 33, 81, 81]  # 4k + 1
    with pytest.raises(UserError, match="out of range"):
        run(tiny_model("wan-t2v"), seconds=6.0)


def test_v2v_keeps_part_of_the_source_and_samples_fewer_steps(tiny_model):
    name = tiny_model("wan-t2v")
    source = np.stack([image(s) for s in range(8)])
    steps = []
    out = run(name, Conditioning(source, 0, strength=0.5), progress=lambda d, t: steps.append(t), steps=4)[0]
    assert steps[-1] == 2  # half the schedule: the other half is the source
    other = run(name, Conditioning(source[::-1].copy(), 0, strength=0.5), steps=4)[0]
    assert changed(out, other) > 0  # the source reaches the model
    with pytest.raises(UserError, match="strength 1"):
        run(name, Conditioning(source[:4], 0, strength=0.5))  # a loose clip under part of the video


def test_i2v_takes_the_image_as_first_frame(tiny_model, tmp_path):
    name = tiny_model("wan-i2v")  # Wan 2.1 I2V: one image embedding, first frame only
    caps = get_engine(name).capabilities
    assert caps.first_frame and not caps.last_frame and not caps.text_to_video
    first = image(1)
    out = run(name, Conditioning(first, 0))[0]
    assert np.array_equal(out[0], first)  # the image is the first frame
    other = run(name, Conditioning(image(3), 0))[0]
    assert changed(out[1:], other[1:]) > 0  # and the model sees it: later frames depend on it
    with pytest.raises(UserError, match="last_frame"):
        run(name, Conditioning(first, 0), Conditioning(image(2), 7))
    # the Python API writes it like any other video
    path = generate("a red ball", engine=name, output=tmp_path / "i2v.mp4", image=first,
                    **SPEC)[0]
    frames, _ = read_video(path)
    assert changed(frames[0], first) < 6  # only the MP4's lossy coding between them


def test_first_last_frame(tiny_model):
    name = tiny_model("wan-flf")  # Wan 2.1 FLF2V
    caps = capabilities(name)  # read from the folder before the model loads: what the API checks at submit
    assert caps == get_engine(name).capabilities and caps.last_frame and caps.needs_last_frame
    with pytest.raises(UserError, match=r"\(first_frame_alone\)") as info:  # a first image alone: refused at submit
        check_request("image_to_video", {"prompt": "a red ball"}, {"image": "image"}, caps, name)
    assert info.value.param == "model"
    check_request("image_to_video", {"prompt": "a red ball"}, {"image": "image", "last_image": "image"}, caps, name)
    assert capabilities(tiny_model("wan-i2v")).first_frame_alone  # Wan 2.1 I2V starts from one image
    first, last = image(1), image(2)
    flf = run(name, Conditioning(first, 0), Conditioning(last, 7))[0]
    assert np.array_equal(flf[0], first) and np.array_equal(flf[-1], last)
    other = run(name, Conditioning(first, 0), Conditioning(image(3), 7))[0]
    assert changed(flf[1:-1], other[1:-1]) > 0  # the last image shapes the frames before it
    with pytest.raises(UserError, match="conditioning_frames"):
        run(name, Conditioning(first, 0), Conditioning(last, 4))
    with pytest.raises(UserError, match="last image"):
        run(name, Conditioning(first, 0))


def test_wan22_two_experts_and_ti2v(tiny_model):
    a14b = tiny_model("wan-a14b")
    engine = get_engine(a14b)
    assert len(engine.transformers()) == 2 and not engine.capabilities.video_to_video
    ti2v = tiny_model("wan-ti2v")
    caps = get_engine(ti2v).capabilities
    assert caps.text_to_video and caps.first_frame and not caps.last_frame and caps.size_step == 32
    t2v = run(ti2v, fps=24)[0]
    i2v = run(ti2v, Conditioning(image(1), 0), fps=24)[0]
    assert t2v.shape == i2v.shape == (12, 32, 32, 3)
    assert np.array_equal(i2v[0], image(1)) and changed(i2v[1:], t2v[1:]) > 0


def test_wan22_a14b_i2v_first_and_last_frame(tiny_model):
    name = tiny_model("wan-a14b-i2v")
    caps = get_engine(name).capabilities
    assert caps.first_frame and caps.last_frame and not caps.text_to_video
    flf = run(name, Conditioning(image(1), 0), Conditioning(image(2), 7))[0]
    assert np.array_equal(flf[0], image(1)) and np.array_equal(flf[-1], image(2))
    first_only = run(name, Conditioning(image(1), 0))[0]
    assert changed(flf[1:-1], first_only[1:-1]) > 0


def test_vace_takes_frames_anywhere(tiny_model):
    name = tiny_model("wan-vace")
    assert get_engine(name).capabilities.conditioning_frames
    mid = image(4)
    out = run(name, Conditioning(mid, 4))[0]
    assert np.array_equal(out[4], mid)
    other = run(name, Conditioning(image(5), 4))[0]
    assert changed(np.delete(out, 4, 0), np.delete(other, 4, 0)) > 0
    clip = np.stack([image(s) for s in range(3)])
    extended = run(name, Conditioning(clip, 0), Conditioning(image(6), 7))[0]
    assert np.array_equal(extended[:3], clip) and np.array_equal(extended[7], image(6))
    with pytest.raises(UserError, match="strength"):
        run(name, Conditioning(mid, 4, strength=0.5))
