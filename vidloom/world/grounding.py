"""Grounding: any prompt -> the world's slots, its canonical caption, and what the world cannot draw.

"a crimson sphere drifting leftwards over a meadow" -> Slots(colour="red", kind="ball",
motion="left", setting="grass field", ...) and "a red ball moves left in grass field", the
captioner's own words, as Sora rewrites prompts before generating. Prompts outside the world
get its nearest thing and a notice ("a purple elephant dancing" -> a purple bird, with notices
for the elephant and the dance).

The procedure (numbered in `ground`): normalise the text, read it as lexemes with the
lexicon's longest phrases first, settle the words that are colour names or nouns the lexicon
lacks, then gather object phrases and give each its count, colour and motion; the rest
(setting, camera, ambience, relation) belongs to the whole clip.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from . import lexicon as lx
from .caption import (
    AMBIENCE_WORDS,
    CAMERA_WORDS,
    MOTION_WORDS,
    OBJECT_WORDS,
    SETTING_WORDS,
)
from .colour_words import nearest_world_colour
from .slots import Slots
from .vocab import COLOURS
from .wordnet import load as load_wordnet

MAX_PHRASE = 5  # tokens in the longest lexicon phrase
MAX_OBJECTS = 3
ARTICLES = {"a", "an", "the", "this", "another", "some"}
POSSESSIVES = {"my", "our", "your", "his", "her", "their"}
COLOUR_NOUNS = {"coloured", "colour", "hue", "hued", "tinted", "shade", "tone", "toned", "ish"}
SKY_SETTINGS = {"blue sky", "sunset", "night sky"}
# Prepositions of place: an unknown noun after one is a place, not an object ("across the steppe").
PLACE_WORDS = {"across", "amid", "among", "within", "inside", "through", "throughout", "at", "in", "into", "against",
               "before", "behind", "beyond", "along", "past"}
# What WordNet may tell, by part of speech, and the pointers it follows: hypernyms, similar adjectives,
# pertainyms (an adverb's adjective).
WORDNET_TAGS = {"n": {lx.OBJECT, lx.SETTING, lx.TIME, lx.SKY, lx.AMBIENCE, lx.COLOUR, lx.COUNT},
                "v": {lx.MOTION, lx.MOVE, lx.PAN}, "a": {lx.COLOUR, lx.MOTION}, "r": {lx.DIRECTION, lx.MOTION}}
WORDNET_POINTERS = {"n": {"@", "@i"}, "v": {"@"}, "a": {"&", "\\"}, "r": {"\\"}}
WORDNET_DEPTH = {"n": 8, "v": 3, "a": 1, "r": 1}
# Pan verbs that, opening a clause, speak to the camera with no camera noun ("..., truck left"); "sweep",
# "swing" and "track" are said of things as often.
CAMERA_VERBS = {"pan", "pans", "panning", "panned", "truck", "trucks", "trucking", "trucked", "whip"}
# Verbs of floating: said with "up" they are the captioner's "floats up", the world's "rises".
FLOAT_VERBS = ("float", "drift", "waft", "hover")
# Verbs of becoming: a size after one is a change of size ("getting tinier", "becoming enormous").
CHANGE_VERBS = {form for verb in ("get", "become", "turn", "grow", "go") for form in lx.inflect(verb)} | {"became"}
# What a slip of the keyboard is read as: words of content only, never a negation, relation or count ("noir"
# is no "nor")
TYPO_TAGS = frozenset({lx.COLOUR, lx.OBJECT, lx.MOTION, lx.SETTING, lx.AMBIENCE})
COLOUR_DEPTH = 5  # hypernym steps from a shade ("bone") up to WordNet's colour
PLACE_TAGS = frozenset({lx.SETTING, lx.SKY, lx.TIME, lx.AMBIENCE})
# WordNet's lexicographer files of nouns that name where or when: noun.location, noun.object (landforms,
# waters), noun.phenomenon (light, heat, weather) and noun.time. A clause that is only such a noun phrase
# ("..., marshy lowland", "..., Sonoran heat") names the setting.
LANDFORM_LEXFILES = frozenset({15, 17})
PLACE_LEXFILES = LANDFORM_LEXFILES | {19, 28}
THING_LEXFILES = frozenset({5, 6, 13, 20, 25})  # noun.animal, noun.artifact, noun.food, noun.plant, noun.shape
# "three-sided", "five-pointed": a number that makes an adjective is no count
COMPOUND_NUMBER = ("sided", "pointed", "cornered", "legged", "faced", "headed", "winged", "dimensional")
# What English adds to a direction to make a word of direction ("lefthand", "eastside", "rightways"; not "downland")
DIRECTION_SUFFIXES = ("hand", "side", "sides", "way", "ways", "ward", "wards", "bound")
# Words of nearness: after a thing and "left" or "right" they say it is beside what follows
NEARNESS = {"from", "of", "beside", "bordering", "versus", "vs", "abutting", "alongside", "next to", "adjoining",
            "flanking", "against"}
# Shapes a definition gives a thing, as the world's objects ("suitcase: a portable rectangular container")
SHAPE_ADJECTIVES = {"round": "ball", "rounded": "ball", "spherical": "ball", "globular": "ball", "rectangular": "box",
                    "cubic": "box", "cuboid": "box", "boxlike": "box", "triangular": "triangle", "conical": "triangle",
                    "toroidal": "ring", "annular": "ring"}
# Words that open a clause whose subject is the weather ("..., waves crashing", "while snow falls")
WEATHER_CLAUSE_OPENERS = {"while", "as", "and", "with", "where", "when"}
# Before plural stars, words that make them the sky's ("under the stars", "a sky full of stars")
STARRY = {"under", "beneath", "of", "among", "amid", "amongst"}
SPELLING = {"color": "colour", "colored": "coloured", "colors": "colours", "gray": "grey", "grayish": "greyish"}


@dataclass(frozen=True)
class Grounding:
    """What a prompt asks for, in the world's terms."""

    slots: Slots
    caption: str  # the slots in the captioner's words
    notices: tuple[str, ...] = ()  # what the prompt asks that the world cannot draw, and what it draws instead
    objects: tuple[tuple[str | None, str | None], ...] = ()  # (colour, kind) of every object, main first


@dataclass
class _Lexeme:
    tag: str
    value: object
    text: str
    start: int  # token index
    negated: bool = False
    source: str = "lexicon"  # or "colour table", "wordnet", "minilm": how the word was read


@dataclass
class _Mention:
    """One object phrase: "two crimson spheres"."""

    kind: str | None
    word: str
    start: int
    count: int = 1
    colour: str | None = None
    motion: str | None = None
    direction: str | None = None
    guess: str | None = None  # a motion read through WordNet
    known: bool = True
    floats: bool = False  # its verb is one of floating: upward, that is the world's "rises" ("floats up")


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, object]]:
    """The lexicon, its phrases read as prompts are ("day's end" -> "day end", "gray" -> "grey")."""
    return {" ".join(normalise(phrase)): reading for phrase, reading in lx.build().items()}


@lru_cache(maxsize=1)
def _object_nouns() -> dict[str, tuple[str, int]]:
    """Every object noun (singular and plural) -> (kind, count)."""
    nouns = {n: (k, 1) for k, ns in lx.OBJECT_NOUNS.items() for n in ns}
    nouns.update({lx.plural(n): (k, 2) for k, ns in lx.OBJECT_NOUNS.items() for n in ns if lx.plural(n) != n})
    return nouns


_EMOJI = re.compile("|".join(map(re.escape, sorted(lx.EMOJI, key=len, reverse=True))))
_CLOCK = re.compile(r"\b(\d{1,2})(?::[0-5]\d)?\s*([ap])\.?\s?m\b\.?", re.I)
_FIELD_LABEL = re.compile(r"(?:^|(?<=[\s,;.!?(\[/|]))(?:" + "|".join(map(re.escape, lx.FIELD_LABELS)) + r")\s*:", re.I)
_MULTIPLIER = re.compile(r"\b([1-9])\s*[x\u00d7](?=\s+[a-z])", re.I)  # "3x gold rings": three


def _clock_word(match: re.Match) -> str:
    """A time on the clock as the part of the day the world shows ("3am" -> night, "6pm" -> dusk)."""
    hour = int(match[1]) % 12 + (12 if match[2].lower() == "p" else 0)
    return " night " if hour < 5 or hour >= 21 else " dawn " if hour < 7 else " daytime " if hour < 17 else " dusk "


