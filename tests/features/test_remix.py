"""Remix: stronger means farther from the source; a colour prompt recolours the ball and keeps its path."""
import copy
from dataclasses import replace

import numpy as np
import pytest

from vidloom.errors import UserError
from vidloom.features import STRENGTHS, remix
from vidloom.features.remix import remix_strength
from vidloom.spec import VideoSpec

from ..geometry import UPSCALE
from .conftest import STEPS, needs_weights

pytestmark = needs_weights
BLUE = VideoSpec("a blue ball moves right over a grass field", seconds=4, steps=STEPS, seed=1)


def _object_colour(video: np.ndarray, truth) -> np.ndarray:
    """Mean RGB inside the source ball's ground-truth disc (half its radius), over all frames."""
    t, h, w, _ = video.shape
    y, x = np.mgrid[0:h, 0:w]
    inside = [(x - cx) ** 2 + (y - cy) ** 2 < (0.5 * r) ** 2 for (cx, cy), r in zip(truth.centers[:, 0], truth.scales[:, 0])]
    return np.mean([video[i][m].mean(0) for i, m in enumerate(inside)], axis=0)


def _track(video: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """Per-frame centroid of the pixels that differ from the clip's median background (the moving object)."""
    background = np.median(reference.astype(np.float32), axis=0)
    out = []
    for f in video.astype(np.float32):
        moving = np.abs(f - background).max(-1) > 40
        ys, xs = np.nonzero(moving)
        out.append((xs.mean(), ys.mean()) if len(xs) else (np.nan, np.nan))
    return np.array(out)


def test_named_and_numeric_strengths():
    assert STRENGTHS["subtle"] < STRENGTHS["mild"] < STRENGTHS["strong"]
    assert remix_strength("Strong") == STRENGTHS["strong"] and remix_strength("0.4") == 0.4 and remix_strength(1) == 1.0
    for bad in ("wild", 0, 1.5, -0.2, "2"):
        with pytest.raises(UserError, match="strength"):
            remix_strength(bad)


def test_stronger_is_farther_and_the_path_survives_a_recolour(engine, red_ball):
    frames, truth = red_ball
    distance, colour, track = {}, {}, {}
    for name in ("subtle", "mild", "strong", 1.0):
        (video,) = remix(engine, frames, 8, BLUE, name)
        distance[name] = float(np.abs(video.astype(np.float32) - frames).mean())
        colour[name] = _object_colour(video, truth)
        track[name] = np.nanmean(np.linalg.norm(_track(video, frames) - truth.centers[:, 0], axis=-1))
    d = [distance[k] for k in ("subtle", "mild", "strong", 1.0)]
    assert d == sorted(d) and d[-1] > d[0] + 3.0  # monotonic in strength
    src = _object_colour(frames, truth)
    # the ball turns towards blue: less red, more blue than the source, at mild already
    assert colour["mild"][2] - colour["mild"][0] > src[2] - src[0] + 30
    # the motion path stays close: measured 2.4 px (subtle) and 7.1 px (mild) on a 224 px wide frame (the plain
    # model's; an output head's frames are UPSCALE times as wide, and so are the pixels)
    assert track["subtle"] <= 4.0 * UPSCALE and track["mild"] <= 8.0 * UPSCALE


def test_an_engine_without_video_to_video_is_told_so(engine, red_ball):
    plain = copy.copy(engine)
    plain.capabilities = replace(engine.capabilities, video_to_video=False)
    with pytest.raises(UserError, match="remix needs an engine with video to video, and vidloom-mini"):
        remix(plain, red_ball[0], 8, BLUE, "mild")
