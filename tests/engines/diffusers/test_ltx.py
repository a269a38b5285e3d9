"""LTX-Video: known frames at any position and strength, on a tiny random model built in code."""
from __future__ import annotations

import numpy as np
from conftest import cli, image

from vidloom.engines import get_engine
from vidloom.media import read_video
from vidloom.spec import Conditioning, GenerationRequest, VideoSpec

SPEC = dict(aspect="1:1", seconds=0.5, fps=24, steps=2, guidance=1.0)


def run(name, *conditioning, **spec):
    request = GenerationRequest(VideoSpec("a blue box moves right", **{**SPEC, **spec}), tuple(conditioning))
    return get_engine(name).generate(request)[0]


def changed(a: np.ndarray, b: np.ndarray) -> float:
    """Mean absolute difference: runs are deterministic, so any difference comes from the changed input."""
    return float(np.abs(a.astype(int) - b.astype(int)).mean())


def test_t2v_through_the_cli(tiny_model, tmp_path):
    name = tiny_model("ltx")
    caps = get_engine(name).capabilities
    assert caps.conditioning_frames and caps.video_to_video and caps.frame_step == 8 and caps.size_step == 32
    out = tmp_path / "ltx.mp4"
    proc = cli("generate", "a blue box moves right", "--engine", name, "--aspect", "1:1", "--duration", "0.5",
               "--fps", "24", "--steps", "2", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    frames, fps = read_video(out)
    assert frames.shape == (12, 32, 32, 3) and fps == 24
    assert changed(run(name), run(name, seed=1)) > 0.5  # shape, determinism: test_contract.py


def test_conditions_at_any_frame(tiny_model):
    name = tiny_model("ltx")
    base = run(name)
    first = run(name, Conditioning(image(1), 0))
    assert np.array_equal(first[0], image(1)) and changed(first[1:], base[1:]) > 0  # i2v
    middle = run(name, Conditioning(image(2), 6))
    assert np.array_equal(middle[6], image(2)) and changed(np.delete(middle, 6, 0), np.delete(base, 6, 0)) > 0
    loose = run(name, Conditioning(image(2), 6, strength=0.5))  # a hint, not a pin: not pasted back
    assert not np.array_equal(loose[6], image(2)) and changed(loose, base) > 0 and changed(loose, middle) > 0
    loop = run(name, Conditioning(image(3), 0), Conditioning(image(3), 11))  # first-last frame
    assert np.array_equal(loop[0], image(3)) and np.array_equal(loop[-1], image(3))
    clip = np.stack([image(s) for s in range(9)])
    extended = run(name, Conditioning(clip, 0))  # extend a clip forwards
    assert np.array_equal(extended[:9], clip) and changed(extended[9:], base[9:]) > 0


def test_v2v_strength(tiny_model):
    name = tiny_model("ltx")
    source = np.stack([image(s) for s in range(12)])
    keep = run(name, Conditioning(source, 0, strength=0.9))
    loose = run(name, Conditioning(source, 0, strength=0.1))
    assert keep.shape == (12, 32, 32, 3) and changed(keep, loose) > 0 and changed(keep, run(name)) > 0
