import pytest

from vidloom.model.text_encoder import TextEncoder
from vidloom.world.object_words import NearestObject


@pytest.fixture(scope="module")
def nearest():
    return NearestObject(TextEncoder())


def test_unknown_nouns_go_to_the_nearest_world_object(nearest):
    assert nearest("parrot") == "bird"
    assert nearest("salmon") == "fish"
    assert nearest("balloon") == "ball"
    assert nearest("ball") == "ball"


def test_places_are_not_objects(nearest):
    assert nearest("meadow") is None
