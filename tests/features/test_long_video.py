"""Long videos: sliding windows that carry their last frames forward; seams like extend's (<= 2x the median change)."""

import numpy as np
import pytest

from vidloom.errors import UserError
from vidloom.features.long_video import joins, long_video, seams, windows
from vidloom.spec import VideoSpec

from ..geometry import native
from .conftest import STEPS, needs_weights

SPEC = VideoSpec("a red ball moves right over a grass field", seconds=5, steps=STEPS, seed=1)


def test_window_arithmetic():
    assert windows(40, 16, 4) == 3 and joins(40, 16, 4) == [12, 24]
    assert windows(16, 16, 4) == 1 and joins(16, 16, 4) == []
    assert windows(17, 16, 4) == 2 and windows(1000, 128, 8) == 9


@needs_weights
def test_three_windows_make_one_video_without_seams(engine):
    steps = []
    (video,) = long_video(engine, SPEC, window=2, overlap=0.5, progress=lambda done, total: steps.append((done, total)))
    assert video.shape == (40, *native()[::-1], 3) and video.dtype == np.uint8
    assert steps[-1][0] == steps[-1][1] == 3 * STEPS  # three engine calls on one progress bar
    found = seams(video, 16, 4)  # every step into a frame the next window rendered, over the median step
    assert len(found) == len(joins(40, 16, 4)) == 2 and max(found) <= 2.0, found
    (again,) = long_video(engine, SPEC, window=2, overlap=0.5)
    assert np.array_equal(video, again)  # deterministic for a seed


@needs_weights
def test_variations_and_bad_windows(engine):
    videos = long_video(engine, VideoSpec(SPEC.prompt, seconds=3, steps=2, seed=1, variations=2), window=2)
    assert [v.shape[0] for v in videos] == [24, 24] and not np.array_equal(videos[0], videos[1])
    for kw, words, param in [(dict(window=20), "out of range", "window"),
                             (dict(window=2, overlap=2), "must be shorter", "overlap"),
                             (dict(window=2, overlap=0), "at least one frame", "overlap")]:
        with pytest.raises(UserError, match=words) as info:
            long_video(engine, SPEC, **kw)
        assert info.value.param == param
    with pytest.raises(UserError, match="237 engine calls, more than 200"):  # 4-frame windows, 1 new frame each
        long_video(engine, VideoSpec(SPEC.prompt, seconds=30), window=0.5, overlap=0.375)
    with pytest.raises(UserError, match="up to 600 seconds"):
        long_video(engine, VideoSpec(SPEC.prompt, seconds=601), window=2)
