"""The `classifier` moderator: a small network over hashed features of the normalised prompt.

Term lists match what they hold; this scores what a prompt is made of: words, word pairs, word
stems, and character sequences in scripts without spaces (see `pieces`), of every
`normalize.views` reading less the lexicon's benign phrases, so obfuscated spellings, inflections
and wordings near the training examples all carry weight in any script. The summed feature
embeddings go through one small hidden layer, so that a word can count only with its context
("naked" with a person). Eight classes (benign and the seven policy categories), softmax; a prompt
is refused when the probability that it is not benign reaches the threshold stored with the
weights, under the most probable category. Prompts under MIN_WORDS words are left to the lexicon.

Weights: data/classifier.safetensors (float16, 6.3 MB), made by `python -m
vidloom.safety.train_classifier` from a generated corpus (corpus.py), loaded on first use. Numpy
only: no torch at run time. The corpus and the features read the term lists: retrain after
changing them.
"""
from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from .lexicon import load as load_terms
from .normalize import views
from .policy import Verdict

DIM = 1 << 17  # hashed feature space
HIDDEN = 24  # width of the one hidden layer: a weak word counts with its context, not alone
MAX_VIEWS = 6  # readings of one prompt that contribute n-grams (the plain one first)
_UNSPACED = ((0x2E80, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF))
_ARABIC = re.compile(r"[\u0600-\u06ff]")
# Prompts shorter than this many words are left to the lexicon: one or two words ("cut", "fire", "scene
# cut") carry a whole decision on a single feature. Picked from dev, not from a held-out set: every
# dev prompt under 3 words that is disallowed (9 of 311) is refused by the lexicon's strong terms.
MIN_WORDS = 3


def _unspaced(ch: str) -> bool:
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _UNSPACED)


def pieces(view: str) -> list[str]:
    """The features of one reading: word uni- and bigrams, the first 3 to 6 letters of each word
    (stems: "decapitat" of every inflection, without the "gut" inside "gutter"), and in scripts written
    without spaces, or with words that take prefixes (Arabic), every 1- to 3-character sequence."""
    words = view.split()
    out = [f"w:{w}" for w in words] + [f"b:{a} {b}" for a, b in zip(words, words[1:])]
    for word in words:
        if any(_unspaced(ch) for ch in word) or _ARABIC.search(word):
            out += [word[i:i + n] for n in (1, 2, 3) for i in range(len(word) - n + 1)]
        else:
            out += [" " + word[:n] for n in range(3, min(len(word), 6) + 1)]
    return out


def words(text: str) -> int:
    """How many words the prompt's plain reading has; in scripts written without spaces, one word
    every two characters (a rough mean of Chinese, Japanese and Korean word lengths)."""
    count = 0
    for word in views(text)[0].split():
        dense = sum(_unspaced(ch) for ch in word)
        count += max(1, dense // 2) if dense else 1
    return count


def grams(text: str) -> dict[int, str]:
    """The prompt's features over its readings: hashed id -> the feature (kept to show as evidence)."""
    out: dict[int, str] = {}
    terms = load_terms()
    for view in views(text)[:MAX_VIEWS]:
        # the lexicon's benign phrases ("naked mole rat") and harm words acting on things ("killing weeds") say nothing
        for piece in pieces(terms.desense(terms.benign.sub(view))):
            out.setdefault(zlib.crc32(piece.encode()) & (DIM - 1), piece)
    return out


def weights_of(ids) -> np.ndarray:
    """1/sqrt(n) for each of n features: longer prompts are not louder."""
    return np.full(len(ids), 1.0 / np.sqrt(max(len(ids), 1)), dtype=np.float32)


@dataclass(frozen=True)
class Model:
    """n-gram embeddings [DIM, HIDDEN] summed, tanh, then [HIDDEN, classes] to the class scores;
    the class names and the blocking threshold."""

    embed: np.ndarray
    hidden_bias: np.ndarray
    out: np.ndarray
    bias: np.ndarray
    labels: tuple[str, ...]
    threshold: float

    def forward(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(class probabilities, hidden activations) of one prompt's feature ids."""
        h = np.tanh((self.embed[ids].astype(np.float32) * weights_of(ids)[:, None]).sum(0) + self.hidden_bias)
        logits = h @ self.out + self.bias
        p = np.exp(logits - logits.max())
        return p / p.sum(), h

    def probabilities(self, text: str) -> tuple[np.ndarray, dict[int, str]]:
        found = grams(text)
        return self.forward(np.fromiter(found, dtype=np.int64, count=len(found)))[0], found

    def push(self, ids: np.ndarray, h: np.ndarray, k: int) -> np.ndarray:
        """How much each feature moves class `k`'s score (first order): for evidence."""
        return self.embed[ids].astype(np.float32) @ (self.out[:, k] * (1 - h * h))


WEIGHTS = Path(str(resources.files(__package__) / "data" / "classifier.safetensors"))


def save(path: Path, model: Model, info: dict) -> None:
    from safetensors.numpy import save_file

    path.parent.mkdir(parents=True, exist_ok=True)
    labels, threshold = model.labels, model.threshold
    save_file({"embed": model.embed.astype(np.float16), "hidden_bias": model.hidden_bias.astype(np.float32),
               "out": model.out.astype(np.float32), "bias": model.bias.astype(np.float32)}, str(path),
              metadata={"labels": json.dumps(list(labels)), "threshold": repr(float(threshold)),
                        "dim": str(DIM), "info": json.dumps(info)})


def load_model(path: Path | str = WEIGHTS) -> Model:
    from safetensors import safe_open

    with safe_open(str(path), framework="numpy") as f:
        meta = f.metadata()
        if int(meta["dim"]) != DIM:
            raise ValueError(f"{path}: made for {meta['dim']} features, this code hashes into {DIM}")
        return Model(f.get_tensor("embed"), f.get_tensor("hidden_bias"), f.get_tensor("out"), f.get_tensor("bias"),
                     tuple(json.loads(meta["labels"])), float(meta["threshold"]))


def refusal(p: np.ndarray, labels: tuple[str, ...], threshold: float, text: str) -> tuple[int | None, float]:
    """(the class a model's probabilities `p` refuse `text` under, or None; P(not benign)). Prompts under
    MIN_WORDS words are left to the lexicon."""
    benign = labels.index("benign")
    harm = 1.0 - float(p[benign])
    if harm < threshold or words(text) < MIN_WORDS:
        return None, harm
    return max((i for i in range(len(p)) if i != benign), key=lambda i: p[i]), harm


@lru_cache(maxsize=1)
def _default_model() -> Model:
    return load_model(WEIGHTS)


class ClassifierModerator:
    """The trained n-gram classifier (see the module's docstring). Offline, numpy only."""

    name = "classifier"

    def __init__(self, model: Model | None = None, threshold: float | None = None):
        self._model = model
        self._threshold = threshold

    @property
    def model(self) -> Model:
        if self._model is None:
            self._model = _default_model()  # loaded on first use, once a process
        return self._model

    def moderate_text(self, text: str) -> Verdict:
        model = self.model
        found = grams(text)
        ids = np.fromiter(found, dtype=np.int64, count=len(found))
        p, h = model.forward(ids)
        k, harm = refusal(p, model.labels, model.threshold if self._threshold is None else self._threshold, text)
        if k is None:
            return Verdict(None, harm, (), self.name)
        # evidence: the n-grams that pushed hardest towards the category named
        top = [found[int(ids[i])].strip() for i in np.argsort(-model.push(ids, h, k))[:3]]
        return Verdict(model.labels[k], harm, (f"p={harm:.2f}", *top), self.name)
