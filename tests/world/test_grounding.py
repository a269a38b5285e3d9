"""Grounding: free prompts -> the world's slots, its canonical caption and notices."""
import numpy as np
import pytest

from bench.grounding import load_cases, score
from vidloom.model.text_encoder import TextEncoder
from vidloom.world import caption, sample_scene
from vidloom.world.caption import caption_vocabulary
from vidloom.world.grounding import describe, ground
from vidloom.world.object_words import NearestObject, NearestSetting
from vidloom.world.slots import SLOT_NAMES, Slots, slots_of


@pytest.fixture(scope="module")
def nearest():
    return NearestObject(TextEncoder())


def slots(prompt, nearest=None) -> dict:
    return {k: v for k, v in ground(prompt, nearest).slots.as_dict().items() if v is not None}


def test_paraphrases_land_on_the_world_slots():
    assert slots("a crimson sphere drifting leftwards over a meadow") == dict(
        colour="red", kind="ball", motion="left", setting="grass field", count=1, relation="")
    assert slots("Two emerald songbirds soaring through the night sky while the camera pushes in, snowflakes") == dict(
        colour="green", kind="bird", motion="rises", setting="night sky", camera="zoom in", ambience="snow", count=2,
        relation="", second_colour="green", second_kind="bird")
    assert slots("an ivory cube twirling on the sand dunes, camera panning to the right")["motion"] == "spins"
    assert slots("a navy hoop sinking in the sea")["colour"] == "blue"  # dark, but a blue


def test_words_the_lexicon_lacks_are_read_through_wordnet():
    # "magpie" is a bird and "clamber" is to climb: WordNet's hypernyms, no notice needed
    g = ground("a black magpie clambering skyward above the greensward")
    assert (g.slots.kind, g.slots.motion, g.slots.setting) == ("bird", "up", "grass field") and not g.notices


def test_relations_and_their_swap():
    above = slots("a red ball above a blue box")
    below = slots("a blue box beneath a red ball")
    assert above == below == dict(colour="red", kind="ball", count=2, relation="above", second_colour="blue",
                                  second_kind="box")
    right = slots("a green fish to the right of a yellow star, spinning")
    assert (right["kind"], right["relation"], right["second_kind"]) == ("star", "left of", "fish")


def test_the_moving_object_is_the_main_one():
    s = slots("a still pink heart and an orange bird bouncing")
    assert (s["kind"], s["motion"], s["second_kind"]) == ("bird", "bounces", "heart")


def test_negation():
    assert slots("a red ball that does not move")["motion"] == "still"
    assert slots("a yellow star over the ocean with no rain")["ambience"] == "none"
    assert slots("a fish in the sea, no camera movement")["camera"] == "static"
    assert "box" not in slots("a ball, not a box").values()


def test_out_of_world_prompts_get_the_nearest_thing_and_a_notice(nearest):
    g = ground("a purple elephant dancing in a meadow", nearest)
    assert g.slots.colour == "purple" and g.slots.kind is not None and g.slots.setting == "grass field"
    assert any("elephant" in n for n in g.notices) and any("dancing" in n for n in g.notices)
    many = ground("seven red balls bouncing")
    assert many.slots.count == 3 and any("at most 3" in n for n in many.notices)
    assert not ground("a red ball bouncing on green grass").notices


def test_a_place_no_table_knows_gets_minilms_nearest_setting_and_a_notice(nearest):
    nearest_setting = NearestSetting(nearest.encoder)
    g = ground("a red ball bouncing across a snowscape", nearest, nearest_setting)
    assert (g.slots.kind, g.slots.setting) == ("ball", "snow field") and g.caption == "a red ball bounces in snow field"
    assert any("snowscape" in n and "snow field" in n for n in g.notices)
    unsure = ground("a red ball bouncing across a moonscape", nearest, nearest_setting)
    assert unsure.slots.setting is None and any("moonscape" in n for n in unsure.notices)
    assert ground("a red ball bouncing across a snowscape", nearest).slots.setting is None  # no fallback given