@lru_cache(maxsize=1024)
def _symbol_word(char: str) -> str:
    """A symbol no emoji table has, as the thing its Unicode name pictures ("\u2736" SIX POINTED BLACK STAR: a star,
    "\u2763" HEAVY HEART EXCLAMATION MARK ORNAMENT: a heart); "" for one that pictures nothing the world draws.
    Its "black" and "white" say filled or outlined, not a colour, so only an object word counts."""
    if unicodedata.category(char) not in ("So", "Sm"):
        return ""
    words = unicodedata.name(char, "").lower().split()
    table = _table()
    return next((f" {w} " for w in reversed(words) if table.get(w, (None,))[0] == lx.OBJECT), "")


def normalise(prompt: str) -> list[str]:
    """Lower case ASCII tokens; "n't" splits off as "not", hyphens split words, spelling is British, emoji that
    picture a thing or a place become its word (other symbols by their Unicode names), and a brief's field labels
    ("SUBJECT:") part clauses."""
    prompt = _EMOJI.sub(lambda m: f" {lx.EMOJI[m[0]]} ", prompt.replace("\ufe0f", ""))  # "❤️": the heart, as text
    prompt = re.sub(r"[^\x00-\x7f]", lambda m: _symbol_word(m[0]) or m[0], prompt)
    prompt = re.sub(r"\s[-\u2013\u2014|/]+\s|[\u2013\u2014|]", " , ", prompt)  # a dash, bar or slash between words parts clauses
    # a hashtag or handle is a tag on the post, not the scene, unless it is a word the world reads ("#sunset")
    prompt = re.sub(r"[#@](\w+)", lambda m: f" , {m[1]} , " if m[1].lower() in _table() else " , ", prompt)
    prompt = _FIELD_LABEL.sub(" , ", prompt)
    prompt = _MULTIPLIER.sub(r"\1", _CLOCK.sub(_clock_word, prompt))
    # the clip's own measures ("10 sec, 1080p", "24 fps") and timecodes ("[0:00-0:04]") say nothing of its
    # content, and no count
    prompt = re.sub(r"\[?\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[-\u2013]\s*\d{1,2}:\d{2}(?::\d{2})?)?\b\]?", " , ", prompt)
    prompt = re.sub(r"\b\d+(?:\.\d+)?\s*(?:s|secs?|seconds?|mins?|minutes?|fps|k)\b", " ", prompt, flags=re.I)
    prompt = re.sub(r"[\u2022\u00b7\u25aa\u25b8\u25ba\u2023\u2043]", " , ", prompt)  # a bullet parts clauses
    prompt = re.sub(r"\bw/o\b", " without ", re.sub(r"\bw/(?=\s|$)", " with ", prompt, flags=re.I), flags=re.I)
    prompt = re.sub(r"(?<=\w)[- ]'?n'?[- ](?=\w)", " and ", prompt)  # "back-n-forth", "rock 'n' roll"
    text = unicodedata.normalize("NFKD", prompt).encode("ascii", "ignore").decode().lower()
    text = text.replace("n't", " not").replace("cannot", "can not").replace("'s", "").replace("'d", " would")
    text = re.sub(r"[()\[\]{}]", " , ", text)  # an aside in brackets is a clause of its own
    text = re.sub(r"(\w)-(\w)", r"\1 \2", text).replace("-", " ")
    tokens = re.findall(r"[a-z0-9']+|[,;.:!?]", text)
    return [SPELLING.get(t, t) for t in tokens]


def _lex(tokens: list[str]) -> list[_Lexeme]:
    """Longest lexicon phrase first at each token; compound colour names ("sky blue") before all."""
    table, out, i = _table(), [], 0
    while i < len(tokens):
        if (tokens[i + 1:i + 2] and tokens[i + 1].endswith(COMPOUND_NUMBER) and table.get(tokens[i], ("",))[0] == lx.COUNT
                and " ".join(tokens[i:i + 3]) not in table):
            out.append(_Lexeme(lx.FILLER, None, " ".join(tokens[i:i + 2]), i))  # "three-sided" is no count
            i += 2
            continue
        pair = " ".join(tokens[i:i + 2])
        if i + 1 < len(tokens) and table.get(tokens[i + 1], ("",))[0] == lx.COLOUR and nearest_world_colour(pair):
            out.append(_Lexeme(lx.COLOUR, table[tokens[i + 1]][1], pair, i))  # the hue word decides
            i += 2
            continue
        for n in range(min(MAX_PHRASE, len(tokens) - i), 0, -1):
            phrase = " ".join(tokens[i:i + n])
            if phrase in table:
                tag, value = table[phrase]
                out.append(_Lexeme(tag, value, phrase, i))
                i += n
                break
        else:
            out.append(_Lexeme("unknown", None, tokens[i], i))
            i += 1
    return out


def _content(lexemes: list[_Lexeme], i: int, step: int = 1) -> int | None:
    """Index of the next lexeme from i (exclusive) that is not a filler, in the same clause."""
    j = i + step
    while 0 <= j < len(lexemes):
        if lexemes[j].tag == lx.BOUNDARY:
            return None
        if lexemes[j].tag != lx.FILLER:
            return j
        j += step
    return None


def _wordnet_reading(word: str, prefer: frozenset[str] = frozenset()) -> tuple[str, object] | None:
    """What a word the lexicon lacks means in the lexicon's terms, through WordNet: a synonym the lexicon
    knows (any of its words), or else the nearest hypernym that is one of the lexicon's class words
    ("magpie" -> ... -> bird, "clamber" -> climb). At the same distance a reading tagged in `prefer` wins
    (after "across", "firmament" is the heavens, not a sphere). None where WordNet is not installed or
    finds nothing."""
    wordnet = load_wordnet()
    if wordnet is None:
        return None
    table = _table()
    order = ("v", "a", "n", "r") if word.split()[0].endswith(("ing", "ed")) else ("n", "a", "v", "r")
    best = None  # (distance, not preferred, pos rank, sense rank), reading
    looks_verbal = word.split()[0].endswith(("ing", "ed", "s")) or not wordnet.synsets(word, "n")
    for rank, pos in enumerate(order):
        if pos == "v" and not looks_verbal:
            continue  # "castle" is a noun here, not the chess move
        senses = wordnet.synsets(word, pos)
        frontier = [(s, k) for k, s in enumerate(senses)]
        seen = set(senses)
        for distance in range(WORDNET_DEPTH[pos] + 1):
            for (spos, offset), k in frontier:
                for lemma in wordnet.synset(spos, offset).lemmas:
                    if lemma in lx.WORDNET_OTHER_SENSE:
                        continue  # "space" as room or area ("an expanse", "a loft"); outer space's synset says so
                    tag, value = table.get(lemma, (None, None))
                    if distance and lemma in lx.HYPERNYM_MOTIONS:
                        tag, value = lx.MOTION, lx.HYPERNYM_MOTIONS[lemma]
                    if pos == "a" and tag == lx.COLOUR and (k or distance):
                        continue  # an adjective is a colour in its first sense only, as itself: "majestic" is no
                        # purple, "empty" no white (WordNet's "white": a page not written on)
                    if tag in WORDNET_TAGS[pos] and (distance == 0 or lemma in lx.CLASS_WORDS or lemma in lx.HYPERNYM_MOTIONS):
                        if tag == lx.OBJECT:  # the count comes from the word: "warblers" is two
                            value = (value[0], 1 if word.replace(" ", "_") in wordnet.base_forms(word, "n") else 2)
                        key = (distance, tag not in prefer, rank, k)
                        if best is None or key < best[0]:
                            best = (key, (tag, value))
            if best and best[0][0] <= distance:
                break
            nxt = []
            for (spos, offset), k in frontier:
                for symbol, o, p in wordnet.synset(spos, offset).pointers:
                    if symbol in WORDNET_POINTERS[pos] and (p, o) not in seen:
                        seen.add((p, o))
                        nxt.append(((p, o), k))
            frontier = nxt
    return best[1] if best else _gloss_reading(wordnet, word, order, looks_verbal, prefer)


