import numpy as np

from vidloom.world.colour_words import ciede2000, nearest_world_colour


def test_colour_names_map_to_the_world_palette():
    assert nearest_world_colour("crimson") == "red"
    assert nearest_world_colour("emerald") == "green"
    assert nearest_world_colour("azure") == "blue"
    assert nearest_world_colour("ivory") == "white"
    assert nearest_world_colour("cobalt") == "blue"
    assert nearest_world_colour("no such colour") is None


def test_dark_colours_keep_their_hue():
    # by CIEDE2000 alone these are nearest black; anyone naming them means a hue
    assert nearest_world_colour("navy") == "blue"
    assert nearest_world_colour("chocolate") == "brown"
    assert nearest_world_colour("charcoal") == "black"


def test_ciede2000_matches_the_published_reference_pair():
    # Sharma, Wu and Dalal (2005), test pair 1
    assert abs(ciede2000(np.array([50, 2.6772, -79.7751]), np.array([50, 0, -82.7485])) - 2.0425) < 1e-4