def test_a_noun_minilm_reads_as_a_camera_moves_the_camera_and_is_not_drawn(nearest):
    camera_noun = nearest.is_camera
    g = ground("a red ball bouncing on grass, the dashcam sweeping left", nearest, None, camera_noun)
    assert (g.slots.kind, g.slots.count, g.slots.camera, g.slots.second_kind) == ("ball", 1, "pan left", None)
    assert not g.notices
    assert ground("a green bird over a desert, videographer backing away", nearest, None, camera_noun).slots.camera \
        == "zoom out"
    without = ground("a red ball bouncing on grass, the dashcam sweeping left", nearest)
    assert without.slots.camera is None  # no fallback given: the dashcam is drawn as an object


def test_a_clause_that_only_names_a_place_sets_the_setting_when_no_other_does(nearest):
    nearest_setting = NearestSetting(nearest.encoder)
    g = ground("a red ball bouncing \u2014 the harbour", nearest, nearest_setting)  # a dash parts clauses
    assert (g.slots.kind, g.slots.setting) == ("ball", "ocean")
    assert any("harbour" in n and "ocean" in n for n in g.notices)
    assert ground("a red ball bouncing, Lapland", nearest, nearest_setting).slots.setting is None  # a name: no guess
    # a clause of style words names no place (WordNet's first sense of "look" is no location)
    assert ground("a red ball bouncing, dreamy look", nearest, nearest_setting).slots.setting is None
    # a setting said elsewhere wins: the clause is not read
    assert ground("a red ball bouncing in the desert, the harbour", nearest, nearest_setting).slots.setting == "desert"


def test_an_unread_head_noun_after_a_colour_is_an_object_and_a_name_after_a_place_word_is_no_object(nearest):
    g = ground("there is magenta paper lantern floating", nearest)  # the colour is not right before the noun
    assert (g.slots.colour, g.slots.kind) == ("pink", "star") and any("lantern" in n for n in g.notices)
    g = ground("a magenta pizza slice hovering higher", nearest)  # a colour marks a thing to draw: it keeps
    assert (g.slots.colour, g.slots.motion) == ("pink", "up") and g.slots.kind  # its colour and motion
    assert any("slice" in n and "nearest" in n for n in g.notices)
    g = ground("beyond Saturn, an ebony ball bouncing", nearest)  # WordNet's Saturn has rings, but it is a where
    assert (g.slots.kind, g.slots.count, g.slots.second_kind) == ("ball", 1, None)


def test_a_shade_wordnet_knows_is_a_colour_and_a_qualifier_is_no_place(nearest):
    g = ground("a bone sphere", nearest)  # WordNet: "a shade of white the color of bleached bones"
    assert (g.slots.colour, g.slots.kind, g.slots.setting) == ("white", "ball", None)
    g = ground("a lobster sphere", nearest)  # WordNet's lobster lives at sea, but here it says what the sphere is like
    assert (g.slots.kind, g.slots.setting) == ("ball", None)


def test_a_pan_verb_opening_a_clause_moves_the_camera_and_a_truck_after_an_article_is_a_thing(nearest):
    for prompt in ("a red ball on grass, pan left", "a red ball on grass, truck left", "a red ball, whip pan left",
                   "a red ball on grass, dolly shot moving left"):
        g = ground(prompt, nearest)
        assert (g.slots.camera, g.slots.kind) == ("pan left", "ball"), prompt
    g = ground("a red ball on grass, crash zoom", nearest)
    assert g.slots.camera == "zoom in"
    g = ground("a red truck moving left", nearest)  # a thing outside the world, drawn as the nearest one
    assert (g.slots.colour, g.slots.motion, g.slots.camera) == ("red", "left", None)
    assert g.slots.kind and any("truck" in n for n in g.notices)
    g = ground("a bird sweeping left", nearest)  # "sweep" is said of things as often as of cameras
    assert (g.slots.motion, g.slots.camera) == ("left", None)