def _gloss_reading(wordnet, word: str, order: tuple[str, ...], looks_verbal: bool,
                   prefer: frozenset[str]) -> tuple[str, object] | None:
    """The first word of the lexicon in the definition of one of the word's two commonest senses: its
    genus, most often ("quoit: a ring of iron ..." -> ring, "savanna: a flat grassland ..." -> grass
    field). A colour only where a colour is wanted (the word stands before its noun)."""
    for pos in order:
        if (pos == "v" and not looks_verbal) or (pos == "n" and word.endswith("ing")):
            continue  # "knitting" is no thing made of loops
        # numbers in a definition count parts ("a vehicle with four wheels"), not objects
        allowed = WORDNET_TAGS[pos] - {lx.COUNT} - ({lx.COLOUR} if prefer != {lx.COLOUR} else set())
        for spos, offset in wordnet.synsets(word, pos)[:2]:
            for lexeme in _lex(normalise(wordnet.synset(spos, offset).gloss)):
                if lexeme.tag in allowed and lexeme.text not in lx.WORDNET_OTHER_SENSE:
                    return lexeme.tag, lexeme.value
    return None


def _settle_words(lexemes: list[_Lexeme], nearest: Callable[[str, bool], str | None] | None,
                  nearest_setting: Callable[[str], str | None] | None,
                  camera_noun: Callable[[str], bool] | None, notices: list[str],
                  names: frozenset[str] = frozenset()) -> None:
    """Unknown words and words of two meanings: colour names, WordNet's reading of words the lexicon lacks,
    nouns after an article (MiniLM's nearest object) or a place word (its nearest setting), nouns MiniLM
    reads as a camera, "circle" as a shape."""
    _correct_typos(lexemes, notices, names)
    nouns = _object_nouns()
    for i, lexeme in enumerate(lexemes):
        after_np_start = _opens_phrase(lexemes[i - 1] if i else None)
        if lexeme.tag in (lx.MOTION, lx.MOVE) and lexeme.text in nouns and after_np_start:
            lexeme.tag, lexeme.value = lx.OBJECT, nouns[lexeme.text]  # "a red circle", "two loops"
        elif lexeme.tag == lx.PAN and after_np_start:
            lexeme.tag, lexeme.value = "unknown", None  # "a red truck" is a thing, not the camera's move
        nxt = lexemes[i + 1] if i + 1 < len(lexemes) else None
        colour = nearest_world_colour(lexeme.text)
        if lexeme.tag in (lx.MOTION, lx.MOVE) and colour and nxt and nxt.tag in (lx.OBJECT, "unknown"):
            lexeme.tag, lexeme.value = lx.COLOUR, colour  # "a rose heart"
    # 1. colour names before a noun (or after one): the XKCD/CSS table, also as "-y"/"-ish" adjectives
    for i, lexeme in enumerate(lexemes):
        if lexeme.tag != "unknown":
            continue
        nxt = _content(lexemes, i)
        word = lexeme.text
        stems = (word, word.removesuffix("ish"), word.removesuffix("y"), word.removesuffix("ey"), word[:-1] + "e",
                 word[:-2] if re.search(r"([b-df-hj-np-tv-z])\1y$", word) else "")  # "muddy"
        colour = next((c for c in map(nearest_world_colour, stems) if c), None)  # "rosy", "mossy", "reddish"
        colour = colour or _wordnet_colour(word) or next(  # "bone": a shade of white; "jetblack"
            (c for c in COLOURS if word.endswith(c) and len(word) > len(c) + 2), None)
        heads_phrase = i and lexemes[i - 1].tag == lx.COLOUR and (nxt is None or lexemes[nxt].tag == lx.BOUNDARY)
        if heads_phrase:
            continue  # after a colour, a phrase's last word is its noun: "a snowy forest", not forest green
        if colour and (nxt is None or lexemes[nxt].tag in (lx.OBJECT, "unknown") or lexemes[nxt].text in COLOUR_NOUNS
                       or (i and lexemes[i - 1].tag in (lx.OBJECT, lx.FILLER))):
            lexeme.tag, lexeme.value, lexeme.source = lx.COLOUR, colour, "colour table"
    # 1b. a direction said loosely ("leftish"); a size after a verb of becoming ("getting tinier")
    table = _table()
    for i, lexeme in enumerate(lexemes):
        loose = table.get(lexeme.text.removesuffix("ish"), (None,))
        if lexeme.tag == "unknown" and lexeme.text.endswith("ish") and loose[0] == lx.DIRECTION:
            lexeme.tag, lexeme.value = loose
        elif lexeme.tag == "unknown" and (direction := _compound_direction(lexeme.text)):
            lexeme.tag, lexeme.value = lx.DIRECTION, direction  # "lefthand", "eastside", "upstairs"
        elif lexeme.tag == "unknown" and (weather := _weather_compound(lexeme.text)):
            lexeme.tag, lexeme.value = lx.AMBIENCE, weather  # "cloudscape", "wavelets"
        elif lexeme.tag == "unknown" and (setting := _setting_compound(lexeme.text)):
            lexeme.tag, lexeme.value = lx.SETTING, setting  # "exoplanets"
        elif lexeme.tag in ("unknown", lx.FILLER) and i and lexemes[i - 1].text in CHANGE_VERBS and (
                size := _size(lexeme.text)):
            lexeme.tag, lexeme.value = lx.MOTION, "grows" if size == "large" else "shrinks"
            lexemes[i - 1].tag, lexemes[i - 1].value = lx.FILLER, None
    # 1c. a thing whose colour is known, before a noun, is that colour ("a ladybug ball", "a school-bus box") unless
    # its phrase says a colour ("a magenta paper lantern": paper is what it is made of); not before a noun, it is
    # the thing: an object where its last word is one ("a traffic cone"), else a word to read on
    for i, lexeme in enumerate(lexemes):
        if lexeme.tag != lx.THING:
            continue
        nxt = _content(lexemes, i)
        following = lexemes[nxt] if nxt is not None else None
        if following is not None and (following.tag in (lx.OBJECT, lx.THING) or following.text in COLOUR_NOUNS or (
                following.tag == "unknown" and not following.text.endswith("ing"))):
            lexeme.tag, lexeme.source = lx.COLOUR, "thing colour"
            if _phrase_colour(lexemes, i):
                lexeme.tag, lexeme.value, lexeme.source = lx.FILLER, None, "material"
        elif (last := lexeme.text.split()[-1]) in nouns and " " in lexeme.text:
            lexeme.tag, lexeme.value = lx.OBJECT, nouns[last]
        else:
            lexeme.tag, lexeme.value = "unknown", None
    # 2. WordNet: a synonym or a hypernym the lexicon knows; two words first ("taking off")
    for i, lexeme in enumerate(lexemes):
        if lexeme.tag != "unknown" or len(lexeme.text) < 3:
            continue
        if i and lexemes[i - 1].tag in PLACE_TAGS and load_wordnet() and load_wordnet().synsets(lexeme.text, "n"):
            lexeme.tag = lx.FILLER  # "nimbus puffs", "briny expanse": the known word names the thing
            continue
        after_place = any(x.text in PLACE_WORDS or x.tag == lx.RELATION for x in lexemes[max(0, i - 2):i])
        nxt = lexemes[i + 1] if i + 1 < len(lexemes) else None
        before_noun = nxt is not None and (nxt.tag == lx.OBJECT or (nxt.tag == "unknown" and not nxt.text.endswith("ing")))
        prefer = PLACE_TAGS if after_place else frozenset({lx.COLOUR}) if before_noun else frozenset({lx.OBJECT, lx.MOTION})
        pair = f"{lexeme.text} {nxt.text}" if nxt and nxt.tag in ("unknown", lx.FILLER, lx.DIRECTION) else None
        if pair and (reading := _wordnet_reading(pair, prefer)):
            lexeme.text, nxt.tag = pair, lx.FILLER
        else:
            reading = _wordnet_reading(lexeme.text, prefer)
        if reading and after_place and reading[0] == lx.OBJECT and _is_name(lexeme.text):
            continue  # "beyond Saturn" is where, not a ring to draw
        if reading and not after_place and before_noun and reading[0] in PLACE_TAGS:
            continue  # a word that qualifies a thing says what it is like, not where: "a lobster sphere"
        prev = lexemes[i - 1] if i else None
        noun_place = _opens_phrase(prev) or after_place
        if reading and reading[0] in (lx.MOTION, lx.MOVE) and noun_place and load_wordnet().synsets(lexeme.text, "n"):
            continue  # after "a red" or "over" it is a thing: "a red building", "over flowers", not a motion
        if reading and reading[0] in PLACE_TAGS | {lx.OBJECT} and prev is not None and prev.text in ("that", "which", "who"):
            continue  # after "that" it is a verb: "a heart that pulses" is no waves
        if reading and reading[0] in PLACE_TAGS and not after_place and prev is not None and prev.text in ARTICLES and (
                not _is_place_noun(lexeme.text)):
            continue  # "a butterfly" is an animal first, whatever WordNet's swimming stroke says
        if reading:
            lexeme.tag, lexeme.value = reading
            lexeme.source = "wordnet"
    # 3. an object noun right before another is a modifier: a colour where it names one ("canary starburst");
    # but a shape said of a thing is what is drawn ("a heart-shaped balloon")
    for i, lexeme in enumerate(lexemes[:-2]):
        if lexeme.tag == lx.OBJECT and lexemes[i + 1].text in ("shaped", "shape") and lexemes[i + 2].tag in (
                lx.OBJECT, "unknown"):
            thing = lexemes[i + 2]
            lexeme.value = (lexeme.value[0], 2 if _singular(thing.text) != thing.text else 1)
            lexemes[i + 1].tag, thing.tag, thing.value = lx.FILLER, lx.FILLER, None
            notices.append(f'"{thing.text}" is drawn as its shape, a {lexeme.value[0]}')
    for i, lexeme in enumerate(lexemes[:-1]):
        nxt = lexemes[i + 1]
        nounish = nxt.tag == lx.OBJECT or (nxt.tag == "unknown" and not nxt.text.endswith("ing") and not _is_measure(nxt.text))
        if lexeme.tag == lx.OBJECT and nounish and lexeme.value[1] == 1:
            colour = nearest_world_colour(lexeme.text)
            lexeme.tag, lexeme.value = (lx.COLOUR, colour) if colour else (lx.FILLER, None)
        elif lexeme.tag == lx.OBJECT and nxt.tag == lx.SETTING and lexeme.value[1] == 1:
            lexeme.tag, lexeme.value = lx.FILLER, None  # "a football field" is a field
        elif lexeme.tag == lx.COLOUR and nxt.tag in (lx.SETTING, lx.SKY):
            lexeme.tag, lexeme.value = lx.FILLER, None  # "a golden meadow": the place's colour, not a thing's
    # 4. a clause that is only a place or time noun phrase no table reads ("..., marshy lowland"), in a
    # prompt that names no setting otherwise: MiniLM's nearest setting, when it is sure
    if nearest_setting and not any(x.tag in PLACE_TAGS - {lx.AMBIENCE} and not x.negated for x in lexemes):
        _clause_setting(lexemes, nearest_setting, notices)
    # 5. the head noun of "a(n)/count/colour ... X" that neither knows: MiniLM's nearest object, or nothing
    titles: list[tuple[int, int, list[str]]] = []
    for i, lexeme in enumerate(lexemes):
        after_np_start = _opens_phrase(lexemes[i - 1] if i else None)
        if lexeme.tag != "unknown" or (lexeme.text.endswith("ing") and not after_np_start):
            continue  # "a ball twirling" is a motion; "a red keyring", "a red building" are things
        j = i - 1
        while j >= 0 and (lexemes[j].tag in (lx.COLOUR, "unknown") or lexemes[j].text in lx.ADJECTIVES
                          or lexemes[j].source == "material" or lexemes[j].text.endswith(COMPOUND_NUMBER)):
            j -= 1
        opener = lexemes[j] if j >= 0 else None
        nxt = lexemes[i + 1] if i + 1 < len(lexemes) else None
        # a head noun is not followed by another noun or by what opens a new phrase ("picture a red ball")
        is_head = nxt is None or (nxt.tag not in ("unknown", lx.OBJECT, lx.COLOUR, lx.COUNT, lx.SETTING, lx.SKY,
                                                  lx.AMBIENCE, lx.TIME, lx.CAMERA) and nxt.text not in ARTICLES) or (
            nxt.tag == "unknown" and nxt.text.endswith("ing"))
        wordnet = load_wordnet()
        if not is_head or (i and lexemes[i - 1].tag in PLACE_TAGS) or (
                wordnet and not wordnet.synsets(lexeme.text, "n") and any(
                    wordnet.synsets(lexeme.text, p) for p in ("a", "v", "r"))):
            continue  # "nimbus puffs" is the clouds; a word WordNet knows only as no noun is not a head
        word = lexeme.text
        singular = _singular(word)
        modifiers = [x.text for x in lexemes[j + 1:i] if x.tag not in (lx.COLOUR, lx.COUNT)]
        before = lexemes[j - 1] if j >= 1 and opener is not None and opener.text in ARTICLES else None
        # after a relation, a landform or place WordNet knows first as one is where, not a thing: "over
        # snowy mountains" (a colour-like word before it is part of the place), unlike "over a box"
        landform = (opener is not None and lx.RELATION in (opener.tag, before.tag if before else None)
                    and _is_place_noun(singular))
        if landform:
            for x in lexemes[j + 1:i]:
                x.tag = lx.FILLER
        if landform or (opener is not None and (opener.text in PLACE_WORDS or (
                before is not None and before.text in PLACE_WORDS))):  # "across (a) snowscape"
            # a colour word inside a place says what the place is like: "in a snowy forest"
            place = " ".join([*(x.text for x in lexemes[j + 1:i] if x.tag != lx.COUNT), word])
            setting = nearest_setting(place) if nearest_setting else None
            if setting:
                for x in lexemes[j + 1:i]:
                    x.tag = lx.FILLER if x.tag == lx.COLOUR else x.tag
                lexeme.tag, lexeme.value, lexeme.source = lx.SETTING, setting, "minilm"
                notices.append(f'"{place}" is not a setting the world knows; drawn as the nearest one, {setting}')
            else:
                notices.append(f'"{word}" is not a setting the world knows')
            continue
        if i and lexemes[i - 1].text in POSSESSIVES and _is_person(singular):
            lexeme.tag = lx.FILLER  # "my son drew ...", "our client wants ...": who asks, not what is drawn
            continue
        if camera_noun and camera_noun(singular):  # "a camcorder sweeping left" speaks of the camera
            lexeme.tag, lexeme.source = lx.CAMERA, "minilm"
            continue
        coloured = any(x.tag == lx.COLOUR for x in lexemes[j + 1:i])
        if (opener is None or opener.text in lx.REQUESTS) and not coloured and _labels_the_shot(lexemes, i):
            titles.append((i, j, modifiers))  # decided once the later clauses' objects are read
            continue
        if not (opener is None or opener.text in ARTICLES or opener.text in lx.REQUESTS
                or opener.tag in (lx.COUNT, lx.BOUNDARY) or coloured):
            continue  # not after an article, a count, a colour ("is magenta pizza slice"), or opening a clause
        # a thing asked for ("a briefcase", "need briefcase", "two kettles") is drawn as the nearest object however
        # far, as a coloured one is; a clause that only opens ("..., sleety mix") may be the weather or the place
        asked = opener is not None and (opener.text in ARTICLES or opener.text in lx.REQUESTS or opener.tag == lx.COUNT)
        _nearest_object(lexeme, modifiers, coloured or (asked and _is_thing(singular)), nearest, notices)
    # 6. a bare first clause before a clause that names an object labels the clip ("my montage, a red ball ...",
    # "title card: ...", "storyboard panel - ..."): what the clip is, not in it
    for i, j, modifiers in titles:
        if any(x.tag == lx.OBJECT for x in lexemes[i + 1:]):
            lexemes[i].tag = lx.FILLER
            notices.append(f'"{" ".join(x.text for x in lexemes[j + 1:i + 1])}" is read as the clip\'s title, not drawn')
        else:
            _nearest_object(lexemes[i], modifiers, False, nearest, notices)


