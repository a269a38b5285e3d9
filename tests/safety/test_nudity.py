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
