"""The offline default moderator: curated term lists per language, read with context.

Data (vidloom/safety/data/): one `terms-<lang>.toml` per language and `public_figures.txt`.
A term list has, per category, `strong` terms (refused on their own: "decapitation", "child porn")
and `weak` ones (refused only with the context their category needs: "naked" with a person,
"bomb" with a crowd, "nazi" with glorification). `[context]` lists the context words, and
`benign` the phrases that are removed before anything is matched ("naked mole rat", "killer
whale", "shooting a basketball"). Terms: `*` at the end of a word lets the word go on
("decapitat*"), a word that is only `*` stands for any one word ("cut* off * head"); terms in
scripts written without spaces (Chinese, Japanese, Korean, Arabic) match inside words.
Everything is matched on the `normalize.views` of the prompt, so obfuscated spellings fold onto
the listed ones (letters masked by `*` or `#`, "n*ked", are read as the lists' own words).

Two general readings join the lists (2026-12-06): `senses` blanks harm words whose object is a thing
("killing time", "stripping the bed sheets", "matando el tiempo": WordNet in English, each list's
`[senses]` table in the other languages) before weak terms and contexts are matched, never before
strong ones; and `minors.describe` adds ages in words and school grades ("7th graders", "year 8
pupils", "Grundschüler", "初二学生") to the `minor` context.

Readings added 2026-12-07: `injury` reads an injury told by act, a person's body part and two marks of
harm ("beating his face in with a hammer") as graphic violence; `scenes` reads harm told as a scene of
everyday words (a ligature on a fixture and the stool kicked away; medicines "to not wake up"), its word
classes in each list's `[scene]` table; and a weak nudity word alone ("nude") is allowed in a `setting`
context (a life-drawing class, anatomy), where nothing else is suggestive.

A term the prompt itself rules out ("no gore", "without nudity", "グロなし") does not count (2026-12-07:
`negation`, each list's `[negation]` table); every other occurrence of it still does.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from . import injury as _injury
from . import negation as _negation
from . import scenes as _scenes
from . import senses as _senses
from .minors import describe as _describe_minor
from .normalize import clean, skeleton, views
from .policy import ALLOWED, CATEGORIES, Verdict

TERM_CATEGORIES = ("minors_sexual", "sexual", "graphic_violence", "self_harm", "weapons", "hate")
# The context a weak term of each category needs to count
NEEDS = {"minors_sexual": ("minor", "sexual_act"), "sexual": ("person", "body"), "graphic_violence": ("person",),
         "self_harm": ("self",), "weapons": ("target",), "hate": ("hateful",)}
CONTEXTS = ("person", "body", "minor", "suggestive", "sexual_act", "self", "target", "hateful", "deceptive", "setting")
STRONG, WEAK, WEAK_ALONE = 1.0, 0.9, 0.3
_UNSPACED = re.compile(r"[\u0600-\u06ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# "12 years old", "12yo", "12-jährige", "12 лет", "12岁" ...: an age under 18 is a minor
_AGE = re.compile(r"(?<!\d)(\d{1,2})\s*(?:-\s*)?(?:years?|yrs?|y/?o\b|year-olds?|años|anos|jahre|jährig\w*|ans\b|"
                  r"лет|года|год\b|岁|歳|才|살|سنة|سنوات|عام|عاما)")


_WILD = "*"  # trie key of "the word may go on"
_ANY = "\x00"  # trie key of "any one word" (a term's word that is only "*")
_END = ""  # trie key of "a term ends here"
_GAPS = {_WILD: r"\w*", _ANY: r"\w+"}


class TermSet:
    """Terms compiled into one trie-shaped regex over skeleton views, with what each term stands for.

    A term's words may end in `*` (the word goes on: "decapitat*", "shoot* a basketball") or be `*`
    (any one word); terms in scripts written without spaces match inside words, the others on word
    boundaries.
    """

    def __init__(self, terms: dict[str, list] | list[str]):
        self.meaning: dict[str, list] = {}
        spaced: dict = {}
        unspaced: dict = {}
        for term, meaning in (terms.items() if isinstance(terms, dict) else ((t, []) for t in terms)):
            key = _key(term)
            if not key.replace(_WILD, "").replace(_ANY, "").strip():
                continue
            self.meaning.setdefault(key, []).extend(meaning)
            node = unspaced if _UNSPACED.search(key) else spaced
            for ch in key:
                node = node.setdefault(ch, {})
            node[_END] = {}
        alternatives = ([f"(?<= )(?:{_emit(spaced)})(?= )"] if spaced else []) + ([_emit(unspaced)] if unspaced else [])
        self.pattern = re.compile("|".join(alternatives)) if alternatives else None
        self.wild = [(re.compile(_wild_regex(k)), k) for k in self.meaning if _WILD in k or _ANY in k]

    def finditer(self, view: str):
        return self.pattern.finditer(view) if self.pattern else iter(())

    def sub(self, view: str) -> str:
        return self.pattern.sub(" ", view) if self.pattern else view

    def meanings(self, matched: str) -> list:
        """What the term that matched `matched` stands for."""
        found = self.meaning.get(matched)
        if found is not None:
            return found
        return [m for regex, k in self.wild if regex.fullmatch(matched) for m in self.meaning[k]]


def _key(term: str) -> str:
    """A term's skeleton, with `*` kept at the end of the words that may go on."""
    words = clean(term).split()
    return " ".join(_ANY if w == "*" else skeleton(w.rstrip("*")).strip() + (_WILD if w.endswith("*") else "")
                    for w in words)


