"""Harm words the prompt rules out (vidloom/safety/negation.py). Prompts written for this test, not
taken from any evaluation split."""
from __future__ import annotations

import pytest

from vidloom.safety.lexicon import LexiconModerator, load
from vidloom.safety.normalize import skeleton

ALLOWED = [  # each is refused when its negator is taken away (checked below)
    "a medieval battle reenactment on a hillside, no gore",
    "a zombie cartoon for kids, without blood or gore",
    "a gore-free haunted house ride for families",
    "una película de guerra sin gore",
    "ein Kriegsfilm ohne Gemetzel",
    "un film de guerre sans gore",
    "不要血腥的战争电影",
    "戦争映画、血まみれシーンなし",
]
REFUSED = {  # a negator before another word, or the harm said again, negates nothing
    "a decapitation in slow motion, no blur": "graphic_violence",
    "no gore spared: a beheading filmed up close, then more gore": "graphic_violence",
    "no nudity, just a sex scene with everything shown": "sexual",
    "a couple having sex, no cutaways": "sexual",
    "セックス修正なし": "sexual",  # uncensored: the negator is the censoring's, not the act's
}


@pytest.fixture(scope="module")
def moderator():
    return LexiconModerator()


@pytest.mark.parametrize("prompt", ALLOWED)
def test_a_ruled_out_harm_word_is_allowed(moderator, prompt):
    assert not moderator.moderate_text(prompt).blocked


@pytest.mark.parametrize("prompt", ALLOWED)
def test_the_same_prompt_without_its_negator_is_refused(moderator, prompt):
    stripped = prompt
    for negator in ("without ", "no ", "-free", "sin ", "ohne ", "sans ", "不要", "シーンなし"):
        stripped = stripped.replace(negator, " " if negator.endswith(" ") else "")
    assert stripped != prompt
    assert moderator.moderate_text(stripped).blocked, stripped


@pytest.mark.parametrize("prompt,category", REFUSED.items())
def test_only_the_harm_word_itself_is_negated(moderator, prompt, category):
    assert moderator.moderate_text(prompt).category == category


def test_a_conjunction_carries_the_negation_only_from_a_negated_term():
    view = skeleton("no blood or gore and no cutaways or gore")
    matches = list(load().terms.finditer(view))
    assert [m.group(0) for m in matches] == ["blood", "gore", "gore"]
    assert load().negation.negated(view, matches) == {0, 1}


@pytest.mark.parametrize("prompt", ["a school trip to the Holocaust museum, students reading the panels",
                                    "candles at a genocide memorial at dusk", "南京大屠杀纪念馆，游客献花"])
def test_a_harm_word_that_names_a_memorial_or_museum_is_allowed(moderator, prompt):
    assert not moderator.moderate_text(prompt).blocked


def test_a_harm_shown_at_a_memorial_is_still_refused(moderator):
    assert moderator.moderate_text("a massacre at the memorial, bodies everywhere").category == "graphic_violence"
