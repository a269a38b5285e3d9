"""Every evasion the normaliser undoes lands on the plain spelling in one of the views."""
from __future__ import annotations

import pytest

from vidloom.safety.normalize import skeleton, views

EVASIONS = {
    "full-width (NFKC)": ("ｐｏｒｎ", "porn"),
    "zero-width characters": ("p\u200bo\u200dr\u2060n", "porn"),
    "soft hyphen and controls": ("po\u00adr\x07n", "porn"),
    "Cyrillic look-alikes": ("nаkеd", "naked"),  # а and е are Cyrillic
    "Greek look-alikes": ("nαkεd", "naked"),
    "a word all in look-alikes": ("ѕех", "sex"),  # ѕ, е, х are all Cyrillic
    "leetspeak": ("s3x", "sex"),
    "leetspeak 1 as l": ("1oli", "loli"),
    "leetspeak 1 as i": ("k1ll", "kill"),
    "repeated letters": ("nuuuuude", "nude"),
    "repeated letters kept double": ("killllll", "kill"),
    "spaced letters": ("k i l l", "kill"),
    "dotted letters": ("k.i.l.l", "kill"),
    "hyphenated": ("de-capitation", "decapitation"),
    "spaced after the word a": ("a n a k e d", "a naked"),
    "diacritics": ("niña", "nina"),
    "spaced Chinese": ("色 情", "色情"),
    # general forms (2026-12-06): wider gaps part spaced-out words, digits and Latin letters inside Russian
    # words, capital Greek look-alikes
    "spaced words, double gaps": ("a g i r l  n a k e d", "a girl naked"),
    "spaced words, triple gaps": ("s h o o t   t h e   m a n", "shoot the man"),
    "spaced words after the word a": ("a b o y  n u d e", "a boy nude"),
    "digits in a Russian word": ("г0лая", "голая"),
    "3 as з in a Russian word": ("3верь", "зверь"),
    "Latin u and n in a Russian word": ("гoлыe пuськи", "голые письки"),
    "capital Greek look-alikes": ("ΝUDE", "nude"),
}


@pytest.mark.parametrize("name", EVASIONS)
def test_each_evasion_folds_onto_the_plain_spelling(name):
    written, plain = EVASIONS[name]
    assert any(f" {plain} " in v for v in views(f"{written} video")), views(f"{written} video")


def test_plain_text_keeps_its_words_and_other_scripts_are_left_alone():
    assert views("A red ball, bouncing!")[0] == " a red ball bouncing "
    assert views("голая женщина")[0] == " голая женщина "  # Russian is not folded to Latin
    assert " гoлaя " not in views("голая женщина")
    assert any(" голая " in v for v in views("гoлая"))  # Latin o inside a Russian word
    assert " 12 year old " in views("a 12 year old")[0]  # digits outside words are not leetspeak
    assert skeleton("Teen") != skeleton("ten")  # doubled letters are not folded: distinct words stay distinct


def test_masked_letters_read_as_the_vocabulary_words_they_can_stand_for():
    vocabulary = frozenset({"naked", "nude", "porn", "fuck"})
    assert " a naked woman " in views("a n*ked woman", vocabulary)
    assert " porn clip " in views("p#rn clip", vocabulary)
    assert " fuck " in views("f**k", vocabulary)
    assert all(" naked " not in v for v in views("a n*ked woman"))  # without a vocabulary only the mask goes
    assert views("a red*blue ball", vocabulary)[0] == " a red blue ball "  # nothing fits: left as it was


def test_general_folds_leave_plain_text_alone():
    assert views("the 3 bears and 0 cubs")[0] == " the 3 bears and 0 cubs "
    assert " 12 лет " in views("ей 12 лет")[0]  # digits outside a Russian word stay digits
    assert views("Α Greek alpha: Αθήνα")[0] == " α greek alpha αθηνα "  # all-Greek words are left Greek
