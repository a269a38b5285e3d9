"""Blend: starts as the first video, ends as the second (>= 25 dB), with a generated, not crossfaded, middle."""
import numpy as np
import pytest

from vidloom.errors import UserError
from vidloom.features import CURVES, blend
from vidloom.features.blend import curve_weights
from vidloom.operations.files import blend as blend_files
from vidloom.media import read_metadata, read_video, write_mp4
from vidloom.spec import VideoSpec

from .conftest import STEPS, needs_weights, psnr

SPEC = VideoSpec("a red ball over grass turning into a yellow star in the desert", seconds=4, steps=STEPS, seed=2)


def test_curves_rise_from_the_first_to_the_second():
    for name in CURVES:
        w = curve_weights(name, 32, 8, 8)
        assert np.all(w[:8] == 0) and np.all(w[-8:] == 1) and np.all(np.diff(w) >= 0), name
    assert curve_weights("ease-in", 32, 8, 8)[12] < curve_weights("linear", 32, 8, 8)[12] < \
        curve_weights("ease-out", 32, 8, 8)[12]
    with pytest.raises(UserError, match="unknown blend curve 'zigzag'"):
        curve_weights("zigzag", 32, 8, 8)


@needs_weights
def test_blend_keeps_both_ends_and_generates_the_middle(engine, tmp_path, red_ball, yellow_star):
    a, b = red_ball[0], yellow_star
    write_mp4(a, tmp_path / "a.mp4", 8, {"prompt": "a red ball moves right over a grass field"})
    write_mp4(b, tmp_path / "b.mp4", 8, {"prompt": "a yellow star moves left in the desert"})
    (out,) = blend_files(tmp_path / "a.mp4", tmp_path / "b.mp4", curve="linear", steps=STEPS, engine=engine,
                         output=tmp_path / "out.mp4")
    video, _ = read_video(out)
    assert psnr(video[0], a[0]) >= 25.0 and psnr(video[-1], b[-1]) >= 25.0
    w = curve_weights("linear", len(video), 8, 8)[:, None, None, None]
    crossfade = a * (1 - w) + b * w
    assert np.abs(video[8:24].astype(np.float32) - crossfade[8:24]).mean() > 5.0  # not a plain crossfade
    meta = read_metadata(out)
    assert meta["operation"] == "blend" and meta["curve"] == "linear"
    assert [i["role"] for i in meta["inputs"]] == ["first", "second"]
    assert "turning into" in meta["prompt"]


@needs_weights
def test_videos_of_different_shapes_are_refused(engine, red_ball):
    height = red_ball[0].shape[1]
    tall = np.ascontiguousarray(red_ball[0][:, :, :height * 9 // 16])  # 9:16 (72x128 plain)
    with pytest.raises(UserError, match="different shapes"):
        blend(engine, red_ball[0], 8, tall, 8, SPEC)
