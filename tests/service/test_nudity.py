"""NudeNet's shipped detector runs on images and sampled frames without downloading anything.

No explicit imagery can ship with the tests, so what is measured here is that the detector
loads from the wheel and sees people-free renders of the world as clean (no false refusals),
and the refusal rule over its detections.
"""
from __future__ import annotations

import numpy as np

from vidloom.safety import nudity
from vidloom.world import render, sample_scene


def test_world_renders_pass_and_the_detector_ships_in_the_wheel(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    rng = np.random.default_rng(0)
    clips = [render(sample_scene(rng), 224, 128, seconds=1)[0] for _ in range(12)]
    assert all(nudity.check_frames(c) is None for c in clips)
    assert all(isinstance(d, list) for d in (nudity.detections(c[0]) for c in clips[:2]))


def test_blocked_classes_over_the_threshold_refuse():
    def box(cls, score):
        return {"class": cls, "score": score, "box": [0, 0, 5, 5]}

    assert nudity.refusal_for([box("FACE_FEMALE", 0.9), box("FEET_EXPOSED", 0.9)]) is None  # not blocked
    assert nudity.refusal_for([box("FEMALE_BREAST_EXPOSED", 0.4)]) is None  # below the threshold
    refusal = nudity.refusal_for([box("FACE_MALE", 0.9), box("MALE_GENITALIA_EXPOSED", 0.7)])
    assert refusal.category == "sexual" and "male genitalia exposed" in refusal.message