def test_a_clause_of_weather_or_an_adverb_of_place_names_the_setting(nearest):
    nearest_setting = NearestSetting(nearest.encoder)
    g = ground("a red ball bouncing, far offshore", nearest, nearest_setting)  # "offshore" is only an adverb
    assert (g.slots.motion, g.slots.setting) == ("bounces", "ocean")
    g = ground("a red ball bouncing, a shiny toaster", nearest, nearest_setting)  # an artifact is no place
    assert g.slots.setting is None


def test_a_head_noun_after_an_article_and_colour_is_a_thing_even_when_it_ends_in_ing(nearest):
    for prompt, word in [("a red keyring spinning", "keyring"), ("a red building spinning", "building")]:
        g = ground(prompt, nearest)  # not a gerund, nor WordNet's "build" (grow)
        assert (g.slots.colour, g.slots.motion) == ("red", "spins") and g.slots.kind, prompt
        assert any(word in n and "nearest" in n for n in g.notices), prompt
    g = ground("a red building spinning")  # no MiniLM: nothing to draw, and the user is told so
    assert g.slots.kind is None and any("names no object" in n for n in g.notices)


def test_a_bare_first_clause_before_the_objects_labels_the_clip(nearest):
    for prompt in ("my montage, a red ball bouncing on grass", "title card: a blue fish swimming left",
                   "EXT. desert - a red ball bouncing"):
        g = ground(prompt, nearest)
        assert g.slots.count == 1 and g.slots.kind in ("ball", "fish"), prompt
        assert all("title, not drawn" in n for n in g.notices), prompt  # the user is told what was taken as the title
    g = ground("a dragon, a red ball", nearest)  # with an article it is a thing to draw
    assert g.slots.count == 2


def test_a_landform_after_a_relation_is_where_and_an_animal_is_no_place(nearest):
    nearest_setting = NearestSetting(nearest.encoder)
    g = ground("a white bird soaring over snowy mountains", nearest, nearest_setting)
    assert (g.slots.kind, g.slots.count, g.slots.relation, g.slots.setting) == ("bird", 1, "", "snow field")
    g = ground("a purple bird circling above a red box", nearest, nearest_setting)  # a box is a thing
    assert (g.slots.relation, g.slots.second_kind) == ("above", "box")
    g = ground("a butterfly fluttering over flowers", nearest, nearest_setting)  # not WordNet's swimming stroke
    assert (g.slots.kind, g.slots.setting, g.slots.motion) == ("bird", None, None)


def test_requests_and_slips_of_the_keyboard(nearest):
    g = ground("can you animate a purple heart rising into the sky?", nearest)  # "you" is no object
    assert (g.slots.colour, g.slots.kind, g.slots.count, g.slots.motion) == ("purple", "heart", 1, "rises")
    g = ground("a redd ball boucing on gras", nearest)  # one letter off a single reading, past the first two
    assert (g.slots.colour, g.slots.kind, g.slots.motion, g.slots.setting) == ("red", "ball", "bounces", "grass field")
    assert 'read "boucing" as "bouncing"' in g.notices
    assert not any(n.startswith("read") for n in ground("a smurf-blue ball on the surf", nearest).notices)
    g = ground("a red ball bouncing, film noir style", nearest)  # a slip is read as a content word, never "nor"
    assert g.slots.motion == "bounces" and not any(n.startswith("read") for n in g.notices)


def test_a_places_own_words_stay_with_the_place(nearest):
    nearest_setting = NearestSetting(nearest.encoder)
    g = ground("a box in a snowy forest", nearest, nearest_setting)  # not a white box, nor forest green
    assert (g.slots.colour, g.slots.kind, g.slots.setting) == (None, "box", "snow field")
    g = ground("a bird across a golden meadow", nearest, nearest_setting)  # the meadow is golden, not the bird
    assert (g.slots.colour, g.slots.setting) == (None, "grass field")
    g = ground("a red ball on a football field", nearest, nearest_setting)  # a field, not a second ball
    assert (g.slots.count, g.slots.setting) == (1, "grass field")
    assert ground("a heart on a white background").slots == ground("a heart in a plain studio").slots


