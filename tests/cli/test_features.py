"""The suite's commands: presets listed; bad inputs are one `error:` line, exit code 2 and no file."""
from __future__ import annotations

import numpy as np
import pytest

from vidloom.media import read_metadata, write_mp4

from .test_generate import run_cli
from ..features.conftest import needs_weights


def test_presets_are_listed():
    proc = run_cli(["presets"], ".")
    assert proc.returncode == 0
    for name in ("natural", "archival", "film-noir", "papercraft", "neon", "pastel", "stop-motion"):
        assert name in proc.stdout


def _inputs(tmp_path):
    (tmp_path / "empty.mp4").write_bytes(b"")
    (tmp_path / "text.mp4").write_text("this is not a video\n" * 50)
    write_mp4(np.zeros((16, 64, 64, 3), np.uint8), tmp_path / "good.mp4", 8)
    good = (tmp_path / "good.mp4").read_bytes()
    (tmp_path / "truncated.mp4").write_bytes(good[: len(good) // 3])
    write_mp4(np.zeros((16, 64, 112, 3), np.uint8), tmp_path / "wide.mp4", 8)
    write_mp4(np.zeros((16, 112, 64, 3), np.uint8), tmp_path / "tall.mp4", 8)
    (tmp_path / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 30)


BAD = {
    "zero-byte video": (["remix", "empty.mp4", "a blue ball"], "empty file"),
    "not a video": (["remix", "text.mp4", "a blue ball"], "not a readable video"),
    "truncated video": (["extend", "truncated.mp4", "a blue ball"], "zero-length clip"),
    "missing video": (["loop", "nowhere.mp4"], "no video file"),
    "corrupt image": (["animate", "broken.png", "a red ball"], "broken.png is not a readable"),
    "bad strength": (["remix", "good.mp4", "a blue ball", "--strength", "wild"], "unknown remix strength"),
    "bad curve": (["blend", "good.mp4", "good.mp4", "--curve", "zigzag"], "unknown blend curve"),
    "mismatched sizes": (["blend", "wide.mp4", "tall.mp4"], "different shapes"),
    "bad length": (["loop", "a red ball", "--length", "forever"], "unknown loop length"),
    "bad direction": (["extend", "good.mp4", "a ball", "--direction", "up"], "unknown direction"),
    "bad range": (["recut", "good.mp4", "--start", "1", "--end", "5"], "outside the clip"),
    "bad preset": (["remix", "good.mp4", "a red ball", "--preset", "sepia"], "unknown preset"),
    "storyboard missing": (["storyboard", "nowhere.yaml"], "no storyboard file"),
    "long window": (["long", "a red ball", "--window", "20"], "a window of 20 s is out of range"),
    "long overlap": (["long", "a red ball", "--window", "2", "--overlap", "2"], "must be shorter than the 2 s window"),
    "long duration": (["long", "a red ball", "--duration", "700"], "less than or equal to 600"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_is_one_clear_line_and_leaves_nothing(tmp_path, case):
    _inputs(tmp_path)
    args, words = BAD[case]
    before = sorted(p.name for p in tmp_path.iterdir())
    proc = run_cli([*args, "-o", "out.mp4"], tmp_path)
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 2, proc.stderr
    assert len(lines) == 1 and lines[0].startswith("error: ") and words in lines[0], proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@needs_weights
def test_loop_from_a_prompt_writes_a_loop_with_provenance(tmp_path):
    proc = run_cli(["loop", "a red ball bounces on a grass field", "--length", "short", "--steps", "2",
                    "--preset", "stop-motion", "-o", "loop.mp4"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["loop.mp4"]
    meta = read_metadata(tmp_path / "loop.mp4")
    assert meta["operation"] == "loop" and meta["length"] == "short" and meta["preset"] == "stop-motion"
    assert meta["prompt"] == "a red ball bounces on a grass field" and meta["inputs"] == []


@needs_weights
def test_long_writes_one_video_from_three_windows(tmp_path):
    proc = run_cli(["long", "a red ball moves right over a grass field", "--duration", "5", "--window", "2",
                    "--overlap", "0.5", "--steps", "2", "-o", "long.mp4"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["long.mp4"]
    meta = read_metadata(tmp_path / "long.mp4")
    assert (meta["operation"], meta["frames"], meta["window"], meta["overlap"]) == ("long", 40, 2.0, 0.5)