def _wild_regex(key: str) -> str:
    return "".join(_GAPS.get(ch, re.escape(ch)) for ch in key)


def _emit(node: dict) -> str:
    """The regex of a trie: longer continuations first, so the longest term wins at a position."""
    alternatives = []
    for ch, child in sorted(node.items(), key=lambda kv: kv[0] in (_END, _WILD, _ANY)):
        if ch == _END:
            alternatives.append("")
        elif ch in _GAPS:
            alternatives.append(_GAPS[ch] + (_emit(child) if child.keys() - {_END} else ""))
        else:
            alternatives.append(re.escape(ch) + _emit(child))
    if alternatives == [""]:
        return ""
    if len(alternatives) == 1:
        return alternatives[0]
    return "(?:" + "|".join(alternatives) + ")"


@dataclass
class Terms:
    """Every language's lists compiled: the terms with their (category, strength), contexts, benign phrases, figures."""

    terms: TermSet
    contexts: dict[str, TermSet]
    benign: TermSet
    figures: TermSet
    senses: list = None  # per language: senses.Senses
    vocabulary: frozenset = frozenset()  # every word of the lists: what masked letters may stand for
    sense_verbs: TermSet | None = None  # every language's `[senses]` verbs: views without one skip the tables
    scenes: dict = None  # every language's `[scene]` classes merged: class name -> TermSet (see `scenes`)
    negation: _negation.Negation | None = None  # every language's `[negation]` table merged (see `negation`)

    def affirmed(self, view: str) -> list[str]:
        """The terms matched on `view`, less those the prompt rules out ("no gore"): see `negation`."""
        matches = list(self.terms.finditer(view))
        ruled_out = self.negation.negated(view, matches) if self.negation else set()
        return [m.group(0) for i, m in enumerate(matches) if i not in ruled_out]

    def guarded(self, word: str) -> bool:
        """Whether a word is one of the person, minor or body words (never a thing a harm verb acts on)."""
        return any(self.contexts[c].pattern and self.contexts[c].pattern.search(f" {word} ")
                   for c in ("person", "minor", "body"))

    def desense(self, view: str) -> str:
        """The view with harm words in a benign sense (their object is a thing) blanked: see `senses`."""
        out = _senses.blank_english(view, self.guarded)
        if self.sense_verbs is not None and next(self.sense_verbs.finditer(out), None) is not None:
            for lang in self.senses:
                out = lang.blank(out, self.guarded)
        return out


