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


def test_a_name_reads_as_the_basic_term_people_gave_its_nearest_colour():
    # nearer the world's rendered orange, purple, yellow and red, but named brown, pink, green and pink
    assert nearest_world_colour("coffee") == "brown"  # the survey's "light brown" is its nearest named colour
    assert nearest_world_colour("fuchsia") == "pink"
    assert nearest_world_colour("lime") == "green"
    assert nearest_world_colour("watermelon") == "pink"
    assert nearest_world_colour("grey") == "white" and nearest_world_colour("dark grey") == "black"


def test_ciede2000_matches_the_published_reference_pair():
    # Sharma, Wu and Dalal (2005), test pair 1
    assert abs(ciede2000(np.array([50, 2.6772, -79.7751]), np.array([50, 0, -82.7485])) - 2.0425) < 1e-4