def _phrase_colour(lexemes: list[_Lexeme], i: int) -> bool:
    """A colour word stands in the noun phrase of lexeme i: before it back to the phrase's opening, or right after
    its noun ("a magenta paper lantern", "a paper lantern painted magenta")."""
    j = i - 1
    while j >= 0 and (lexemes[j].tag in (lx.COLOUR, lx.THING) or lexemes[j].text in lx.ADJECTIVES):
        if lexemes[j].tag == lx.COLOUR:
            return True
        j -= 1
    noun = _content(lexemes, i)
    after = _content(lexemes, noun) if noun is not None else None
    return after is not None and lexemes[after].tag == lx.COLOUR


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _shape(modifiers: list[str], noun: str) -> str | None:
    """The world object a thing's shape makes it: a shape said ("a triangular flag") or, for a bare noun, the
    one its commonest sense's definition gives ("jawbreaker: a large round hard candy", "suitcase: a portable
    rectangular container")."""
    said = [SHAPE_ADJECTIVES[m] for m in modifiers if m in SHAPE_ADJECTIVES]
    if said or modifiers:  # a compound means more than its head: a "like button" is no round fastener
        return said[-1] if said else None
    sense = _first_noun_sense(noun)
    shapes = [SHAPE_ADJECTIVES[w] for w in normalise(sense.gloss) if w in SHAPE_ADJECTIVES] if sense else []
    return shapes[0] if shapes else None


