import pytest
import torch

from vidloom.model.colour_words import ground_colours, nearest_world_colour
from vidloom.model.text_encoder import KEEP, TextEncoder


@pytest.fixture(scope="module")
def encoder():
    return TextEncoder()


def test_matches_shapes_and_masks_padding(encoder):
    states, mask, pooled = encoder(["a red ball", "a blue box falls in outer space"])
    assert states.shape == (2, 32, 384) and mask.shape == (2, 32) and pooled.shape == (2, 384)
    assert mask[0].sum() < mask[1].sum()
    assert torch.allclose(pooled.norm(dim=-1), torch.ones(2), atol=1e-5)


def test_similar_phrasings_land_near_each_other(encoder):
    _, _, pooled = encoder(["a ball moves left over a grass field", "a sphere drifting leftwards over a meadow",
                            "a fish swims in the ocean"])
    assert pooled[0] @ pooled[1] > pooled[0] @ pooled[2]


def test_colour_names_map_to_the_world_palette():
    assert nearest_world_colour("crimson") == "red"
    assert nearest_world_colour("emerald") == "green"
    assert nearest_world_colour("azure") == "blue"
    assert nearest_world_colour("ivory") == "white"


def test_colour_words_are_grounded_only_before_objects(encoder):
    assert ground_colours("a crimson sphere over a meadow", encoder.is_object, KEEP) == "a red sphere over a meadow"
    assert ground_colours("an emerald sparrow", encoder.is_object, KEEP) == "a green sparrow"
    assert ground_colours("a dark green crate", encoder.is_object, KEEP) == "a green crate"
    assert ground_colours("a pumpkin-coloured cube", encoder.is_object, KEEP) == "an orange cube"
    assert nearest_world_colour("cobalt") == "blue"
    # "sea" names a colour too, but here it is a place, and the captioner's words stay
    assert ground_colours("a red ball over the sea", encoder.is_object, KEEP) == "a red ball over the sea"


def test_ciede2000_matches_the_published_reference_pair():
    import numpy as np

    from vidloom.model.colour_words import ciede2000

    # Sharma, Wu and Dalal (2005), test pair 1
    assert abs(ciede2000(np.array([50, 2.6772, -79.7751]), np.array([50, 0, -82.7485])) - 2.0425) < 1e-4


def test_nouns_after_colours_become_the_nearest_world_object(encoder):
    assert encoder.ground("a crimson parrot flying left over the ocean") == "a red bird flying left over the ocean"
    assert encoder.ground("a teal salmon swimming in deep space") == "a green fish swimming in deep space"
    assert encoder.ground("a golden balloon rising") == "a yellow ball rising"
    # named objects, the captioner's own phrases and places stay as they are
    assert encoder.ground("a red ball bouncing on green grass") == "a red ball bouncing on green grass"
    assert encoder.ground("a blue box that moves left") == "a blue box that moves left"
