"""`vidloom generate` end to end with the shipped vidloom-mini weights (skipped until they exist)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import av
import pytest

from vidloom.media import load_image, read_metadata, read_video

from .geometry import native
from .videos import same_decoded_video

REPO = Path(__file__).resolve().parents[1]
WEIGHTS = REPO / "vidloom" / "weights" / "vidloom-mini" / "dit.safetensors"

pytestmark = pytest.mark.skipif(not WEIGHTS.exists(), reason="vidloom-mini weights are not shipped yet")


def generate(cwd: Path, name: str) -> Path:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    (cwd / "tmp").mkdir(exist_ok=True)
    out = Path("tmp") / name
    proc = subprocess.run([sys.executable, "-m", "vidloom", "generate", "a red ball moves left over a grass field",
                           "--duration", "2", "-o", str(out), "--seed", "3"],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == [str(out)]
    return cwd / out


def test_generate_writes_a_valid_deterministic_mp4(tmp_path):
    first = generate(tmp_path, "x.mp4")
    with av.open(str(first)) as container:
        stream = container.streams.video[0]
        assert stream.codec_context.name == "h264"
        assert stream.codec_context.pix_fmt == "yuv420p"
    frames, fps = read_video(first)
    assert fps == 8.0
    assert frames.shape == (16, *native()[::-1], 3)  # vidloom-mini's own 16:9 size
    assert load_image(first.with_suffix(".jpg")).ndim == 3
    meta = read_metadata(first)
    assert meta["prompt"] == "a red ball moves left over a grass field" and meta["seed"] == 3
    assert meta["engine"] == "vidloom-mini"

    second = generate(tmp_path, "y.mp4")  # the same seed: the same video
    assert same_decoded_video(read_video(second)[0], frames)


def test_what_is_drawn_otherwise_than_asked_is_told_and_kept_with_the_video(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.run([sys.executable, "-m", "vidloom", "generate", "a purple dragon dancing", "--duration", "1",
                           "-o", "d.mp4"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    notes = [line for line in proc.stderr.splitlines() if line.startswith("note: ")]
    assert any('"dragon" is not one of the world\'s objects' in n for n in notes), proc.stderr
    assert any('"dancing" is not a motion' in n for n in notes), proc.stderr
    assert read_metadata(tmp_path / "d.mp4")["notices"] == [n.removeprefix("note: ") for n in notes]
    assert "notices" not in read_metadata(generate(tmp_path, "plain.mp4"))  # a prompt in the world's words
    styled = subprocess.run([sys.executable, "-m", "vidloom", "generate", "a red ball bouncing on green grass",
                             "--preset", "papercraft", "--duration", "1", "-o", "p.mp4"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert styled.returncode == 0 and "note:" not in styled.stderr, styled.stderr  # a preset's words are its look


def test_each_storyboard_card_is_told_what_is_drawn_otherwise(tmp_path):
    (tmp_path / "board.yaml").write_text(
        "cards:\n"
        "  - {prompt: a red ball moves right over a grass field, start: 0, seconds: 2}\n"
        "  - {prompt: a purple dragon in the desert, start: 2, seconds: 2, cut: true}\n")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.run([sys.executable, "-m", "vidloom", "storyboard", "board.yaml", "-o", "b.mp4"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    notes = [line for line in proc.stderr.splitlines() if line.startswith("note: ")]
    assert notes and all(n.startswith("note: card 2: ") for n in notes), proc.stderr  # card 1 is in the world's words
    assert any('"dragon" is not one of the world\'s objects' in n for n in notes), proc.stderr
    assert read_metadata(tmp_path / "b.mp4")["notices"] == [n.removeprefix("note: ") for n in notes]
