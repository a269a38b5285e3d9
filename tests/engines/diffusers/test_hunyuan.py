"""HunyuanVideo text-to-video on a tiny random model built in code."""
from __future__ import annotations

import numpy as np
from conftest import cli, image

from vidloom.engines import get_engine
from vidloom.media import read_metadata, read_video
from vidloom.spec import Conditioning, GenerationRequest, VideoSpec


def run(name, *conditioning, **spec):
    spec = {**dict(aspect="1:1", seconds=0.5, fps=24, steps=2), **spec}
    return get_engine(name).generate(GenerationRequest(VideoSpec("the bird flies over the ocean", **spec),
                                                       tuple(conditioning)))[0]


def test_t2v(tiny_model, tmp_path):
    name = tiny_model("hunyuan")
    caps = get_engine(name).capabilities
    assert caps.text_to_video and not (caps.first_frame or caps.video_to_video or caps.conditioning_frames)
    out = tmp_path / "hy.mp4"
    proc = cli("generate", "the bird flies over the ocean", "--engine", name, "--aspect", "1:1",
               "--duration", "0.5", "--fps", "24", "--steps", "2", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    frames, _ = read_video(out)
    assert frames.shape == (12, 16, 16, 3) and read_metadata(out)["engine"] == name
    a, b = run(name), run(name, guidance=2.0)
    assert np.abs(a.astype(int) - b.astype(int)).mean() > 0  # guidance is embedded


def test_i2v(tiny_model):
    name = tiny_model("hunyuan-i2v")
    caps = get_engine(name).capabilities
    assert caps.first_frame and not caps.text_to_video
    out = run(name, Conditioning(image(1, 16), 0))
    assert np.array_equal(out[0], image(1, 16))  # shape, determinism, refusals: test_contract.py
    other = run(name, Conditioning(image(2, 16), 0))
    assert np.abs(out[1:].astype(int) - other[1:]).mean() > 0  # the image reaches the model
    guided = run(name, Conditioning(image(1, 16), 0), guidance=3.0, negative_prompt="blurry")
    assert np.abs(out[1:].astype(int) - guided[1:]).mean() > 0  # true CFG with the negative prompt