@lru_cache(maxsize=1)
def load() -> Terms:
    """Every language's term list and the public figures, compiled once."""
    data = resources.files(__package__) / "data"
    kinds: dict[str, list[tuple[str, str]]] = {}
    contexts: dict[str, list[str]] = {c: [] for c in CONTEXTS}
    benign: list[str] = []
    senses, sense_verbs = [], []
    scene_words: dict[str, list[str]] = {c: [] for c in _scenes.CLASSES}
    negation: dict[str, list[str]] = {"before": [], "after": [], "joins": [], "names_before": [], "names_after": []}
    for entry in sorted(data.iterdir(), key=lambda e: e.name):
        if not (entry.name.startswith("terms-") and entry.name.endswith(".toml")):
            continue
        doc = tomllib.loads(entry.read_text("utf-8"))
        for category, lists in doc.get("terms", {}).items():
            if category not in TERM_CATEGORIES:
                raise ValueError(f"{entry.name}: unknown category {category!r}")
            for strength in ("strong", "weak"):
                for term in lists.get(strength, []):
                    kinds.setdefault(term, []).append((category, strength))
        for name, words in doc.get("context", {}).items():
            if name == "benign":
                benign += words
            elif name in contexts:
                contexts[name] += words
            else:
                raise ValueError(f"{entry.name}: unknown context {name!r}")
        for name, words in doc.get("scene", {}).items():
            if name not in scene_words:
                raise ValueError(f"{entry.name}: unknown scene class {name!r}")
            scene_words[name] += words
        for name, words in doc.get("negation", {}).items():
            if name not in negation:
                raise ValueError(f"{entry.name}: unknown negation list {name!r}")
            negation[name] += [skeleton(w).strip() for w in words]
        if "senses" in doc:
            table = doc["senses"]
            sense_verbs += table.get("verbs", [])
            senses.append(_senses.Senses(table.get("verbs", []), table.get("skip", []), table.get("objects", []),
                                         bool(table.get("object_first")), bool(table.get("unspaced")),
                                         int(table.get("window", 1))))
    figures: dict[str, list[str]] = {}
    for line in (data / "public_figures.txt").read_text("utf-8").splitlines():
        spellings = [s.strip() for s in line.split("#", 1)[0].split("|") if s.strip()]
        figures.update({s: [spellings[0]] for s in spellings})
    vocabulary = frozenset(w for term in list(kinds) + [w for ws in contexts.values() for w in ws]
                           for w in skeleton(term.replace("*", " ")).split() if len(w) > 2 and w.isalpha())
    return Terms(terms=TermSet(kinds), contexts={c: TermSet(words) for c, words in contexts.items()},
                 # joined too: a hyphenated compound ("bomb-sniffing") is also read as one word
                 benign=TermSet(benign + [b.replace(" ", "") for b in benign if " " in b and "*" not in b]),
                 figures=TermSet(figures), senses=senses, vocabulary=vocabulary,
                 sense_verbs=TermSet(sense_verbs) if sense_verbs else None,
                 scenes={c: TermSet(words) for c, words in scene_words.items()},
                 negation=_negation.Negation(**negation))


def _minor_age(text: str) -> str | None:
    for m in _AGE.finditer(text):
        if int(m.group(1)) < 18:
            return m.group(0)
    return None