def test_a_prompt_written_as_fields(nearest):
    g = ground("subject: a blue fish. action: swimming left. setting: ocean", nearest)
    assert (g.slots.colour, g.slots.kind, g.slots.count, g.slots.motion, g.slots.setting) == ("blue", "fish", 1, "left", "ocean")
    g = ground("ball: red; motion: bounce; setting: grass", nearest)
    assert (g.slots.colour, g.slots.kind, g.slots.count, g.slots.motion) == ("red", "ball", 1, "bounces")


def test_framing_words_and_out_are_no_objects(nearest):
    g = ground("close-up of a red heart beating", nearest)
    assert (g.slots.kind, g.slots.count, g.slots.motion) == ("heart", 1, None)
    g = ground("a fish jumping out of the water", nearest)
    assert (g.slots.kind, g.slots.count, g.slots.motion, g.slots.setting) == ("fish", 1, "bounces", "ocean")


def test_everyday_words_for_light_hours_and_rooms_name_settings():
    for prompt, setting in [("a red ball bouncing beneath sunshine", "blue sky"), ("a ball amid the setting sun", "sunset"),
                            ("a bird during the small hours", "night sky"), ("a red box inside a bare room", "plain studio")]:
        assert ground(prompt).slots.setting == setting, prompt
    assert ground("within a galaxy: a violet car expanding").slots.setting == "outer space"  # a car is no room


def test_loose_directions_sizes_after_a_verb_of_becoming_and_colour_compounds(nearest):
    assert ground("a red ball sliding leftish", nearest).slots.motion == "left"
    assert ground("a red ball crawling toward the top edge", nearest).slots.motion == "up"
    assert ground("a red ball getting tinier", nearest).slots.motion == "shrinks"  # WordNet: tiny is small
    assert ground("a red ball becoming enormous", nearest).slots.motion == "grows"
    assert ground("a huge red ball", nearest).slots.motion is None  # a size alone is no change
    assert ground("a red ball drifting upward", nearest).slots.motion == "rises"  # the captioner's "floats up"
    assert ground("a red ball moving upward", nearest).slots.motion == "up"
    assert ground("a red ball heading northward", nearest).slots.motion == "up"  # north is up, as on a map
    assert ground("a red ball approaching", nearest).slots.motion == "grows"  # nearer looks bigger
    assert ground("a red ball advancing to the left", nearest).slots.motion == "left"  # a stated way wins
    g = ground("a red ball on grass, smartphone camera turning left", nearest)  # the noun before "camera" is its kind
    assert (g.slots.camera, g.slots.count) == ("pan left", 1)
    assert ground("a red ball moving toward the eastern edge", nearest).slots.motion == "right"
    assert ground("a muddy ball", nearest).slots.colour == "brown"
    assert ground("a jetblack ball", nearest).slots.colour == "black"
    assert ground("a red ball, cloudbank", nearest).slots.ambience == "clouds"  # no word of WordNet's
    assert ground("a red ball amid wavelets", nearest).slots.ambience == "waves"  # WordNet: a small wave


def test_the_canonical_caption_is_in_the_captioners_words_and_grounds_back():
    rng = np.random.default_rng(0)
    vocabulary = caption_vocabulary()
    for _ in range(200):
        scene = sample_scene(rng, holdout="any")
        want = slots_of(scene).as_said()
        assert ground(caption(scene, rng)).slots == want  # the captioner's own phrasing
        g = ground(describe(want, [(o.colour, o.kind) for o in scene.objects]))
        assert g.slots == want and not g.notices
        assert set(g.caption.replace(",", " ").split()) <= vocabulary, g.caption


def test_describe_writes_what_is_said_only():
    assert describe(Slots(colour="red", kind="ball", motion="left", setting="grass field", count=1, relation="")) \
        == "a red ball moves left in grass field"
    assert describe(Slots(kind="fish", camera="pan right", ambience="rain")) == \
        "a fish, the camera pans right, in the rain"