def _nearest_object(lexeme: _Lexeme, modifiers: list[str], coloured: bool,
                    nearest: Callable[[str, bool], str | None] | None, notices: list[str]) -> None:
    """An unread head noun as MiniLM's nearest world object, or left out with a notice."""
    word = lexeme.text
    singular = _singular(word)
    kind = _shape(modifiers, singular) or _compound_object(singular) or (
        nearest(" ".join([*modifiers, singular]), coloured) if nearest else None)  # "romance icon", not "icon"
    if kind:
        lexeme.tag, lexeme.value, lexeme.source = lx.OBJECT, (kind, 2 if singular != word else 1), "minilm"
    else:
        notices.append(f'"{word}" is not something the world can draw; it is left out')


def _compound_object(word: str) -> str | None:
    """The object a compound no dictionary knows ends in ("toolchest": a chest, a box; "snowglobe": a globe), its
    head at least three letters after three or more of modifier."""
    if _in_wordnet(word):
        return None
    nouns = _object_nouns()
    for start in range(3, len(word) - 2):
        if (tail := word[start:]) in nouns and nouns[tail][1] == 1:
            return nouns[tail][0]
    return None


def _first_noun_sense(word: str):
    """WordNet's commonest noun sense of the word (a wordnet.Synset), or None."""
    wordnet = load_wordnet()
    senses = wordnet.synsets(word, "n") if wordnet else []
    return wordnet.synset(*senses[0]) if senses else None


@lru_cache(maxsize=4096)
def _wordnet_colour(word: str) -> str | None:
    """The world colour of a word WordNet knows as a colour ("bone: a shade of white the color of bleached
    bones"): a noun sense whose hypernyms reach colour, read through its synonyms in the colour table, else
    the first colour name in its definition."""
    wordnet = load_wordnet()
    if wordnet is None:
        return None
    roots = {s for lemma in ("color", "chromatic color", "achromatic color") for s in wordnet.synsets(lemma, "n")[:1]}
    for sense in wordnet.synsets(word, "n"):
        frontier, seen = [sense], {sense}
        for _ in range(COLOUR_DEPTH):
            if roots.intersection(frontier):
                synset = wordnet.synset(*sense)
                names = [lemma for lemma in synset.lemmas if lemma != word] + re.findall(r"[a-z]+", synset.gloss)
                return next((c for c in map(nearest_world_colour, names) if c), None)
            frontier = [(p, o) for f in frontier for symbol, o, p in wordnet.synset(*f).pointers
                        if symbol in WORDNET_POINTERS["n"] and (p, o) not in seen]
            seen.update(frontier)
    return None


def _labels_the_shot(lexemes: list[_Lexeme], i: int) -> bool:
    """The bare noun at i ends the prompt's first clause, which names nothing the world reads, and a later
    clause may name a world object: the first clause may label the clip ("dreamy vignette: ...")."""
    first_end = next((k for k, x in enumerate(lexemes) if x.tag == lx.BOUNDARY), None)
    if first_end is None or i != first_end - 1 or any(x.tag not in ("unknown", lx.FILLER) for x in lexemes[:i]):
        return False
    return any(x.tag in (lx.OBJECT, "unknown") for x in lexemes[first_end:])


def _in_wordnet(word: str) -> bool:
    """WordNet knows the word as some part of speech (False where WordNet is not installed)."""
    wordnet = load_wordnet()
    return bool(wordnet and any(wordnet.synsets(word, p) for p in ("n", "v", "a", "r")))


def _weather_compound(word: str) -> str | None:
    """The weather of a compound no table or WordNet knows that opens with a weather word ("cloudbank",
    "wavelets": clouds, waves), with at least three letters after it."""
    if _in_wordnet(word):
        return None
    table = _table()
    for end in range(len(word) - 3, 2, -1):
        for head in (word[:end], word[:end] + "s"):
            if table.get(head, (None,))[0] == lx.AMBIENCE:
                return table[head][1]
    return None


def _setting_compound(word: str) -> str | None:
    """The setting of a compound no table or WordNet knows: a setting's phrase written as one word ("icefield": ice
    field), or a setting's word of five letters or more after a prefix no table reads ("exoplanets": planets, outer
    space; not "predawn", whose "pre" changes the time)."""
    if _in_wordnet(word):
        return None
    table = _table()
    for start in range(2, len(word) - 3):
        head, tail = word[:start], word[start:]
        if table.get(f"{head} {tail}", (None,))[0] == lx.SETTING:
            return table[f"{head} {tail}"][1]
        if table.get(tail, (None,))[0] == lx.SETTING and head not in table and len(tail) >= 5:
            return table[tail][1]
    return None


@lru_cache(maxsize=1)
def _direction_words() -> list[str]:
    """The lexicon's one-word directions, longest first ("westward" before "west")."""
    return sorted((w for w, (tag, _) in _table().items() if tag == lx.DIRECTION and w.isalpha()), key=len, reverse=True)


@lru_cache(maxsize=4096)
def _compound_direction(word: str) -> str | None:
    """A word made of a direction and a suffix of direction ("lefthand", "rightways", "eastside", "lefty"), or
    one WordNet knows as an adverb said with a direction ("upstairs": "up the stairs"): that direction."""
    if word.endswith(("ing", "ed")):
        return None  # "upsizing", "downloaded": verbs of their own
    table, heads = _table(), _direction_words()
    if (head := word.removesuffix("y").removesuffix("ie")) != word and head in heads:
        return table[head][1]  # "lefty", "righty", as "leftish"
    if word.endswith("ly") and word[:-2] in heads:
        return table[word[:-2]][1]  # "westwardly"
    wordnet = load_wordnet()
    if wordnet is None:
        return None
    if adverbs := wordnet.synsets(word, "r"):  # "upstairs": "up the stairs"; not "ok": "all right"
        said = {w for pos, offset in adverbs for lemma in wordnet.synset(pos, offset).lemmas for w in lemma.split()}
        values = {table[w][1] for w in said if w in heads and word.startswith(w)}
        return values.pop() if len(values) == 1 else None
    if wordnet.synsets(word, "n") or wordnet.synsets(word, "v"):
        return None  # "update", "downtown", "leftover": words of their own
    for head in heads:
        if word.startswith(head) and len(head) >= 2 and word[len(head):] in DIRECTION_SUFFIXES:
            return table[head][1]
    return None


@lru_cache(maxsize=4096)
def _size(word: str) -> str | None:
    """"large" or "small" for an adjective WordNet files under either ("tinier" -> tiny -> small,
    "enormous" -> large), by its first sense that is one; None otherwise."""
    wordnet = load_wordnet()
    for base in wordnet.base_forms(word, "a") if wordnet else []:
        for pos, offset in wordnet.synsets(base, "a"):
            synset = wordnet.synset(pos, offset)
            heads = {*synset.lemmas, *(wordnet.synset(p, o).lemmas[0] for symbol, o, p in synset.pointers if symbol == "&")}
            size = "large" if heads & {"large", "big"} else "small" if heads & {"small", "little"} else None
            if size:
                return size
    return None


def _names(prompt: str) -> frozenset[str]:
    """Words written with a capital inside a sentence ("a Milka box"): names, lower-cased as tokens are."""
    return frozenset(m[1].lower() for m in re.finditer(r"(?<=[^.!?\s]\s)([A-Z][a-z]+)", prompt))


