"""The creative suite on an open-weight engine: each feature the tiny LTX-Video model advertises runs end
to end through vidloom.features and the CLI; an engine without the capability is refused by name."""
from __future__ import annotations

import numpy as np
from conftest import cli, image

from vidloom import features
from vidloom.engines import get_engine
from vidloom.media import read_metadata, read_video
from vidloom.spec import VideoSpec

FPS = 24


def spec(seconds: float, seed: int = 0) -> VideoSpec:
    return VideoSpec("a blue box moves right", aspect="1:1", seconds=seconds, fps=FPS, steps=2, guidance=1.0, seed=seed)


def test_every_feature_runs_on_ltx(tiny_model):
    engine = get_engine(tiny_model("ltx"))
    first, second = features.text_to_video(engine, spec(2.0))[0], features.text_to_video(engine, spec(2.0, 1))[0]
    (animated,) = features.image_to_video(engine, image(5), spec(0.5))
    assert np.array_equal(animated[0], image(5))
    (remixed,) = features.remix(engine, first, FPS, spec(2.0), "mild")
    assert remixed.shape == first.shape and not np.array_equal(remixed, first)
    (blended,) = features.blend(engine, first, FPS, second, FPS, spec(3.0))
    assert np.array_equal(blended[0], first[0]) and np.array_equal(blended[-1], second[-1])
    (looped,) = features.loop(engine, spec(2.0), first, FPS, "short")
    assert len(looped) == 2 * FPS
    (longer,) = features.extend(engine, first, FPS, spec(1.0))
    assert len(longer) == 3 * FPS and np.array_equal(longer[:FPS], first[:FPS])
    cards = [features.Card("a red ball moves left", 0, 2), features.Card("a green star over the sky", 2, 2)]
    (board,) = features.storyboard(engine, cards, spec(4.0))
    assert len(board) == 4 * FPS


def test_features_through_the_cli_and_refusals_by_capability(tiny_model, tmp_path):
    ltx, cog = tiny_model("ltx"), tiny_model("cogvideox-t2v")
    source = tmp_path / "source.mp4"
    common = ["--steps", "2", "--guidance", "1"]
    proc = cli("generate", "a blue box moves right", "--engine", ltx, "--aspect", "1:1", "--duration", "2", "--fps",
               str(FPS), *common, "-o", str(source))
    assert proc.returncode == 0, proc.stderr
    looped = tmp_path / "loop.mp4"
    proc = cli("loop", str(source), "--length", "short", "--engine", ltx, *common, "-o", str(looped))
    assert proc.returncode == 0, proc.stderr
    assert read_metadata(looped)["operation"] == "loop" and read_metadata(looped)["engine"] == ltx
    assert len(read_video(looped)[0]) > 1
    # CogVideoX text-to-video has no known frames at arbitrary positions: a loop is refused, naming why
    proc = cli("loop", str(source), "--length", "short", "--engine", cog, *common, "-o", str(tmp_path / "no.mp4"))
    assert proc.returncode == 2 and "needs an engine with conditioning frames" in proc.stderr and not (tmp_path / "no.mp4").exists()


def test_long_video_on_ltx_and_refused_without_conditioning_frames(tiny_model):
    import pytest

    from vidloom.errors import UserError
    from vidloom.features.long_video import joins, long_video

    engine = get_engine(tiny_model("ltx"))
    (video,) = long_video(engine, spec(1.0), window=0.5, overlap=0.25)  # 3 windows of 12 frames
    assert video.shape == (24, 32, 32, 3)
    (first,) = features.text_to_video(engine, spec(0.5))
    assert np.array_equal(video[:joins(24, 12, 6)[0] + 1], first[:7])  # window 1, up to its exact carried frame
    with pytest.raises(UserError, match="conditioning frames"):
        long_video(get_engine(tiny_model("hunyuan")), spec(1.0), window=0.5)