def test_benchmark_development_split_bar(nearest):
    """A regression bar on the cases the lexicon was built on (dev) and then extended on (heldout);
    the honest held-out figure is heldout2's, recorded in bench/README.md."""
    cases = [c for c in load_cases() if c["split"] in ("dev", "heldout")][::3]
    for split, row in score(cases, nearest).items():
        for slot in SLOT_NAMES:
            right, n = row[slot]
            assert right / n >= 0.9, (split, slot, right, n, row["errors"][:3])


def test_the_weather_does_what_its_verbs_say_and_the_stars_are_its_sky():
    crash = ground("a red ball on the ocean, waves crashing")
    assert (crash.slots.motion, crash.slots.ambience) == (None, "waves")  # the waves crash; the ball does not fall
    assert ground("a red ball on grass, snow falling").slots.motion is None
    assert ground("a red ball in the rain bouncing").slots.motion == "bounces"  # "in the rain" is where, not a subject
    for prompt in ("a pink heart floating up in the night sky, stars twinkling", "a red ball under the stars",
                   "a red ball in a night sky full of stars"):
        g = ground(prompt)
        assert (g.slots.count, g.slots.ambience) == (1, "twinkle"), prompt
    assert ground("three stars spinning").slots.count == 3  # stars as things


def test_directions_made_into_words():
    for prompt, motion in (("a red ball scurrying eastside", "right"), ("a red ball whooshing leftways", "left"),
                           ("a red ball glancing righty", "right"), ("a red ball trotting upstairs", "up"),
                           ("a red ball heading downstairs", "down")):
        assert ground(prompt).slots.motion == motion, prompt
    assert ground("ok so a red ball").slots.motion is None  # WordNet's "ok" is "all right"
    assert ground("a red ball on the downland").slots.motion is None  # "down" and a land: a place


def test_hashtags_bars_and_titles_are_no_things():
    g = ground("POV: a red ball bouncing #nofilter #sunset")
    assert (g.slots.count, g.slots.kind, g.slots.setting) == (1, "ball", "sunset")  # a hashtag the world reads counts
    panel = ground("storyboard panel | a red ball bouncing")
    assert panel.slots.count == 1 and any("storyboard panel" in n and "title" in n for n in panel.notices)


def test_a_side_said_with_a_word_of_nearness():
    g = ground("a red box lefthand from a blue ball")
    assert (g.slots.relation, g.slots.kind, g.slots.second_kind) == ("left of", "box", "ball")
    g = ground("a red box righthand bordering a blue ball")
    assert (g.slots.relation, g.slots.kind, g.slots.second_kind) == ("left of", "ball", "box")
    assert ground("a white ring westbound beside a blue fish").slots.motion == "left"  # a heading, not a side


def test_a_place_after_the_verb_with_no_preposition_is_the_setting(nearest):
    nearest_setting = NearestSetting(nearest.encoder)
    g = ground("a red ball spinning ski resort", nearest, nearest_setting)
    assert (g.slots.motion, g.slots.setting) == ("spins", "snow field")  # WordNet's "ski" is no motion here
    assert any("ski resort" in n for n in g.notices)
    g = ground("trinity peony pennants among distant planets", nearest, nearest_setting)
    assert g.slots.kind is not None  # a clause with a thing in it is not all place


def test_an_adjective_is_a_colour_in_its_first_sense_only():
    assert ground("a majestic bird flying left").slots.colour is None  # WordNet's third sense shares "purple"
    assert ground("a royal blue box").slots.colour == "blue"


def test_after_that_a_word_is_a_verb():
    assert ground("a heart that pulses on a plain background").slots.ambience is None  # WordNet's noun "pulse" is a wave


def test_a_thing_is_drawn_as_the_shape_its_definition_or_its_words_give():
    g = ground("a jawbreaker bouncing")  # WordNet: "a large round hard candy"; no MiniLM needed
    assert g.slots.kind == "ball" and any("jawbreaker" in n and "nearest" in n for n in g.notices)
    assert ground("a triangular flag waving").slots.kind == "triangle"  # a shape said outranks the definition


