"""Injuries told by act, body part and instrument, in English, without a listed word of violence
("beating a man's face in with a hammer", "his fingers snipped off with bolt cutters", "getting her
ear sawed off with a machete").

A graphic injury is read where a verb of cutting, striking or injuring (any of its three commonest
WordNet senses has `cut`, `strike`, `hit`, `injure`, `mutilate` ... above it) acts on a person's
body part: a part (its commonest WordNet sense is a body part, not hair or a nail) owned by a person
("his head", "a woman's face", "the fingers of a prisoner") within a few words of the verb, either
side (passives: "his head sawed off"). One such act is everyday ("hitting his thumb with a hammer",
"shaving his face with a razor"), so two of three marks of harm must join it: a severing or caving
particle ("off", "out", "in", "apart"), an instrument that is a weapon or a tool ("with a machete",
"using pliers"), a result ("until", "one by one", "to a pulp", "unrecognizable"). Not read where the
prompt is set in care or grooming (a surgeon, a dentist, a barber, a tattoo artist).

Words are WordNet 3.0's (`vidloom.world.wordnet`); lookups are cached and made only for views with
a candidate verb.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .senses import _hypernyms, _wordnet

# a verb of harm to a body: one of these above one of its three commonest senses
ACTS = frozenset({"cut", "strike", "hit", "injure", "wound", "mutilate", "kill", "crush", "break", "sever", "chop"})
_CANDIDATE = re.compile(r"(?<= )(?:saw|snip|cut|chop|hack|slic|slash|sever|clip|lop|gouge|beat|smash|bash|pound|"
                        r"hammer|club|hit|strik|struck|crush|break|broke|shatter|stab|pierc|rip|tear|tore|torn|pull|"
                        r"carv|gash|maim|pummel|whack|bludgeon)\w*(?= )")
PARTICLES = frozenset({"off", "out", "in", "apart"})
RESULTS = re.compile(r"(?<= )(?:until|till|one by one|to a pulp|unrecogni[sz]able|to death|to pieces|to shreds|"
                     r"bleed\w*|blood\w*|gushing|pouring)(?= )")
INSTRUMENT_BEFORE = frozenset({"with", "using"})
OWNERS = frozenset({"his", "her", "their", "my", "your"})
# a part's possessive: "a woman s face" (the skeleton parts "'s"); "of" after it: "the face of a woman"
_SKIP = frozenset({"the", "a", "an", "his", "her", "their", "my", "your", "one", "two", "both", "all", "own", "left",
                   "right", "bare", "little"})
# settings of care or grooming, where a blade or a blow to a body part is a procedure
CARE = re.compile(r"(?<= )(?:surg\w*|operat\w*|doctor\w*|dentist\w*|dental|nurse\w*|paramedic\w*|medic\w*|patient\w*|"
                  r"vet|vets|veterinar\w*|barber\w*|hairdress\w*|stylist\w*|manicur\w*|pedicur\w*|tattoo\w*|"
                  r"piercing\w*|physio\w*|chiropract\w*|massag\w*|acupunct\w*|hospital\w*|clinic\w*)(?= )")
_WINDOW = 5


@lru_cache(maxsize=8192)
def harm_act(word: str) -> bool:
    """Whether one of the three commonest senses of an English verb is a kind of cutting, striking or injuring."""
    wordnet = _wordnet()
    return bool(wordnet) and any(ACTS & _hypernyms("v", o)
                                 for b in wordnet.base_forms(word, "v") for o in wordnet._offsets("v", b)[:3])


@lru_cache(maxsize=8192)
def body_part(word: str) -> bool:
    """Whether an English noun's commonest sense is a body part (not hair, a nail or other covering)."""
    wordnet = _wordnet()
    for b in wordnet.base_forms(word, "n") if wordnet else ():
        offsets = wordnet._offsets("n", b)
        if offsets:
            names = _hypernyms("n", offsets[0])
            return "body part" in names and not {"body covering", "horny structure", "hair"} & names
    return False


@lru_cache(maxsize=8192)
def instrument(word: str) -> bool:
    """Whether one of an English noun's two commonest senses is a weapon or a tool."""
    wordnet = _wordnet()
    return bool(wordnet) and any({"weapon", "tool", "implement"} & _hypernyms("n", o)
                                 for b in wordnet.base_forms(word, "n") for o in wordnet._offsets("n", b)[:2])


@lru_cache(maxsize=8192)
def _person(word: str) -> bool:
    wordnet = _wordnet()
    return bool(wordnet) and any("person" in _hypernyms("n", o)
                                 for b in wordnet.base_forms(word, "n") for o in wordnet._offsets("n", b)[:1])


def _owned(words: list[str], j: int, guarded) -> bool:
    """Whether the body part at `j` belongs to a person: "his", "a man s", "of the prisoner"."""
    k = j - 1
    while k >= 0 and words[k] in ("left", "right", "bare", "little", "own", "both", "two"):
        k -= 1
    if k >= 0 and words[k] in OWNERS:
        return True
    if k >= 1 and words[k] == "s" and (guarded(words[k - 1]) or _person(words[k - 1])):
        return True
    after = words[j + 1:j + 4]
    return bool(after) and after[0] == "of" and any(guarded(w) or _person(w) for w in after[1:])


def read(view: str, guarded) -> list[str]:
    """The words of an injury to a person's body part with two marks of harm (see the module's
    docstring), or []. `guarded(word)`: the lexicon's person, minor and body words."""
    if not _CANDIDATE.search(view) or CARE.search(view) or _wordnet() is None:
        return []
    words = view.split()
    results = RESULTS.findall(view)
    for i, verb in enumerate(words):
        if not _CANDIDATE.match(f" {verb} ", 1) or not harm_act(verb):
            continue
        lo, hi = max(0, i - _WINDOW), min(len(words), i + _WINDOW + 1)
        parts = sorted((j for j in range(lo, hi) if j != i and body_part(words[j]) and _owned(words, j, guarded)),
                       key=lambda j: abs(j - i))
        if not parts:
            continue
        marks = []
        near = {i + 1, i + 2} | {j + 1 for j in parts}
        marks += [words[k] for k in sorted(near) if k < len(words) and words[k] in PARTICLES][:1]
        for k in range(i + 1, min(len(words), i + 2 * _WINDOW)):
            if words[k] in INSTRUMENT_BEFORE:
                tool = next((w for w in words[k + 1:k + 5] if w not in _SKIP and instrument(w)), None)
                if tool:
                    marks.append(tool)
                    break
        marks += results[:1]
        if len(marks) >= 2:
            return [verb, words[parts[0]], *marks]
    return []
