"""The shipped worldbench detector reads fresh renders of the world correctly."""
import numpy as np
import pytest
import torch

from vidloom.world import render, scene_for
from vidloom.world.vocab import COLOURS, OBJECTS, SETTINGS

from bench.detector import WEIGHTS, describe_clip, direction_of, load_detector

SIZES = ((128, 128), (224, 128), (128, 224))


@pytest.fixture(scope="module")
def det():
    assert WEIGHTS.exists(), "bench/detector.safetensors is missing: python -m bench.detector --train"
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # tiny batches: one thread is fastest and leaves the machine to others
    yield load_detector()
    torch.set_num_threads(threads)


def test_attributes_on_fresh_renders(det):
    rng = np.random.default_rng(4321)
    right = {"colour": 0, "kind": 0, "setting": 0}
    n = 18
    for i in range(n):
        colour, kind, setting = rng.choice(list(COLOURS)), rng.choice(OBJECTS), rng.choice(SETTINGS)
        motion = str(rng.choice(["still", "spins", "grows", "left", "up"]))
        w, h = SIZES[i % 3]
        frames, _ = render(scene_for(colour, kind, motion, setting, seed=10_000 + i), w, h, fps=1, seconds=4)
        info = describe_clip(frames, det)
        right["colour"] += info["colour"] == colour
        right["kind"] += info["kind"] == kind
        right["setting"] += info["setting"] == setting
    for attr, k in right.items():
        assert k / n >= 0.9, (attr, k, n)


@pytest.mark.parametrize("motion,expected", [("left", "left"), ("right", "right"), ("up", "up"), ("down", "down"),
                                             ("falls", "down"), ("rises", "up"), ("still", "none")])
def test_direction_from_the_centre_track(det, motion, expected):
    frames, truth = render(scene_for("red", "ball", motion, "grass field", seed=77), 224, 128, fps=4, seconds=4)
    info = describe_clip(frames, det)
    assert info["direction"] == expected
    assert info["consistency"] >= 0.9
    err = np.abs(info["centres"] - truth.centers[:, 0] / (224, 128)).max()
    assert err < 0.08


def test_direction_threshold():
    t = np.linspace(0, 1, 32)[:, None]
    assert direction_of(np.hstack([0.5 - 0.3 * t, 0.5 + 0 * t])) == "left"
    assert direction_of(np.hstack([0.5 + 0 * t, 0.5 + 0.3 * t])) == "down"
    assert direction_of(np.hstack([0.5 + 0.05 * t, 0.5 - 0.05 * t])) == "none"


def test_detector_is_small(det):
    assert sum(p.numel() for p in det.parameters()) < 600_000
    assert WEIGHTS.stat().st_size < 3_000_000
    with torch.no_grad():
        out = det(torch.zeros(2, 3, 64, 64))
    assert out["kind"].shape == (2, len(OBJECTS)) and out["centre"].shape == (2, 2)