def test_a_clause_ending_in_a_word_wordnet_lacks_may_still_be_the_place(nearest):
    g = ground("a red ball bouncing, minimalist cyc", nearest, NearestSetting(nearest.encoder))
    assert g.slots.setting == "plain studio" and any("minimalist cyc" in n for n in g.notices)


def test_snow_falling_is_the_weather_and_a_shape_said_of_a_thing_is_drawn():
    g = ground("a green box slides across a snowy field while snow is falling")
    assert (g.slots.motion, g.slots.setting, g.slots.ambience) == (None, "snow field", "snow")  # the box does not fall
    g = ground("two star-shaped cookies spinning")
    assert (g.slots.kind, g.slots.count) == ("star", 2) and any("cookies" in n and "shape" in n for n in g.notices)


def test_the_lexicon_is_read_as_prompts_are():
    assert ground("a red ball at day's end").slots.setting == "sunset"  # "'s" is dropped from both
    assert ground("a red ball on a gray background").slots.setting == "plain studio"


@pytest.mark.parametrize("prompt,kind", [
    ("a red ball bouncing on grass, because my nephew loves these", "ball"),
    ("hey!! make me a blue box sliding left pls", "box"),
    ("ok so a green star spinning in the desert, thx", "star"),
])
def test_pronouns_conjunctions_and_chat_words_draw_nothing(nearest, prompt, kind):
    # before, "because" was drawn as MiniLM's nearest object (a heart) and "hey" titled the clip
    g = ground(prompt, nearest, NearestSetting(nearest.encoder), nearest.is_camera)
    assert (g.slots.kind, g.slots.count, g.slots.second_kind) == (kind, 1, None)
    assert not any(w in n for n in g.notices for w in ('"because"', '"these"', '"hey"', '"thx"', '"pls"'))


@pytest.mark.parametrize("prompt,expected", [
    ("a tan <3 sliding left in the desert", ("brown", "heart", 1, "desert")),
    ("a \U0001f499 floating over the \U0001f30a", ("blue", "heart", 1, "ocean")),
    ("a red \u2b50\ufe0f spinning in the \U0001f30c \u2728\U0001f60d", ("red", "star", 1, "outer space")),
])
def test_emoji_that_picture_a_thing_or_place_are_read_as_its_word(prompt, expected):
    # "<3" used to be read as the count 3, and every emoji was dropped
    g = ground(prompt)
    assert (g.slots.colour, g.slots.kind, g.slots.count, g.slots.setting) == expected


def test_a_thing_whose_colour_everyone_knows_colours_the_noun_after_it_unless_a_colour_is_said():
    g = ground("a ladybug toy block and a school-bus package")
    assert g.objects == (("red", "box"), ("yellow", "box"))
    assert ground("a magenta paper lantern box").slots.colour == "pink"  # paper is what it is made of
    assert ground("a wooden box painted red").slots.colour == "red"
    assert (ground("a traffic cone spinning").slots.kind, ground("a traffic cone spinning").slots.colour) == ("triangle", None)
    # a thing read for its colour is not also drawn
    assert ground("a fire-engine bracelet").objects == (("red", "ring"),)


def test_clock_times_durations_bullets_and_modal_verbs_are_read_as_people_write_them():
    assert ground("a red ball bouncing at 3am").slots.setting == "night sky"
    assert ground("a red ball bouncing at 6:30 p.m.").slots.setting == "sunset"
    assert ground("a red ball bouncing at 11am").slots.setting == "blue sky"
    assert ground("3x gold rings").slots.count == 3
    g = ground("\u2022 a red ball bouncing \u2022 at magic hour \u2022 10 sec, 24 fps, 1080p")
    assert (g.slots.count, g.slots.setting, g.slots.motion) == (1, "sunset", "bounces")
    g = ground("quick question: could you animate a blue fish darting back-n-forth w/ a ring?")
    assert (g.slots.kind, g.slots.motion, g.slots.second_kind, g.slots.count) == ("fish", "zigzags", "ring", 2)


