"""Re-cut: trim by time; extend forwards or backwards, continuous at the join (<= 2x the median change)."""

import numpy as np
import pytest

from vidloom.errors import UserError
from vidloom.features import extend, trim
from vidloom.operations.files import extend as extend_file, recut
from vidloom.features.recut import join_ratio
from vidloom.media import read_metadata, read_video
from vidloom.spec import VideoSpec

from .conftest import STEPS, needs_weights, psnr

SPEC = VideoSpec("a red ball moves right over a grass field", seconds=2, steps=STEPS, seed=1)


def test_trim_keeps_the_frames_of_the_range(red_ball):
    frames = red_ball[0]
    assert np.array_equal(trim(frames, 8, 1.0, 2.5), frames[8:20])
    assert np.array_equal(trim(frames, 8, 3.0), frames[24:])
    for start, end, words in [(-1, 2, "before the clip begins"), (2, 2, "must come after"), (1, 9, "outside the clip"),
                              (4.5, None, "outside the clip")]:
        with pytest.raises(UserError, match=words):
            trim(frames, 8, start, end)


def test_recut_writes_the_range_with_provenance(tmp_path, clip_file, red_ball):
    (out,) = recut(clip_file, start=1, end=3, output=tmp_path / "cut.mp4")
    video, fps = read_video(out)
    assert len(video) == 16 and fps == 8
    assert psnr(video, read_video(clip_file)[0][8:24]) >= 30.0  # the same frames, re-encoded
    meta = read_metadata(out)
    assert meta["operation"] == "recut" and meta["start"] == 1 and meta["end"] == 3
    assert meta["prompt"] == "a red ball moves right over a grass field" and meta["inputs"][0]["role"] == "source"


@needs_weights
@pytest.mark.parametrize("direction", ["forward", "backward"])
def test_extend_joins_without_a_jump(engine, red_ball, direction):
    frames = red_ball[0]
    (video,) = extend(engine, frames, 8, SPEC, direction)
    assert len(video) == 48
    if direction == "forward":
        assert np.array_equal(video[:24], frames[:24])  # the original, untouched up to its last second
        join = 32
    else:
        assert np.array_equal(video[24:], frames[8:])
        join = 16
    # the context second feathers into the new footage: no step there is over twice the clip's median
    assert max(join_ratio(video, k) for k in range(join - 8, join + 2)) <= 2.0


@needs_weights
def test_extend_file_and_bad_direction(engine, tmp_path, clip_file):
    with pytest.raises(UserError, match="unknown direction 'sideways'"):
        extend_file(clip_file, "a red ball", direction="sideways", engine=engine, output=tmp_path / "out.mp4")
    (out,) = extend_file(clip_file, "a red ball moves right over a grass field", seconds=1, steps=2, seed=5,
                         engine=engine, output=tmp_path / "out.mp4")
    meta = read_metadata(out)
    assert meta["operation"] == "extend" and meta["direction"] == "forward" and meta["seed"] == 5
    assert meta["engine"] == "vidloom-mini" and meta["engine_version"] == engine.version
    assert read_video(out)[0].shape[0] == 40
