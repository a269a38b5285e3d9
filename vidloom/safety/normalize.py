"""Text normalisation for moderation: the forms of a prompt that term lists are matched against.

Evasions undone here: Unicode compatibility forms (NFKC: full-width letters, ligatures), zero-width
and control characters, diacritics, look-alike letters in words that mix Latin with Cyrillic or
Greek ("nаkеd", "гoлая") and whole words in look-alikes, leetspeak ("s3x", "k1ll"), letters
repeated three or more times ("nuuude", "killll"), spaced or dotted letters ("k i l l",
"k.i.l.l"), split words ("de-capitation") and spaced-out Chinese or Japanese. Terms go through
the same `skeleton`, so both sides fold alike.

Also undone (general forms, 2026-12-06): spaced-out letters whose words are told apart by wider gaps
("a k i d  n u d e" -> "a kid nude", "g a s   t h e   j e w s"); Latin letters and digits standing for
Cyrillic ones inside a mostly Cyrillic word ("п0рн0", "гoлoй": 0 -> о, 3 -> з, 6 -> б, u -> и, n -> п,
r -> г); capital Greek and Cyrillic look-alikes inside Latin words, read before lower-casing ("ΝΑΚΕD": the
capital Ν is an N, though its small ν would read as v); and letters masked by `*`, `#`, `_`, `?` or `%`
inside a word ("n*ked", "p#rn"), read as the words of `vocabulary` (the lexicon's own) they could be.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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
# ... and, inside a word that is mostly Cyrillic, the digits and hand-written look-alikes used as its
# letters (Russian leetspeak: "п0рн0", "3ло", "6ой"; italic "u" is и, "n" is п, "r" is г)
CYRILLIC_LEET = str.maketrans({"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "k": "к",
                               "m": "м", "h": "н", "t": "т", "b": "в", "i": "і", "u": "и", "n": "п", "r": "г",
                               "0": "о", "3": "з", "6": "б", "4": "ч", "@": "а"})
# Capital Greek and Cyrillic letters that look like Latin capitals, folded before lower-casing (a
# capital eta is an H, its small letter would read as n)
UPPER_CONFUSABLES = str.maketrans({
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O",
    "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H",
    "О": "O", "Р": "P", "С": "C", "Т": "T", "Х": "X", "У": "Y", "Ѕ": "S", "І": "I", "Ј": "J"})
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_CYRILLIC_LEET_CHARS = re.compile(r"[a-z0-9@]")
_MIXED_UPPER = re.compile(r"\S*[A-Za-z]\S*")
_MASKED = re.compile(r"(?<![^\W\d_])[^\W\d_]+(?:[*#_?%]+[^\W\d_]+)+[*#_?%]*(?![^\W\d_])|"
                     r"(?<![^\W\d_])[^\W\d_]+[*#_?%]+(?![^\W\d_*#_?%])")  # "n*ked", "p#rn", "f**"
_LEET_WORD = re.compile(r"\S*[a-z]\S*")
_JOINERS = re.compile(r"(?<=\w)[.\-_*'’·•/\\~^]+(?=\w)")  # punctuation inside a word: "de-capitation"
_SPACED = re.compile(r"(?<!\w)(?:\w[\s.\-_*·•,/\\~^]{1,3}){2,}\w(?!\w)")  # "k i l l", "k.i.l.l"
_GAP = re.compile(r"[\s.\-_*·•,/\\~^]+")
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


def _fold_cyrillic(text: str) -> str:
    """Latin look-alikes and digits inside words that are mostly Cyrillic, as the Cyrillic letters they
    stand for ("п0рн0" -> "порно", "гoлoй" -> "голой"); other words are left alone."""
    words = text.split(" ")
    for i, w in enumerate(words):
        cyrillic = len(_CYRILLIC.findall(w))
        if cyrillic and _CYRILLIC_LEET_CHARS.search(w) and cyrillic >= len(_LATIN.findall(w)):
            words[i] = w.translate(CYRILLIC_LEET)
    return " ".join(words)


def _fold_upper(text: str) -> str:
    """Capital Greek and Cyrillic look-alikes in words that mix them with Latin letters, as Latin capitals."""
    return _MIXED_UPPER.sub(lambda m: m.group(0).translate(UPPER_CONFUSABLES) if _FOREIGN.search(m.group(0).lower())
                            else m.group(0), text)


def _split_spaced(run: str) -> str:
    """Spaced-out letters joined into words, with a word break where the gap is wider than the run's
    narrowest one ("k i d  n u d e" -> "kid nude"); a run of even gaps is one word."""
    gaps = _GAP.findall(run)
    narrow = min(len(g) for g in gaps)
    letters = _GAP.split(run)
    out = letters[0]
    for gap, letter in zip(gaps, letters[1:]):
        out += (" " if len(gap) > narrow else "") + letter
    return out


def _unmask(text: str, vocabulary) -> str:
    """Words with letters masked by `*`, `#`, `_`, `?` or `%` ("n*ked", "p#rn") as the first word of
    `vocabulary` (a frozenset of words) they could stand for: each mask is one letter, or a run of masks
    one to three letters. Words no vocabulary word fits are left as they are."""
    def fill(m: re.Match) -> str:
        word = m.group(0)
        pattern = re.compile(re.sub(r"[*#_?%]+", lambda g: "[^\\W\\d_]" + ("{1,3}" if len(g.group(0)) == 1 else
                                    "{%d}" % len(g.group(0))), re.escape(word).replace("\\*", "*").replace("\\#", "#")
                                    .replace("\\?", "?").replace("\\%", "%")))
        for candidate in _by_initial(vocabulary).get(word[0], ()):
            if pattern.fullmatch(candidate):
                return candidate
        return word
    return _MASKED.sub(fill, text)


@lru_cache(maxsize=4)
def _by_initial(vocabulary: frozenset[str]) -> dict[str, list[str]]:
    """`vocabulary`'s words by their first letter, shortest first (built once per vocabulary)."""
    table: dict[str, list[str]] = {}
    for w in sorted(vocabulary, key=lambda w: (len(w), w)):
        table.setdefault(w[0], []).append(w)
    return table