def test_directions_said_by_what_lies_that_way_and_light_verbs_with_their_idioms():
    assert ground("a ball edging floorward").slots.motion == "down"
    assert ground("a ball creeping ceiling-bound").slots.motion == "up"
    assert ground("a ball hurrying westwardly").slots.motion == "left"
    assert ground("a ball taking flight").slots.motion == "rises"  # not WordNet's "take" -> shrink
    assert ground("a ball turning round").slots.motion == "spins"
    assert ground("a ball going splat").slots.motion == "falls"
    assert ground("a ball doing nothing").slots.motion == "still"
    assert ground("a red ball, cam looking westish").slots.camera == "pan left"
    assert ground("a ball floating past Mars").slots.setting == "outer space"  # WordNet: Mars -> planet
    assert ground("a red ball miles from shore").slots.kind == "ball"  # "miles" is a measure, not the head noun


def test_timecodes_asides_and_who_asks_are_not_drawn_and_a_compound_is_its_head():
    g = ground("[0:00-0:04] a red ball bouncing (my idea, not hers)")
    assert (g.slots.colour, g.slots.kind, g.slots.motion, g.slots.count) == ("red", "ball", "bounces", 1)
    g = ground("my son drew a blue fish swimming left")
    assert (g.objects, g.slots.motion) == ((("blue", "fish"),), "left")  # the son is who asks
    assert ground("a red toolchest spinning").slots.kind == "box"  # a chest, by the compound's head


def test_a_name_written_with_a_capital_is_not_read_as_a_typo():
    assert not any("milky" in n for n in ground("a Milka box spinning").notices)
    assert ground("a red ball boucing").slots.motion == "bounces"  # a lower-case slip is still read


def test_a_structured_brief_reads_its_fields_and_a_symbol_is_the_thing_its_name_pictures():
    g = ground("BG: beyond our solar system / SUBJECT: red \u2736 bouncing / LENGTH: 5s")
    assert (g.slots.setting, g.slots.colour, g.slots.kind, g.slots.count) == ("outer space", "red", "star", 1)
    g = ground("Subject: blue \u25b2. Motion: spinning. Camera: pan left")
    assert (g.slots.kind, g.slots.motion, g.slots.camera) == ("triangle", "spins", "pan left")
    assert ground("a pink \u2763 rising").slots.kind == "heart"  # HEAVY HEART EXCLAMATION MARK ORNAMENT
    assert ground("a red ball rising \u2122").slots.count == 1  # a sign that pictures nothing is dropped


def test_in_front_of_is_no_place_and_there_is_opens_a_phrase(nearest):
    g = ground("a red ball in front of a box")
    assert (g.slots.setting, g.slots.count, g.slots.second_kind) == (None, 2, "box")
    g = ground("there will be toolchest spinning", nearest)
    assert (g.slots.kind, g.slots.motion) == ("box", "spins")
    assert ground("a ball drifting among exoplanets").slots.setting == "outer space"  # the compound's head
    assert ground("a ball resting on the icefield").slots.setting == "snow field"  # "ice field" as one word


def test_a_thing_asked_for_is_drawn_as_the_nearest_object_but_a_bare_clause_may_be_the_weather(nearest):
    g = ground("need briefcase spinning", nearest)
    assert (g.slots.count, g.slots.motion) == (1, "spins") and any("nearest" in n for n in g.notices)
    assert ground("a red ball bouncing, sleety mix", nearest).slots.count == 1  # "mix" is no second object


def test_space_as_room_or_area_is_not_outer_space_and_empty_is_no_colour(nearest):
    assert ground("a red ball bouncing amid open maritime expanse", nearest).slots.setting != "outer space"
    assert ground("a ball floating in space").slots.setting == "outer space"
    g = ground("a red ball bouncing, empty rental loft", nearest)
    assert g.slots.count == 1 and g.slots.second_colour is None  # "empty" is no white thing
    assert ground("a bird flying high overhead on a sunny morning").slots.setting == "blue sky"
