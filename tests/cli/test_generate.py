"""`python -m vidloom generate` with bad input: one `error:` line, exit code 2, no file, no model needed."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def run_cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run([sys.executable, "-m", "vidloom", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


BAD_INPUTS = {
    "empty prompt": (["", "-o", "out.mp4"], "the prompt is empty"),
    "blank prompt": (["   ", "-o", "out.mp4"], "the prompt is empty"),
    "zero duration": (["a red ball", "--duration", "0", "-o", "out.mp4"], "duration"),
    "huge duration": (["a red ball", "--duration", "1000", "-o", "out.mp4"], "duration"),
    "unknown aspect": (["a red ball", "--aspect", "4:3", "-o", "out.mp4"], "aspect"),
    "three variations": (["a red ball", "--variations", "3", "-o", "out.mp4"], "variations"),
    "zero fps": (["a red ball", "--fps", "0", "-o", "out.mp4"], "fps"),
    "too many steps": (["a red ball", "--steps", "100000", "-o", "out.mp4"], "steps"),
    "negative guidance": (["a red ball", "--guidance", "-3", "-o", "out.mp4"], "guidance"),
    "negative seed": (["a red ball", "--seed", "-1", "-o", "out.mp4"], "seed"),
    "missing folder": (["a red ball", "-o", "/nonexistent/dir/x.mp4"], "does not exist"),
    "output is a folder": (["a red ball", "-o", "adir"], "is a folder"),
    "folder named like a video": (["a red ball", "-o", "clip.mp4"], "is a folder"),
    "not an mp4": (["a red ball", "-o", "out.avi"], ".mp4"),
    "non-numeric duration": (["a red ball", "--duration", "long", "-o", "out.mp4"], "--duration"),
    "unknown option": (["a red ball", "--colour", "red"], "--colour"),
    "missing prompt": ([], "prompt"),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_is_one_clear_line_and_exit_2(tmp_path, case):
    args, words = BAD_INPUTS[case]
    (tmp_path / "adir").mkdir()
    (tmp_path / "clip.mp4").mkdir()
    before = sorted(p.name for p in tmp_path.iterdir())
    proc = run_cli(["generate", *args], tmp_path)
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 2, proc.stderr
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("error: ") and words in lines[0]
    assert proc.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written, not even a temp file
    assert not any(tmp_path.glob("*/*"))


def test_help_lists_every_option(tmp_path):
    proc = run_cli(["generate", "--help"], tmp_path)
    assert proc.returncode == 0
    for option in ("--seed", "--aspect", "--duration", "--fps", "--steps", "--guidance", "--variations",
                   "--negative", "--output", "-o"):
        assert option in proc.stdout


@pytest.mark.parametrize("args,category", [
    (["generate", "porn video of a woman", "-o", "out.mp4"], "sexual"),
    (["storyboard", "board.yaml", "-o", "out.mp4"], "self_harm"),
])
def test_local_runs_are_moderated(tmp_path, args, category):
    """`vidloom generate` / `storyboard` refuse a disallowed text before the model loads: one `error:` line
    naming the category, exit code 2, no file."""
    (tmp_path / "board.yaml").write_text("- prompt: a red ball rolls\n  seconds: 2\n"
                                         "- prompt: a man cutting his own wrists with a razor\n  start: 2\n  seconds: 2\n")
    proc = run_cli(args, tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip().splitlines() == [proc.stderr.strip()]
    assert proc.stderr.startswith("error: ") and f"(category {category})" in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["board.yaml"]
