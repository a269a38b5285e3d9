"""worldbench's prompt set: held-out, deterministic, and free of the captioner's words."""
from vidloom.world import is_held_out
from vidloom.world.caption import caption_vocabulary
from vidloom.world.vocab import COLOURS, MOTION_DIRECTION, OBJECTS, SETTINGS

from bench.prompts import (COLOUR_SYNONYMS, MOTION_SYNONYMS, NO_SYNONYM, OBJECT_SYNONYMS, SETTING_SYNONYMS,
                           TEMPLATES, EvalCase, check_vocabulary, eval_cases, flicker_cases, vocabulary_leaks, words)


def test_every_case_is_held_out_and_well_formed():
    cases = eval_cases()
    assert len(cases) == 60
    assert len({c.prompt for c in cases}) == 60
    for c in cases:
        assert is_held_out(c.colour, c.kind, c.motion, c.setting)
        assert c.colour in COLOURS and c.kind in OBJECTS and c.setting in SETTINGS
        assert c.direction == MOTION_DIRECTION.get(c.motion, "none")
        assert c.direction in ("left", "right", "up", "down", "none")
    assert {c.direction for c in cases} == {"left", "right", "up", "down", "none"}
    assert {c.colour for c in cases} == set(COLOURS) and {c.kind for c in cases} == set(OBJECTS)
    assert {c.setting for c in cases} == set(SETTINGS)


def test_set_is_deterministic():
    assert eval_cases() == eval_cases()
    assert flicker_cases() == flicker_cases()
    assert eval_cases(10) == eval_cases()[:10]
    assert all(c.motion == "still" for c in flicker_cases())


def test_prompts_avoid_the_captioner_vocabulary():
    assert check_vocabulary(eval_cases() + flicker_cases()) == {}


def test_word_lists_avoid_the_captioner_vocabulary():
    vocab = caption_vocabulary()
    for pool in (COLOUR_SYNONYMS, MOTION_SYNONYMS, SETTING_SYNONYMS):
        for phrases in pool.values():
            for p in phrases:
                assert not set(words(p)) & vocab, p
    for kind, phrases in OBJECT_SYNONYMS.items():
        allowed = {NO_SYNONYM[kind]} if kind in NO_SYNONYM else set()
        for p in phrases:
            assert not (set(words(p)) & vocab) - allowed, p
    for t in TEMPLATES:
        assert not set(words(t.replace("{", " ").replace("}", " "))) - set("cmos") & vocab, t


def test_leak_check_catches_captioner_words():
    case = EvalCase("a red ball moves left over the sea", "red", "ball", "left", "left", "ocean", 0, "1:1")
    assert {"a", "red", "ball", "moves", "left", "over", "the", "sea"} <= vocabulary_leaks(case)
    kept = EvalCase("crimson star gliding leftwards amid meadow", "red", "star", "left", "left", "grass field", 0, "1:1")
    assert vocabulary_leaks(kept) == set()
