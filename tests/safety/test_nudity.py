"""NudeNet's shipped detector runs on images and sampled frames without downloading anything.

No explicit imagery can ship with the tests, so what is measured here is that the detector
loads from the wheel and sees people-free renders of the world as clean (no false refusals),
the refusal rule over its detections, and which frames of a stream are looked at.
"""
from __future__ import annotations

import weakref

import numpy as np
import pytest

from vidloom.safety import nudity
from vidloom.world import render, sample_scene


def test_world_renders_pass_and_the_detector_ships_in_the_wheel(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    rng = np.random.default_rng(0)
    clips = [render(sample_scene(rng), 224, 128, seconds=1)[0] for _ in range(12)]
    assert all(nudity.moderate_frames(c) is None for c in clips)
    assert all(isinstance(d, list) for d in (nudity.detections(c[0]) for c in clips[:2]))


def test_blocked_classes_over_the_threshold_refuse():
    def box(cls, score):
        return {"class": cls, "score": score, "box": [0, 0, 5, 5]}

    assert nudity.refusal_for([box("FACE_FEMALE", 0.9), box("FEET_EXPOSED", 0.9)]) is None  # not blocked
    assert nudity.refusal_for([box("FEMALE_BREAST_EXPOSED", 0.4)]) is None  # below the threshold
    refusal = nudity.refusal_for([box("FACE_MALE", 0.9), box("MALE_GENITALIA_EXPOSED", 0.7)])
    assert refusal.category == "sexual" and "male genitalia exposed" in refusal.message


def test_frames_are_checked_densely_from_a_stream_that_is_never_held_whole():
    made: list[weakref.ref] = []

    def stream(count):
        for i in range(count):
            frame = np.full((8, 8, 3), i, np.uint8)
            made.append(weakref.ref(frame))
            yield frame
            del frame
            # at most the frame the consumer holds and the one kept for the last pick are alive
            assert sum(r() is not None for r in made) <= 2

    picked = [(i, int(f[0, 0, 0])) for i, f in nudity.sampled(stream(11))]
    assert picked == [(0, 0), (4, 4), (8, 8), (10, 10)]  # every 4th, the first and the last
    assert [i for i, _ in nudity.sampled(stream(9))] == [0, 4, 8]
    assert [i for i, _ in nudity.sampled(np.zeros((3, 8, 8, 3), np.uint8), every=1)] == [0, 1, 2]
    assert [i for i, _ in nudity.sampled(np.zeros((8, 8, 3), np.uint8))] == [0]  # one image
    with pytest.raises(ValueError, match="1 to 4"):
        list(nudity.sampled(stream(3), every=8))


def test_a_streamed_clip_of_the_world_passes():
    rng = np.random.default_rng(1)
    clip = render(sample_scene(rng), 224, 128, seconds=1)[0]
    assert nudity.moderate_frames(iter(clip)) is None


def _clip_at_the_frame_budget(path):
    """1000 frames of 480x480: the most frames, and the most pixels in all (230 megapixels), an upload may
    have (vidloom.media.probe.BUDGET). Scaled to 256x256 for the check, its frames are 197 MB together."""
    import av

    with av.open(str(path), "w") as out:
        stream = out.add_stream("libx264", rate=30)
        stream.width, stream.height, stream.pix_fmt = 480, 480, "yuv420p"
        stream.options = {"preset": "ultrafast", "crf": "35"}
        for i in range(1000):
            image = np.zeros((480, 480, 3), np.uint8)
            image[..., 0] = i * 2 % 255
            image[100:200, i % 400:i % 400 + 80] = 255  # a moving block: every frame differs
            frame = av.VideoFrame.from_ndarray(image, format="rgb24")
            frame.pts = i
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    return path


@pytest.mark.slow  # 251 NudeNet runs: about 15 s on a free core
def test_an_upload_at_the_frame_budget_is_checked_in_bounded_memory(tmp_path):
    import tracemalloc

    from vidloom.media.probe import BUDGET, probe_upload

    clip = _clip_at_the_frame_budget(tmp_path / "budget.mp4")
    probe = probe_upload(clip)
    assert probe.kind == "video" and not BUDGET.refuse(480, 480, 1000, 1000 / 30)
    nudity._detector()  # loaded once per process, outside the measurement
    tracemalloc.start()
    try:
        assert nudity.moderate_file(clip, probe.kind) is None
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # a 256x256 frame is 0.2 MB: the check holds two of them plus the detector's input, not 197 MB of frames
    assert peak < 8e6, f"{peak / 1e6:.1f} MB"


def test_streamed_and_stacked_checks_see_the_same_frames_and_detections(tmp_path):
    """The stream picks the frames the stacked array did (every 4th, the first and the last), bit for bit,
    and NudeNet says the same on each, on a real MP4 (a render of the world, written as the service writes)."""
    from vidloom.media import write_mp4
    from vidloom.media.probe import decode_scaled, stream_frames

    frames = render(sample_scene(np.random.default_rng(2)), 224, 128, seconds=1.625, fps=8)[0]  # 13 frames
    clip = write_mp4(frames, tmp_path / "clip.mp4", 8, {})
    stacked = list(nudity.sampled(decode_scaled(clip)))
    streamed = list(nudity.sampled(stream_frames(clip)))
    assert [i for i, _ in streamed] == [i for i, _ in stacked] == [0, 4, 8, 12]
    assert all(np.array_equal(a, b) for (_, a), (_, b) in zip(streamed, stacked))
    assert [nudity.detections(f) for _, f in streamed] == [nudity.detections(f) for _, f in stacked]
    assert nudity.moderate_file(clip, "video") == nudity.moderate_frames(decode_scaled(clip))
