"""CogVideoX: text-to-video, video-to-video and image-to-video on tiny random models built in code."""
from __future__ import annotations

import numpy as np
import pytest
from conftest import cli, image

from vidloom.engines import get_engine
from vidloom.errors import UserError
from vidloom.media import read_video
from vidloom.spec import Conditioning, GenerationRequest, VideoSpec

SPEC = dict(aspect="1:1", seconds=1.0, fps=8, steps=2, guidance=1.0)


def run(name, *conditioning, progress=None, **spec):
    request = GenerationRequest(VideoSpec("a green star flies", **{**SPEC, **spec}), tuple(conditioning))
    return get_engine(name).generate(request, progress)[0]


def changed(a: np.ndarray, b: np.ndarray) -> float:
    """Mean absolute difference: runs are deterministic, so any difference comes from the changed input."""
    return float(np.abs(a.astype(int) - b.astype(int)).mean())


def test_t2v_cli_and_v2v(tiny_model, tmp_path):
    name = tiny_model("cogvideox-t2v")
    caps = get_engine(name).capabilities
    assert caps.text_to_video and caps.video_to_video and not caps.first_frame
    out = tmp_path / "cog.mp4"
    proc = cli("generate", "a green star flies", "--engine", name, "--aspect", "1:1", "--duration", "1",
               "--steps", "2", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    frames, fps = read_video(out)
    assert frames.shape == (8, 16, 16, 3) and fps == 8
    base = run(name)
    assert changed(base, run(name, seed=1)) > 0.5  # shape, determinism, refusals: test_contract.py
    source = np.stack([image(s, 16) for s in range(8)])
    totals = []
    v2v = run(name, Conditioning(source, 0, strength=0.5), progress=lambda d, t: totals.append(t), steps=4)
    assert totals[-1] == 2 and changed(v2v, base) > 0  # half the schedule, from the source


def test_i2v(tiny_model):
    name = tiny_model("cogvideox-i2v")
    caps = get_engine(name).capabilities
    assert caps.first_frame and not caps.text_to_video and caps.sizes == {"1:1": (16, 16)}
    out = run(name, Conditioning(image(1, 16), 0))
    assert np.array_equal(out[0], image(1, 16))
    assert changed(out[1:], run(name, Conditioning(image(2, 16), 0))[1:]) > 0
    with pytest.raises(UserError, match="16:9"):
        run(name, Conditioning(image(1, 16), 0), aspect="16:9")
