"""Text normalisation for moderation: the forms of a prompt that term lists are matched against.

Evasions undone here: Unicode compatibility forms (NFKC: full-width letters, ligatures), zero-width
and control characters, diacritics, look-alike letters in words that mix Latin with Cyrillic or
Greek ("nаkеd", "гoлая") and whole words in look-alikes, leetspeak ("s3x", "k1ll"), letters
repeated three or more times ("nuuude", "killll"), spaced or dotted letters ("k i l l",
"k.i.l.l"), split words ("de-capitation") and spaced-out Chinese or Japanese. Terms go through
the same `skeleton`, so both sides fold alike.
"""
from __future__ import annotations

import re
import unicodedata

# Cyrillic and Greek letters that look like Latin ones (after lower-casing)
CONFUSABLES = str.maketrans({
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "һ": "h", "ԁ": "d", "ԛ": "q",
    "ԝ": "w", "ɡ": "g", "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p",
    "τ": "t", "υ": "u", "χ": "x", "γ": "y", "ω": "w", "η": "n", "μ": "u",
})
# Leetspeak, applied only inside words that also have letters (so "12 year old" keeps its digits);
# 1 and | stand for i or l, so both readings are made
LEET_I = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g",
                        "@": "a", "$": "s", "!": "i", "|": "i", "€": "e", "+": "t"})
LEET_L = {**LEET_I, ord("1"): "l", ord("|"): "l", ord("!"): "l"}

_INVISIBLE = re.compile(r"[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e"
                        r"\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]")
_LATIN = re.compile(r"[a-z]")
_FOREIGN = re.compile(r"[\u0370-\u03ff\u0400-\u04ff\u0500-\u052f]")
# Latin letters that look like Cyrillic ones, for Russian words typed with a few Latin letters
TO_CYRILLIC = str.maketrans({"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "k": "к",
                             "m": "м", "h": "н", "t": "т", "b": "в", "i": "і"})
_LEET_WORD = re.compile(r"\S*[a-z]\S*")
_JOINERS = re.compile(r"(?<=\w)[.\-_*'’·•/\\~^]+(?=\w)")  # punctuation inside a word: "de-capitation"
_SPACED = re.compile(r"(?<!\w)(?:\w[\s.\-_*·•,/\\~^]{1,3}){2,}\w(?!\w)")  # "k i l l", "k.i.l.l"
_REPEATS = re.compile(r"(\w)\1{2,}")  # a letter three or more times: "nuuuude", "killll"
_UNSPACED_GAP = re.compile(r"(?<=[\u3040-\u30ff\u3400-\u9fff])\s+(?=[\u3040-\u30ff\u3400-\u9fff])")
_SEPARATORS = re.compile(r"[\W_]+")


def clean(text: str) -> str:
    """NFKC, lower-cased, without invisible or control characters."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _INVISIBLE.sub("", text)
    # control and format characters go (a word split by one is joined again); line breaks become spaces
    text = "".join(" " if c in "\t\n\r" else c for c in text
                   if c in "\t\n\r" or unicodedata.category(c) not in ("Cc", "Cf"))
    return text.casefold()


def skeleton(text: str) -> str:
    """Words separated by single spaces, without diacritics, between a leading and a trailing space."""
    if not text.isascii():  # ASCII has no diacritics to strip: most prompts skip the per-letter pass
        text = unicodedata.normalize("NFD", text)
        text = "".join(c for c in text if unicodedata.category(c) != "Mn")
        text = unicodedata.normalize("NFC", text)
    return " " + " ".join(_SEPARATORS.sub(" ", text).split()) + " "


def _fold_mixed(text: str, table: dict) -> str:
    """Look-alike letters mapped by `table` in words that mix Latin and Cyrillic/Greek ("nаkеd", "гoлая")."""
    return " ".join(w.translate(table) if _LATIN.search(w) and _FOREIGN.search(w) else w for w in text.split(" "))


def _leet(text: str, table: dict) -> str:
    return _LEET_WORD.sub(lambda m: m.group(0).translate(table), text)


def views(text: str) -> list[str]:
    """The distinct skeletons of a prompt that matching runs over (the plain reading first)."""
    cleaned = clean(text)
    base = _fold_mixed(cleaned, CONFUSABLES)
    forms = [base, base.translate(CONFUSABLES), _fold_mixed(cleaned, TO_CYRILLIC),  # look-alikes either way
             _leet(base, LEET_I), _leet(base, LEET_L)]
    joined = [_JOINERS.sub("", f) for f in forms]
    # "k i l l": letters spaced out, joined; a spaced run may start with the word "a" ("a n a k e d")
    joined += [_SPACED.sub(lambda m: _SEPARATORS.sub("", m.group(0)), f) for f in joined]
    joined += [_SPACED.sub(lambda m: m.group(0)[:2] + _SEPARATORS.sub("", m.group(0)[2:]), f) for f in joined]
    joined += [_UNSPACED_GAP.sub("", f) for f in forms[:1]]  # "色 情": Chinese and Japanese are written unspaced
    variants: dict[str, None] = {}  # most forms are the same text: each distinct one is folded once
    for form in dict.fromkeys(forms + joined):
        variants.setdefault(form)
        variants.setdefault(_REPEATS.sub(r"\1", form))
        variants.setdefault(_REPEATS.sub(r"\1\1", form))
    return list(dict.fromkeys(skeleton(v) for v in variants))