def _correct_typos(lexemes: list[_Lexeme], notices: list[str], names: frozenset[str] = frozenset()) -> None:
    """A word no table or WordNet knows, one letter away (dropped, added, changed or two swapped, past its
    first two) from exactly one reading of the lexicon, is read as that word, with a notice ("boucing" ->
    bouncing); never a name ("Milka" is no "milky")."""
    table = _table()
    for lexeme in lexemes:
        word = lexeme.text
        if (lexeme.tag != "unknown" or len(word) < 4 or not word.isalpha() or word in names or nearest_world_colour(word)
                or _in_wordnet(word)):
            continue
        # slips are rarer in a word's first two letters; a change there is a different word ("smurf", "surf")
        fixes = {f: table[f] for f in _one_edit(word) if f in table and table[f][0] in TYPO_TAGS and f[:2] == word[:2]}
        if len({(tag, str(value)) for tag, value in fixes.values()}) == 1:
            fix = min(fixes)
            (lexeme.tag, lexeme.value), lexeme.text = fixes[fix], fix
            notices.append(f'read "{word}" as "{fix}"')


def _one_edit(word: str) -> set[str]:
    """Every string one deletion, transposition, substitution or insertion away from the word."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return ({a + b[1:] for a, b in splits if b} | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
            | {a + c + b[1:] for a, b in splits if b for c in letters} | {a + c + b for a, b in splits for c in letters})


def _opens_phrase(lexeme: "_Lexeme | None") -> bool:
    """An article, colour or count: what comes next heads a noun phrase ("a red ...", "two ...")."""
    return lexeme is not None and (lexeme.text in ARTICLES or lexeme.tag in (lx.COLOUR, lx.COUNT))


def _is_place_noun(word: str) -> bool:
    """WordNet knows the word first as a place or a landform (noun.location, noun.object), not as a name."""
    sense = _first_noun_sense(word)
    return sense is not None and sense.lexfile in LANDFORM_LEXFILES and not sense.proper


def _is_thing(word: str) -> bool:
    """WordNet knows the word first as a thing one can draw (an animal, an artifact, a food, a plant, a shape)."""
    sense = _first_noun_sense(word)
    return sense is not None and sense.lexfile in THING_LEXFILES and not sense.proper


def _is_measure(word: str) -> bool:
    """WordNet knows the word first as a unit (noun.quantity: "miles", "inches"): "a ball miles away" is no
    modifier of the miles."""
    sense = _first_noun_sense(_singular(word))
    return sense is not None and sense.lexfile == 23


def _is_person(word: str) -> bool:
    """WordNet knows the word first as a person (noun.person: "son", "client", "nephew")."""
    sense = _first_noun_sense(word)
    return sense is not None and sense.lexfile == 18


def _is_adverb_only(word: str) -> bool:
    """WordNet knows the word as an adverb and as no noun or verb ("offshore", "overhead")."""
    wordnet = load_wordnet()
    return bool(wordnet and wordnet.synsets(word, "r") and not any(wordnet.synsets(word, p) for p in ("n", "v")))


def _is_name(word: str) -> bool:
    """WordNet knows the word first as a name ("Saturn", "Siberia")."""
    sense = _first_noun_sense(word)
    return sense is not None and sense.proper


def _clause_setting(lexemes: list[_Lexeme], nearest_setting: Callable[[str], str | None],
                    notices: list[str]) -> None:
    """The first clause made only of unread words and fillers, or the tail of a clause after its verb ("a ball
    spinning ski slope"), whose last word WordNet knows first as a place or a time, and not as a name,
    becomes the setting MiniLM places it nearest (the rest of it is its detail). WordNet's own guesses
    of a motion count as unread here: "ski" is no motion in "ski slope"."""
    def unread(x: _Lexeme) -> bool:
        return x.tag == "unknown" or (x.source == "wordnet" and x.tag in (lx.MOTION, lx.MOVE))

    bounds = [-1] + [i for i, x in enumerate(lexemes) if x.tag == lx.BOUNDARY] + [len(lexemes)]
    for start, end in zip(bounds, bounds[1:]):
        clause = [x for x in lexemes[start + 1:end] if x.text not in ARTICLES]
        while clause and clause[-1].tag == lx.FILLER:  # "8k", or the second word of a pair WordNet read ("ski slope")
            clause.pop()
        k = len(clause)
        while k and (unread(clause[k - 1]) or clause[k - 1].tag == lx.FILLER) and not clause[k - 1].text.endswith("ing"):
            k -= 1
        verb = clause[k - 1] if k else None
        if verb is not None and (verb.tag in (lx.MOTION, lx.MOVE, lx.DIRECTION) or verb.text.endswith("ing")):
            clause = clause[k:]  # the tail after the verb
        elif k:
            continue  # the clause reads otherwise
        if not clause or not any(unread(x) for x in clause) or not unread(clause[-1]):
            continue
        sense = _first_noun_sense(clause[-1].text)
        if sense is None and (_is_adverb_only(clause[-1].text) or not _in_wordnet(clause[-1].text)):
            pass  # "far offshore", "way overhead": where, said as an adverb; or a word WordNet lacks ("photoshoot")
        elif sense is None or sense.lexfile not in PLACE_LEXFILES or sense.proper:
            continue  # MiniLM's nearest setting to a name ("Lapland", "Nebraska") is a guess
        place = " ".join(x.text for x in clause)
        setting = nearest_setting(place)
        if setting:
            for x in clause:
                x.tag = lx.FILLER if unread(x) else x.tag
            clause[-1].tag, clause[-1].value, clause[-1].source = lx.SETTING, setting, "minilm"
            notices.append(f'"{place}" is not a setting the world knows; drawn as the nearest one, {setting}')
            return


def _weather_clauses(lexemes: list[_Lexeme]) -> None:
    """The weather's own verbs move no thing ("a red ball on the sea, waves crashing" does not fall), and the
    world's stars are its twinkling sky where they are the weather's subject or under it ("..., stars
    twinkling", "under the stars"), not three star objects."""
    def opens_clause(i: int) -> bool:  # walk back over the noun phrase's article and adjectives
        j = i - 1
        while j >= 0 and (lexemes[j].text in ARTICLES or lexemes[j].text in lx.ADJECTIVES):
            j -= 1
        return j < 0 or lexemes[j].tag == lx.BOUNDARY or lexemes[j].text in WEATHER_CLAUSE_OPENERS

    for i, x in enumerate(lexemes):
        if x.tag != lx.OBJECT or x.value != ("star", 2) or x.negated:
            continue
        before = [y.text.split()[0] for y in lexemes[max(0, i - 2):i] if y.text not in ARTICLES]  # "under the"
        nxt = lexemes[i + 1] if i + 1 < len(lexemes) else None
        twinkles = nxt is not None and nxt.tag == lx.AMBIENCE and nxt.value == "twinkle"
        if (twinkles and opens_clause(i)) or (before and before[-1] in STARRY):
            x.tag, x.value = lx.AMBIENCE, "twinkle"
    for i, x in enumerate(lexemes):  # "while snow is falling": the snow of a snow field, falling, is the weather
        nxt = _content(lexemes, i)
        if x.tag == lx.SETTING and x.text in _weather_words() and not x.negated and opens_clause(i) and nxt is not None and (
                lexemes[nxt].tag in (lx.MOTION, lx.MOVE)):
            x.tag, x.value = lx.AMBIENCE, _weather_words()[x.text]
    for i, x in enumerate(lexemes):
        if x.tag != lx.AMBIENCE or x.negated or not opens_clause(i):
            continue
        j = i + 1
        while j < len(lexemes) and (lexemes[j].tag in (lx.MOTION, lx.MOVE, lx.DIRECTION, lx.FILLER) or (
                lexemes[j].tag == "unknown" and lexemes[j].text.endswith(("ing", "s")))):
            lexemes[j].tag, lexemes[j].value = lx.FILLER, None  # "snow is falling"
            j += 1


def _sides(lexemes: list[_Lexeme]) -> None:
    """A thing named, then left or right, then a word of nearness is beside the next: "a red box lefthand from a
    blue ball", "a ball rightish versus a box", as "left of", "right of"."""
    for i in range(1, len(lexemes) - 1):
        x, nxt = lexemes[i], lexemes[i + 1]
        heading = x.text.endswith("bound")  # "westbound beside a fish" travels beside it
        if x.tag == lx.DIRECTION and x.value in ("left", "right") and lexemes[i - 1].tag == lx.OBJECT and (
                nxt.text in NEARNESS) and not heading:
            x.tag, x.value = lx.RELATION, ("left of", x.value == "right")
            nxt.tag, nxt.value = lx.FILLER, None


@lru_cache(maxsize=1)
def _weather_words() -> dict[str, str]:
    """Places that are weather too: a setting word that a weather phrase says moving -> the weather ("snow" of
    "snow falls"; not "field" of "star field")."""
    table = _table()
    return {w: amb for amb, phrases in lx.AMBIENCE_PHRASES.items() for phrase in phrases for w in phrase.split()
            if table.get(w, (None,))[0] == lx.SETTING
            and any(table.get(v, (None,))[0] in (lx.MOTION, lx.MOVE) for v in phrase.split())}


def _negate(lexemes: list[_Lexeme]) -> None:
    """A negation word applies to the next content lexeme of its clause ("no rain", "not moving")."""
    for i, lexeme in enumerate(lexemes):
        if lexeme.tag == lx.NEGATION:
            j = _content(lexemes, i)
            while j is not None and lexemes[j].tag in (lx.COUNT, lx.NEGATION, "unknown"):  # "no puffy clouds"
                j = _content(lexemes, j)
            if j is not None:
                lexemes[j].negated = True
                k = j + 1  # "no blinking starlets": the participle and its noun
                if lexemes[j].text.endswith("ing") and k < len(lexemes) and lexemes[k].tag in PLACE_TAGS | {lx.OBJECT}:
                    lexemes[k].negated = True


def _camera_clauses(lexemes: list[_Lexeme]) -> set[int]:
    """Indices of lexemes that speak of the camera: from a camera noun to the end of its clause."""
    inside, on, object_before = set(), False, False
    for i, lexeme in enumerate(lexemes):
        if lexeme.tag == lx.BOUNDARY or (lexeme.tag == lx.OBJECT and on):
            on = False
        object_before = lexeme.tag == lx.OBJECT or (object_before and lexeme.tag != lx.BOUNDARY)
        prev = lexemes[i - 1] if i else None
        if lexeme.tag == lx.PAN and lexeme.text.split()[0] in CAMERA_VERBS and not object_before and not _opens_phrase(prev):
            on = True  # "..., pan left": said to the camera; "a truck ..." is a thing
        if lexeme.tag == lx.CAMERA:
            on = True
            if i and lexemes[i - 1].tag in (lx.MOTION, lx.STATIC, lx.LENS):  # "an unmoving tripod"
                inside.add(i - 1)
        # LENS words count only inside; a one-word STATIC ("fixed") only right before its camera noun
        if on or lexeme.tag in (lx.PAN, lx.ZOOM) or (lexeme.tag == lx.STATIC and " " in lexeme.text):
            inside.add(i)
    return inside


def _camera(lexemes: list[_Lexeme], inside: set[int], notices: list[str]) -> str | None:
    """The camera move its clauses say: a zoom, a pan (a direction), or static (still, or negated)."""
    camera, direction = None, None
    for i in sorted(inside):
        lexeme = lexemes[i]
        if lexeme.tag in (lx.ZOOM, lx.LENS) and not lexeme.negated:
            camera = lexeme.value
        elif lexeme.tag == lx.STATIC or (lexeme.tag == lx.MOTION and lexeme.value == "still") or (
                lexeme.negated and lexeme.tag in (lx.CAMERA, lx.MOVE, lx.PAN, lx.ZOOM, lx.MOTION)):
            camera = camera or "static"
        elif lexeme.tag == lx.DIRECTION or (lexeme.tag == lx.MOTION and lexeme.value in ("left", "right")):
            direction = lexeme.value
    if camera is None and direction in ("left", "right"):
        camera = f"pan {direction}"
    elif camera is None and direction in ("up", "down"):
        notices.append(f"the camera cannot tilt {direction} in the world; it stays still")
        camera = "static"
    return camera


def _mentions(lexemes: list[_Lexeme], skip: set[int]) -> list[_Mention]:
    """Object phrases with their counts and colours, in the order the prompt names them."""
    mentions: list[_Mention] = []
    for i, lexeme in enumerate(lexemes):
        if lexeme.tag != lx.OBJECT or i in skip or lexeme.negated:
            continue
        kind, count = lexeme.value
        m = _Mention(kind, lexeme.text, i, count=count, known=lexeme.source != "minilm")
        j = i - 1
        while j >= 0 and lexemes[j].tag in (lx.COLOUR, lx.FILLER, lx.COUNT, "unknown") and lexemes[j].text not in (
                "and", "with", "of"):
            if lexemes[j].tag == lx.COLOUR and m.colour is None and not lexemes[j].negated:
                m.colour = lexemes[j].value
            if lexemes[j].tag == lx.COUNT:
                m.count = lexemes[j].value
                break
            if lexemes[j].text in ARTICLES:
                break
            j -= 1
        mentions.append(m)
    # a colour after its object: "a sphere, crimson in hue"
    for i, lexeme in enumerate(lexemes):
        if lexeme.tag == lx.COLOUR and not lexeme.negated:
            before = [m for m in mentions if m.start < i]
            after = [m for m in mentions if m.start > i]
            nxt = _content(lexemes, i)
            if before and before[-1].colour is None and (not after or nxt is None or lexemes[nxt].tag != lx.OBJECT):
                before[-1].colour = lexeme.value
    return mentions


def _motions(lexemes: list[_Lexeme], mentions: list[_Mention], camera: set[int]) -> None:
    """Give each motion word to the subject of its clause: its first object without a motion yet
    ("a red ball and a blue box bounces": the ball). A clause that names no object speaks of the
    subject of the clause before it ("a ball and a box, drifting left"), or of the first object."""
    if not mentions:
        return
    bounds = [-1] + [i for i, x in enumerate(lexemes) if x.tag == lx.BOUNDARY] + [len(lexemes)]
    last: _Mention | None = None  # the object the clause's last verb went to
    for i, lexeme in enumerate(lexemes):
        if lexeme.tag == lx.BOUNDARY:
            last = None
        if lexeme.tag == lx.LENS and i not in camera:  # "a ring widening", not the view
            if lexeme.text not in _lens_object_motions():
                continue
            # weaker than a stated direction: "a ball advancing to the left" moves left
            lexeme = _Lexeme(lx.MOTION, _lens_object_motions()[lexeme.text], lexeme.text, lexeme.start, lexeme.negated,
                             source="lens")
        if i in camera or lexeme.tag not in (lx.MOTION, lx.DIRECTION, lx.MOVE):
            continue
        lo = max(b for b in bounds if b < i)
        hi = min(b for b in bounds if b > i)
        clause = [m for m in mentions if lo < m.start < hi]
        before = [m for m in mentions if m.start < i]
        if not clause and before:  # the clause of the object named last before this one
            lo = max(b for b in bounds if b < before[-1].start)
            clause = [m for m in before if m.start > lo]
        candidates = clause or mentions[:1]
        j = i + 1
        while j < len(lexemes) and (lexemes[j].tag in (lx.COLOUR, lx.COUNT) or lexemes[j].text in ARTICLES
                                    or lexemes[j].text in lx.ADJECTIVES):
            j += 1
        described = [m for m in mentions if m.start == j]
        if described and lexeme.tag == lx.MOTION:  # "a whirling red fish": the participle before its noun
            candidates = described
        if lexeme.tag == lx.MOVE:
            last = last or candidates[0]
            last.floats = last.floats or lexeme.text.startswith(FLOAT_VERBS)
            if lexeme.negated:
                last.motion = "still"  # "does not move"
        elif lexeme.negated:
            continue  # "not spinning" says what it does not do, not what it does
        elif lexeme.tag == lx.DIRECTION or lexeme.value in ("left", "right", "up", "down"):
            target = last or candidates[0]
            target.direction = target.direction or lexeme.value
        elif lexeme.source in ("wordnet", "lens"):  # a hypernym's motion is weaker evidence than a stated direction
            last = next((m for m in candidates if m.motion is None and m.guess is None), None)
            if last is not None:
                last.guess = lexeme.value
        else:
            last = next((m for m in candidates if m.motion is None), None)
            if last is not None:
                last.motion = lexeme.value
    for m in mentions:
        m.motion = m.motion or ("rises" if m.floats and m.direction == "up" else m.direction) or m.guess


@lru_cache(maxsize=1)
def _lens_object_motions() -> dict[str, str]:
    """Every form of a lens verb said of a thing -> its motion ("approaching" -> grows)."""
    return {form: motion for motion, stems in lx.LENS_OBJECT_MOTIONS.items() for stem in stems
            for form in lx.inflect(stem)}


def _relation(lexemes: list[_Lexeme], mentions: list[_Mention]) -> tuple[str, int, int] | None:
    """(relation, first, second) for "A above B"; "A below B" swaps to "B above A"."""
    for i, lexeme in enumerate(lexemes):
        if lexeme.tag != lx.RELATION:
            continue
        j = i + 1
        while j < len(lexemes) and lexemes[j].tag in (lx.FILLER, lx.COUNT, lx.COLOUR, lx.MOTION, lx.MOVE, "unknown"):
            j += 1
        after = [k for k, m in enumerate(mentions) if m.start == j]
        before = [k for k, m in enumerate(mentions) if m.start < i]
        if after and before:
            relation, swap = lexeme.value
            a, b = before[-1], after[0]
            return (relation, b, a) if swap else (relation, a, b)
    return None


def _setting(lexemes: list[_Lexeme], skip: set[int], notices: list[str]) -> str | None:
    """The setting named most strongly: a place over a sky, a named sky over a time of day."""
    found: list[tuple[int, int, str, str]] = []  # (strength, -position, setting, words)
    for i, lexeme in enumerate(lexemes):
        if i in skip or lexeme.negated:
            continue
        prev, nxt = (lexemes[i - 1] if i else None), (lexemes[i + 1] if i + 1 < len(lexemes) else None)
        # "frozen steppe", "briny expanse": two words, one place; the first tells more, a lexicon word more
        # than a WordNet reading
        placed = (lx.SETTING, lx.TIME)
        if lexeme.tag in placed and prev and prev.tag in placed and not prev.negated and not (
                prev.source == "wordnet" and lexeme.source == "lexicon"):
            continue
        if lexeme.tag in placed and nxt and nxt.tag in placed and lexeme.source == "wordnet" and nxt.source == "lexicon":
            continue
        if lexeme.tag == lx.SETTING:
            place = lexeme.value not in SKY_SETTINGS
            found.append((2 + place, -i, lexeme.value, lexeme.text))
        elif lexeme.tag == lx.TIME:
            found.append((1, -i, lexeme.value, lexeme.text))
        elif lexeme.tag == lx.SKY:
            if prev and prev.tag in (lx.TIME, lx.SETTING) and prev.value in SKY_SETTINGS:
                continue  # "evening sky", "midnight heavens": the time word decides
            found.append((1, -i, "blue sky", lexeme.text))
    if not found:
        return None
    best = max(found)
    others = {s for _, _, s, _ in found if s != best[2] and best[0] > 1}
    others = {s for s in others if s not in SKY_SETTINGS or best[2] in SKY_SETTINGS}
    if others:
        notices.append(f"the world shows one setting at a time: {best[2]} (not {', '.join(sorted(others))})")
    return best[2]


def _ambience(lexemes: list[_Lexeme], skip: set[int], notices: list[str]) -> str | None:
    """The weather said; "none" where the prompt only says what there is not ("no rain")."""
    said = [lx_.value for i, lx_ in enumerate(lexemes) if lx_.tag == lx.AMBIENCE and i not in skip and not lx_.negated]
    if not said:
        return "none" if any(lx_.tag == lx.AMBIENCE and lx_.negated for lx_ in lexemes) else None
    if len(set(said)) > 1:
        notices.append(f"the world shows one kind of weather at a time: {said[0]} (not {', '.join(sorted(set(said[1:])))})")
    return said[0]


def _unknown_motions(lexemes: list[_Lexeme], mentions: list[_Mention], notices: list[str]) -> None:
    """A verb the world has no motion for ("dancing"; WordNet may only know it as a way to move)."""
    if not mentions or mentions[0].motion is not None:
        return
    for lexeme in lexemes:
        unread = lexeme.tag == "unknown" or (lexeme.tag == lx.MOVE and lexeme.source == "wordnet")
        if unread and lexeme.text.endswith("ing") and len(lexeme.text) > 4:
            notices.append(f'"{lexeme.text}" is not a motion the world knows; the motion is left open')


def ground(prompt: str, nearest: Callable[[str, bool], str | None] | None = None,
           nearest_setting: Callable[[str], str | None] | None = None,
           camera_noun: Callable[[str], bool] | None = None) -> Grounding:
    """The world's reading of a prompt. `nearest` names the world object for a noun the lexicon lacks
    (however far, for a noun with a colour before it), `nearest_setting` the setting for a place it lacks
    and `camera_noun` says whether a noun it lacks is the camera (object_words.NearestObject,
    its is_camera and NearestSetting over the text encoder); without them such words are left out, with a
    notice."""
    notices: list[str] = []
    # 1. normalise and read lexemes, longest phrases first
    lexemes = _lex(normalise(prompt))
    # 2. colour names, unknown nouns, words of two meanings; then negation
    _settle_words(lexemes, nearest, nearest_setting, camera_noun, notices, _names(prompt))
    _negate(lexemes)
    _weather_clauses(lexemes)
    _sides(lexemes)
    # 3. the camera's clauses, then objects with counts, colours and motions
    camera_part = _camera_clauses(lexemes)
    camera = _camera(lexemes, camera_part, notices)
    mentions = _mentions(lexemes, camera_part)
    _motions(lexemes, mentions, camera_part)
    # 4. relation and which object is the main one
    order = list(range(len(mentions)))
    relation = _relation(lexemes, mentions)
    if relation:
        _, a, b = relation
        order = [a, b] + [k for k in order if k not in (a, b)]
    elif len(mentions) > 1 and mentions[0].motion in (None, "still"):
        moving = [k for k, m in enumerate(mentions) if m.motion not in (None, "still")]
        if moving:  # only the main object moves in the world
            order = [moving[0]] + [k for k in order if k != moving[0]]
    ordered = [mentions[k] for k in order]
    # 5. the whole clip: setting, ambience
    setting = _setting(lexemes, camera_part, notices)
    ambience = _ambience(lexemes, camera_part, notices)
    _unknown_motions(lexemes, mentions, notices)
    # 6. notices for objects and counts the world cannot draw
    objects = [(m.colour, m.kind) for m in ordered for _ in range(m.count)]
    for m in ordered:
        if not m.known:
            notices.append(f'"{m.word}" is not one of the world\'s objects; drawn as the nearest one, a {m.kind}')
    if len(objects) > MAX_OBJECTS:
        notices.append(f"the world draws at most {MAX_OBJECTS} objects, not {len(objects)}")
        objects = objects[:MAX_OBJECTS]
    for m in ordered[1:]:
        if m.motion not in (None, "still"):
            notices.append(f"only the main object moves in the world; the {m.kind} stays still")
    if not ordered and any(x.tag in (lx.COLOUR, lx.MOTION) for x in lexemes if not x.negated):
        notices.append("the prompt names no object the world knows; the model is given its words as written")
    main = ordered[0] if ordered else None
    second = objects[1] if len(objects) > 1 else (None, None)
    slots = Slots(colour=main.colour if main else None, kind=main.kind if main else None,
                  motion=main.motion if main else None, setting=setting, camera=camera, ambience=ambience,
                  count=len(objects) or None, relation=(relation[0] if relation else "") if main else None,
                  second_colour=second[0], second_kind=second[1])
    return Grounding(slots, describe(slots, objects), tuple(dict.fromkeys(notices)), tuple(objects))


def _noun(colour: str | None, kind: str) -> str:
    words = f"{colour} {OBJECT_WORDS[kind][0]}" if colour else OBJECT_WORDS[kind][0]
    return f"{'an' if words[0] in 'aeiou' else 'a'} {words}"


def describe(slots: Slots, objects: list[tuple[str | None, str | None]] | None = None) -> str:
    """The slots in the captioner's words and first template: "a red ball moves left in grass field, ..."."""
    objects = objects if objects is not None else [(slots.colour, slots.kind)] + (
        [(slots.second_colour, slots.second_kind)] if slots.second_kind else [])
    nouns = [_noun(c, k) for c, k in objects if k]
    if slots.relation and len(nouns) >= 2:
        subject = f"{nouns[0]} {slots.relation} {nouns[1]}"
    else:
        subject = " and ".join(nouns)
    parts = [subject] if subject else []
    if slots.motion and subject:
        parts.append(MOTION_WORDS[slots.motion][0])
    if slots.setting:
        parts.append(f"in {SETTING_WORDS[slots.setting][0]}")
    text = " ".join(parts)
    extras = [CAMERA_WORDS[slots.camera][0] if slots.camera else "",
              AMBIENCE_WORDS[slots.ambience][0] if slots.ambience else ""]
    extras = [e for e in extras if e]
    return ", ".join([text, *extras]) if text else ", ".join(extras)


