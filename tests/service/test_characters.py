"""A character's look from a clip: the subject's world colour from the frames, the object from the clip's prompt or the name."""
from __future__ import annotations

import numpy as np
import pytest

from vidloom.service.characters import dominant_colour, look_of
from vidloom.world.render import render
from vidloom.world.scene import scene_for
from vidloom.world.vocab import COLOURS

MOVING = (("ball", "left", "grass field"), ("box", "bounces", "ocean"), ("star", "falls", "night sky"),
          ("fish", "circles", "desert"))


@pytest.mark.parametrize("colour", COLOURS)
def test_the_moving_subjects_colour_is_read_over_any_background(colour):
    for kind, motion, setting in MOVING:
        frames, _ = render(scene_for(colour, kind, motion, setting, seed=1), 224, 128, 8, 2)
        found, share = dominant_colour(frames)
        assert found == colour and share > 0.003, (kind, motion, setting, found)


def test_a_clip_of_background_only_has_no_colour():
    sky = np.zeros((16, 128, 224, 3), np.uint8)
    sky[..., 2] = np.linspace(120, 240, 128, dtype=np.uint8)[None, :, None]  # a still blue gradient
    assert dominant_colour(sky) == (None, 0.0)


def test_the_object_comes_from_the_clips_prompt_then_the_name():
    frames, _ = render(scene_for("orange", "bird", "left", "blue sky", seed=2), 224, 128, 8, 2)
    from_prompt = look_of(frames, "Sunny the fish", {"prompt": "an orange bird flies left under a blue sky"})
    assert (from_prompt.kind, from_prompt.colour, from_prompt.description) == ("bird", "orange", "an orange bird")
    assert from_prompt.read["kind_from"] == "clip prompt" and from_prompt.read["colour_from"] == "frames"
    from_name = look_of(frames, "Sunny the fish", {})
    assert (from_name.kind, from_name.description, from_name.read["kind_from"]) == ("fish", "an orange fish", "name")
    unnamed = look_of(frames, "Sunny", {"prompt": 42})  # metadata that is not text is not read
    assert (unnamed.kind, unnamed.description, unnamed.read["kind_from"]) == (None, "an orange Sunny", None)