class LexiconModerator:
    """Curated multilingual term lists with context (see the module's docstring). Offline, no model."""

    name = "lexicon"

    def __init__(self, terms: Terms | None = None):
        self.terms = terms or load()

    def moderate_text(self, text: str) -> Verdict:
        """The verdict on one prompt: the highest-scoring category over all its normalised views."""
        best = ALLOWED
        age = _minor_age(clean(text)) or _describe_minor(text)
        for view in views(text, self.terms.vocabulary):
            verdict = self._judge(view, age)
            if _rank(verdict) > _rank(best):
                best = verdict
        return best

    def _judge(self, view: str, age: str | None) -> Verdict:
        t = self.terms
        view = t.benign.sub(view)
        figures = [t.figures.meanings(m.group(0))[0] for m in t.figures.finditer(view)]
        view = t.figures.sub(view)  # a name is a person, not a term ("Dick Cheney")
        found: dict[str, dict[str, list[str]]] = {}
        plain = t.desense(view)  # weak terms and contexts do not read harm words acting on things
        plain = view if plain == view else plain
        for term in t.affirmed(view):
            for category, strength in t.terms.meanings(term):
                if strength == "strong" or plain is view:
                    found.setdefault(category, {}).setdefault(strength, []).append(term)
        if plain is not view:
            for term in t.affirmed(plain):
                for category, strength in t.terms.meanings(term):
                    if strength == "weak":
                        found.setdefault(category, {}).setdefault(strength, []).append(term)
        ctx = {c: [m.group(0) for m in p.finditer(plain)] for c, p in t.contexts.items()}
        if age:
            ctx["minor"] = ctx["minor"] + [age]
        sexual = [w for s in found.get("sexual", {}).values() for w in s]
        ctx["sexual_act"] = sexual
        verdicts = []
        for category in TERM_CATEGORIES:
            strong, weak = found.get(category, {}).get("strong", []), found.get(category, {}).get("weak", [])
            context = [w for need in NEEDS[category] for w in ctx[need]]
            if strong:
                verdicts.append(self._verdict(category, STRONG, strong))
            elif weak and context and category == "sexual" and _bare_in_setting(weak, ctx):
                verdicts.append(Verdict(None, WEAK_ALONE, tuple(dict.fromkeys(weak)), self.name))
            elif weak and context:
                verdicts.append(self._verdict(category, WEAK, weak + context))
            elif weak:
                verdicts.append(Verdict(None, WEAK_ALONE, tuple(dict.fromkeys(weak)), self.name))
        if ctx["minor"] and (sexual or ctx["suggestive"]):  # a minor in a sexual or suggestive scene
            verdicts.append(self._verdict("minors_sexual", STRONG, ctx["minor"] + sexual + ctx["suggestive"]))
        harm = [w for c in found.values() for s in c.values() for w in s] + ctx["deceptive"] + ctx["suggestive"]
        injury = _injury.read(plain, t.guarded)  # an injury told by act, body part and instrument
        if injury:
            verdicts.append(self._verdict("graphic_violence", WEAK, injury))
            harm += injury
        scene = _scenes.read(plain, t.scenes)  # harm told as a scene: a method and its mark
        if scene:
            verdicts.append(self._verdict(scene[0], WEAK, scene[1]))
            harm += scene[1]
        if figures and harm:
            verdicts.append(self._verdict("real_people", STRONG, figures + harm))
        return max(verdicts, key=_rank, default=ALLOWED)

    def _verdict(self, category: str, score: float, evidence: list[str]) -> Verdict:
        return Verdict(category, score, tuple(dict.fromkeys(evidence))[:4], self.name)


def _bare_in_setting(weak: list[str], ctx: dict[str, list[str]]) -> bool:
    """Whether a weak sexual reading is only a bare body ("nude", "naked": one word that is also
    suggestive) in a setting where bodies are drawn or examined (a life-drawing class, anatomy), with
    nothing else suggestive."""
    bare = {w for w in weak if " " not in w.strip() and w in ctx["suggestive"]}
    return bool(ctx["setting"]) and bare == set(weak) and set(ctx["suggestive"]) <= bare


_ORDER = {c: len(CATEGORIES) - i for i, c in enumerate(CATEGORIES)}


def _rank(v: Verdict) -> tuple:
    """Blocked before allowed, then by score, then by the policy's order of categories."""
    return (v.blocked, v.score, _ORDER.get(v.category, 0))