def _leet(text: str, table: dict) -> str:
    return _LEET_WORD.sub(lambda m: m.group(0).translate(table), text)


def views(text: str, vocabulary: frozenset[str] | None = None) -> list[str]:
    """The distinct skeletons of a prompt that matching runs over (the plain reading first).
    `vocabulary`: the words masked letters may stand for ("n*ked"); without it masks are only removed."""
    if not text.isascii():
        text = _fold_upper(text)
    cleaned = clean(text)
    base = _fold_mixed(cleaned, CONFUSABLES)
    forms = [base, base.translate(CONFUSABLES), _fold_mixed(cleaned, TO_CYRILLIC),  # look-alikes either way
             _leet(base, LEET_I), _leet(base, LEET_L)]
    if _CYRILLIC.search(cleaned):
        forms.append(_fold_cyrillic(cleaned))
    if vocabulary and _MASKED.search(base):
        forms += [_unmask(f, vocabulary) for f in forms[:1] + forms[3:5]]
    joined = [_JOINERS.sub("", f) for f in forms]
    # "k i l l": letters spaced out, joined; a spaced run may start with the word "a" ("a n a k e d");
    # wider gaps between the letters part words ("a k i d  n u d e")
    spaced = [f for f in joined if _SPACED.search(f)]
    joined += [_SPACED.sub(lambda m: _SEPARATORS.sub("", m.group(0)), f) for f in spaced]
    joined += [_SPACED.sub(lambda m: m.group(0)[:2] + _SEPARATORS.sub("", m.group(0)[2:]), f) for f in spaced]
    joined += [_SPACED.sub(lambda m: _split_spaced(m.group(0)), f) for f in spaced]
    joined += [_SPACED.sub(lambda m: m.group(0)[:2] + _split_spaced(m.group(0)[2:]), f) for f in spaced]
    joined += [_UNSPACED_GAP.sub("", f) for f in forms[:1]]  # "色 情": Chinese and Japanese are written unspaced
    variants: dict[str, None] = {}  # most forms are the same text: each distinct one is folded once
    for form in dict.fromkeys(forms + joined):
        variants.setdefault(form)
        variants.setdefault(_REPEATS.sub(r"\1", form))
        variants.setdefault(_REPEATS.sub(r"\1\1", form))
    return list(dict.fromkeys(skeleton(v) for v in variants))
