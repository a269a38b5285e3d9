import pytest

from vidloom.model.text_encoder import TextEncoder
from vidloom.world.object_words import NearestObject, NearestSetting


@pytest.fixture(scope="module")
def nearest():
    return NearestObject(TextEncoder())


def test_unknown_nouns_go_to_the_nearest_world_object(nearest):
    assert nearest("parrot") == "bird"
    assert nearest("salmon") == "fish"
    assert nearest("balloon") == "ball"
    assert nearest("ball") == "ball"


def test_a_coloured_phrase_gets_its_nearest_object_however_far(nearest):
    assert nearest("pizza slice") is None  # near nothing the world has
    assert nearest("pizza slice", True) in ("ball", "box", "star", "heart", "triangle", "ring", "bird", "fish")


def test_places_are_not_objects(nearest):
    assert nearest("meadow") is None


@pytest.fixture(scope="module")
def nearest_setting():
    return NearestSetting(TextEncoder())


def test_places_go_to_the_nearest_setting_only_when_minilm_is_sure(nearest_setting):
    assert nearest_setting("snowscape") == "snow field"
    assert nearest_setting("duneland") == "desert"
    assert nearest_setting("golf course") == "grass field"
    assert nearest_setting("volcano") is None  # as near the ocean as outer space: no guess


def test_camera_nouns_are_read_only_when_clearly_nearer_a_camera_than_anything_drawn():
    camera_noun = NearestObject(TextEncoder()).is_camera
    assert camera_noun("camcorder") and camera_noun("webcam") and camera_noun("videographer")
    assert not camera_noun("television")  # nearer a camera than a star, but not by enough
    assert not camera_noun("parrot") and not camera_noun("lantern")
