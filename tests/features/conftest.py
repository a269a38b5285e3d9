"""Shared fixtures: one loaded vidloom-mini for the session, rendered world clips as real inputs."""
from __future__ import annotations

import pytest

from vidloom.engines.builtin import WEIGHTS
from vidloom.media import write_mp4
from vidloom.media.metrics import frame_steps, psnr  # noqa: F401 - the suite's tests import them from here
from vidloom.world import render, scene_for

from ..geometry import native

needs_weights = pytest.mark.skipif(not (WEIGHTS / "dit.safetensors").exists(), reason="weights not trained yet")
STEPS = 4  # few sampler steps keep the fast suite fast; the bars are measured on what comes out


@pytest.fixture(scope="session")
def engine():
    if not (WEIGHTS / "dit.safetensors").exists():
        pytest.skip("weights not trained yet")
    from vidloom.engines import get_engine

    return get_engine("vidloom-mini")


@pytest.fixture(scope="session")
def red_ball():
    """A red ball moving right over grass, 4 s at 8 fps, at vidloom-mini's 16:9 size (224x128 plain), with its
    ground truth: what the engine gives back where it keeps known frames."""
    return render(scene_for("red", "ball", "right", "grass field", seed=3), *native(), fps=8, seconds=4)


@pytest.fixture(scope="session")
def yellow_star():
    frames, _ = render(scene_for("yellow", "star", "left", "desert", seed=4), *native(), fps=8, seconds=4)
    return frames


@pytest.fixture()
def clip_file(tmp_path, red_ball):
    path = tmp_path / "source.mp4"
    write_mp4(red_ball[0], path, 8, {"prompt": "a red ball moves right over a grass field"})
    return path
