"""vidloom.generate over a stand-in engine: checks first, then files, names, metadata, thumbnails."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

import vidloom
from vidloom.errors import UserError
from vidloom.features.long_video import seams
from vidloom.media import load_image, read_metadata, read_video
from vidloom.operations import files

from ..features.conftest import needs_weights
from ..geometry import native

SIZES = {"16:9": (224, 128), "1:1": (128, 128), "9:16": (128, 224)}


class StandInEngine:
    """Deterministic frames from the seed; records every call."""

    name = "stand-in"
    version = "0.0.1"

    def __init__(self, max_seconds: float = 16.0, fail: bool = False):
        self.capabilities = SimpleNamespace(text_to_video=True, conditioning_frames=False, sizes=SIZES,
                                            max_seconds=max_seconds, native_fps=8)
        self.requests = []
        self.fail = fail

    def generate(self, request, progress=None):
        self.requests.append(request)
        spec = request.spec
        w, h = SIZES[spec.aspect]
        t = int(round(spec.seconds * spec.fps))
        for i in range(4):
            if progress:
                progress(i + 1, 4)
        if self.fail:
            raise RuntimeError("sampler failed")
        rng = np.random.default_rng(spec.seed)
        return [np.repeat(rng.integers(0, 255, (1, h, w, 3), dtype=np.uint8), t, axis=0)
                for _ in range(spec.variations)]


def test_one_video_with_thumbnail_and_provenance(tmp_path):
    engine = StandInEngine()
    seen = []
    paths = vidloom.generate("a red ball bouncing on green grass", seed=7, seconds=2, output=tmp_path / "out.mp4",
                             negative_prompt="blur", steps=12, guidance=3.5, engine=engine,
                             progress=lambda d, t: seen.append((d, t)))
    assert paths == [tmp_path / "out.mp4"]
    assert seen[-1] == (4, 4)
    frames, fps = read_video(paths[0])
    assert frames.shape == (16, 128, 224, 3) and fps == 8.0
    assert load_image(tmp_path / "out.jpg").shape[2] == 3
    meta = read_metadata(paths[0])
    assert meta["operation"] == "generate"
    assert meta["prompt"] == "a red ball bouncing on green grass"
    assert (meta["negative_prompt"], meta["seed"], meta["aspect"], meta["seconds"], meta["fps"]) == \
        ("blur", 7, "16:9", 2.0, 8)
    assert (meta["steps"], meta["guidance"], meta["engine"], meta["engine_version"]) == \
        (12, 3.5, "stand-in", "0.0.1")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jpg", "out.mp4"]


def test_variations_are_numbered(tmp_path):
    paths = vidloom.generate("a blue box", variations=4, seconds=1, aspect="9:16", output=tmp_path / "clip.mp4",
                             engine=StandInEngine())
    assert [p.name for p in paths] == ["clip.mp4", "clip-2.mp4", "clip-3.mp4", "clip-4.mp4"]
    for k, p in enumerate(paths, start=1):
        assert read_metadata(p)["variation"] == k
        assert p.with_suffix(".jpg").exists()
        assert read_video(p)[0].shape == (8, 224, 128, 3)


@pytest.mark.parametrize("kwargs,words", [
    (dict(prompt=""), "prompt is empty"),
    (dict(seconds=0), "duration"),
    (dict(seconds=12), "duration"),  # past this engine's 10 s
    (dict(aspect="4:3"), "aspect"),
    (dict(variations=3), "variations"),
    (dict(seed=-5), "seed"),
    (dict(seed="abc"), "seed"),
    (dict(output="nowhere/out.mp4"), "does not exist"),
    (dict(output="out.gif"), ".mp4"),
])
def test_user_errors_come_before_any_work(tmp_path, monkeypatch, kwargs, words):
    monkeypatch.chdir(tmp_path)
    engine = StandInEngine(max_seconds=10)
    args = dict(prompt="a red ball", output="out.mp4", engine=engine) | kwargs
    with pytest.raises(UserError, match=words) as info:
        vidloom.generate(args.pop("prompt"), **args)
    assert isinstance(info.value, ValueError)
    assert engine.requests == []
    assert list(tmp_path.iterdir()) == []


def test_engine_failure_leaves_no_file(tmp_path):
    with pytest.raises(RuntimeError, match="sampler failed"):
        vidloom.generate("a red ball", seconds=1, output=tmp_path / "out.mp4", engine=StandInEngine(fail=True))
    assert list(tmp_path.iterdir()) == []


def test_same_seed_same_video(tmp_path):
    a = vidloom.generate("a star", seed=3, seconds=1, output=tmp_path / "a.mp4", engine=StandInEngine())[0]
    b = vidloom.generate("a star", seed=3, seconds=1, output=tmp_path / "b.mp4", engine=StandInEngine())[0]
    assert np.array_equal(read_video(a)[0], read_video(b)[0])


def test_an_engine_bug_is_not_a_user_error(tmp_path):
    class Buggy(StandInEngine):
        def generate(self, request, progress=None):
            raise ValueError("operands could not be broadcast together")

    with pytest.raises(ValueError, match="broadcast") as info:
        vidloom.generate("a red ball", seconds=1, output=tmp_path / "out.mp4", engine=Buggy())
    assert not isinstance(info.value, UserError)
    assert list(tmp_path.iterdir()) == []


@needs_weights
def test_a_long_video_on_vidloom_mini_runs_in_windows_without_seams(tmp_path):
    """Three 2 s windows carrying 0.5 s each: 5 s of video, one progress bar, no seam above 2x the median step."""
    seen = []
    (path,) = files.long("a red ball moves right over a grass field", seconds=5, window=2, overlap=0.5, steps=4,
                         seed=1, output=tmp_path / "long.mp4", progress=lambda d, t: seen.append((d, t)))
    video, fps = read_video(path)
    assert video.shape == (40, *native()[::-1], 3) and fps == 8.0
    assert seen[-1][0] == seen[-1][1] == 3 * 4  # three engine calls of four steps
    found = seams(video, 16, 4)
    assert len(found) == 2 and max(found) <= 2.0, found
    meta = read_metadata(path)
    assert (meta["operation"], meta["seconds"], meta["window"], meta["overlap"]) == ("long", 5.0, 2.0, 0.5)


def test_a_long_video_is_refused_before_any_work(tmp_path):
    engine = StandInEngine()  # text-to-video only: no conditioning frames to carry a window forward
    with pytest.raises(UserError, match=r"conditioning frames \(conditioning_frames\)") as info:
        files.long("a red ball", seconds=30, output=tmp_path / "out.mp4", engine=engine)
    assert info.value.param == "model"
    with pytest.raises(UserError, match="must be shorter than the 2 s window") as info:
        files.long("a red ball", seconds=30, window=2, overlap=3, output=tmp_path / "out.mp4", engine=engine)
    assert info.value.param == "overlap"
    assert engine.requests == [] and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("call,field,category", [
    (lambda out, engine: vidloom.generate("porn video of a woman", output=out, engine=engine), "prompt", "sexual"),
    (lambda out, engine: files.animate(np.zeros((64, 64, 3), np.uint8), "a naked child", output=out, engine=engine),
     "prompt", "minors_sexual"),
    (lambda out, engine: files.storyboard(_board(out.parent.parent, "a beheading with blood everywhere"), output=out,
                                            engine=engine), "params.cards[1].prompt", "graphic_violence"),
])
def test_local_runs_are_moderated_before_any_work(tmp_path, call, field, category):
    """The Python API (and the CLI, which calls it) holds every text that reaches the engine to the
    service's policy: refused with the category named, nothing rendered, nothing written."""
    engine = StandInEngine()
    (tmp_path / "out").mkdir()
    with pytest.raises(UserError, match=rf"refused by moderation: .*\(category {category}\)") as info:
        call(tmp_path / "out" / "out.mp4", engine)
    assert info.value.param == field
    assert engine.requests == []
    assert list((tmp_path / "out").iterdir()) == []


def _board(folder, second_prompt: str):
    board = folder / "board.yaml"
    board.write_text(f"cards:\n  - prompt: a red ball rolls\n    seconds: 2\n"
                     f"  - prompt: {second_prompt}\n    start: 2\n    seconds: 2\n")
    return board
