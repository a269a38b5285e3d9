"""Upload checks bounded before decoding: a tiny file that decodes to gigabytes is refused from its header,
and an accepted clip is decoded as a stream that never holds more than a frame or two."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import av
import numpy as np
import pytest

from vidloom.media.probe import VideoBudget, decode_scaled, probe_upload, stream_frames

REPO = Path(__file__).resolve().parents[2]


def _blank_mp4(path: Path, size: int | tuple[int, int], frames: int) -> Path:
    w, h = (size, size) if isinstance(size, int) else size
    with av.open(str(path), "w") as out:
        stream = out.add_stream("libx264", rate=30)
        stream.width, stream.height, stream.pix_fmt = w, h, "yuv420p"
        stream.options = {"preset": "ultrafast", "crf": "51"}
        plane = np.zeros((h * 3 // 2, w), np.uint8)
        for i in range(frames):
            frame = av.VideoFrame.from_ndarray(plane, format="yuv420p")
            frame.pts = i
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    return path


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    """4096x4096, 30 frames, about 52 KB: 1.5 GB as RGB frames."""
    return _blank_mp4(tmp_path_factory.mktemp("bomb") / "bomb.mp4", 4096, 30)


PEAK = """
import json, resource, sys
from vidloom.media.probe import probe_upload, decode_scaled
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    probe = probe_upload(sys.argv[1])
    frames = decode_scaled(sys.argv[1]).shape
    outcome = f"accepted {probe.kind} {list(frames)}"
except ValueError as e:
    outcome = f"refused: {e}"
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"outcome": outcome, "peak_mb": (after - before) / 1024}))
"""


def _check_in_a_fresh_process(path: Path) -> dict:
    """Probe and decode for moderation as the API does, in a new process; its peak RSS growth in MB."""
    proc = subprocess.run([sys.executable, "-c", PEAK, str(path)], capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(REPO), "OMP_NUM_THREADS": "1", "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_a_52_kb_4096x4096_clip_is_refused_from_its_header_without_big_memory(bomb):
    assert bomb.stat().st_size < 100_000
    with pytest.raises(ValueError, match="4096x4096"):
        probe_upload(bomb)
    found = _check_in_a_fresh_process(bomb)
    assert found["outcome"].startswith("refused") and "4096x4096" in found["outcome"]
    assert found["peak_mb"] < 100, found  # decoding every frame took 1.5 GB (then 3 GB with the stacked copy)


def test_the_pixels_times_frames_budget_is_checked_from_the_header(tmp_path):
    clip = _blank_mp4(tmp_path / "long.mp4", (320, 240), 40)
    assert probe_upload(clip).kind == "video"
    with pytest.raises(ValueError, match="40 frames of 320x240"):
        probe_upload(clip, budget=VideoBudget(pixel_frames=320 * 240 * 39))
    with pytest.raises(ValueError, match="40 frames"):
        probe_upload(clip, budget=VideoBudget(frames=30))


def test_decoding_stops_when_the_frames_pass_the_budget_whatever_the_header_says(tmp_path):
    clip = _blank_mp4(tmp_path / "clip.mp4", (320, 240), 40)
    frames = stream_frames(clip, budget=VideoBudget(frames=10))  # as if the header had said 10
    with pytest.raises(ValueError, match="more than its header says"):
        for _ in frames:
            pass


def test_an_accepted_1080p_clip_is_checked_as_a_stream_of_small_frames(tmp_path):
    clip = _blank_mp4(tmp_path / "hd.mp4", (1920, 1080), 100)  # 620 MB as full RGB frames
    small = decode_scaled(clip, max_side=256)
    assert small.shape == (100, 144, 256, 3) and small.dtype == np.uint8
    found = _check_in_a_fresh_process(clip)
    assert found["outcome"] == "accepted video [100, 144, 256, 3]"
    assert found["peak_mb"] < 150, found
