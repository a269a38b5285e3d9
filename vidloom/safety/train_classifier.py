"""The recipe of the `classifier` moderator's weights: generate the corpus, train, pick the
threshold on a validation split of that corpus, export.

    python -m vidloom.safety.train_classifier              # writes vidloom/safety/data/classifier.safetensors
    python -m vidloom.safety.train_classifier --tiny --out /tmp/c.safetensors   # seconds, for tests

The corpus (corpus.py) is generated from the term lists, WordNet-filled English templates and the
benchmark's dev split. Held-out sets 1 to `--read-sets` (16 for the shipped weights: each was measured
blind when it was written, and read since) add prompts phrased as people write them: two thirds are trained
on, a third validates the threshold; only sets written later measure the weights (set 17 for these).
Training: the small network of classifier.py over its hashed n-grams (torch, sparse gradients), a few
epochs, on 85% of the generated corpus, half of dev and the read sets' share. Threshold: the lowest
refusal probability, not under 0.5, at which at most `--max-false` of the other 15%'s benign prompts,
and at most 3% (the benchmark's bar) of the other half of dev's benign near-misses, of
data/classifier-validation.jsonl's (written for this, never trained on) and of the read sets' third are
refused.
"""
from __future__ import annotations

import argparse
import dataclasses
import random
import time
from pathlib import Path

import numpy as np

from . import classifier, corpus


def featurize(rows) -> tuple[list[np.ndarray], np.ndarray]:
    ids = [np.fromiter(classifier.grams(text), dtype=np.int64) for text, _, _ in rows]
    labels = np.array([corpus.LABELS.index(label) for _, label, _ in rows], dtype=np.int64)
    return ids, labels


def _batches(ids, labels, batch: int, rng: random.Random, drop: float):
    """Shuffled batches; each example loses a random `drop` share of its features, so that no single
    word decides (a model that leans on one word refuses every prompt that has it)."""
    import torch

    order = list(range(len(ids)))
    rng.shuffle(order)
    keep_rng = np.random.default_rng(rng.randrange(1 << 30))
    for start in range(0, len(order), batch):
        chosen = order[start:start + batch]
        kept = []
        for i in chosen:
            mask = keep_rng.random(len(ids[i])) >= drop
            kept.append(ids[i][mask] if mask.any() else ids[i])
        flat = np.concatenate(kept)
        per = np.concatenate([classifier.weights_of(k) for k in kept])
        offsets = np.cumsum([0] + [len(k) for k in kept[:-1]])
        yield (torch.from_numpy(flat), torch.from_numpy(offsets), torch.from_numpy(per),
               torch.from_numpy(labels[chosen]))


def train(rows, epochs: int = 8, seed: int = 0, lr: float = 0.01, smoothing: float = 0.1,
          drop: float = 0.5) -> classifier.Model:
    """The network of classifier.Model trained on `rows` (label smoothing keeps the weights from
    growing without end on a corpus it can separate); its threshold is 0.5 until one is picked."""
    import torch

    torch.manual_seed(seed)
    ids, labels = featurize(rows)
    bag = torch.nn.EmbeddingBag(classifier.DIM, classifier.HIDDEN, mode="sum", sparse=True)
    torch.nn.init.normal_(bag.weight, std=0.01)
    hidden_bias = torch.nn.Parameter(torch.zeros(classifier.HIDDEN))
    head = torch.nn.Linear(classifier.HIDDEN, len(corpus.LABELS))
    dense = torch.optim.Adam([hidden_bias, *head.parameters()], lr=lr)
    sparse = torch.optim.SparseAdam(list(bag.parameters()), lr=lr)
    rng = random.Random(seed)
    for _ in range(epochs):
        for flat, offsets, per, y in _batches(ids, labels, 64, rng, drop):
            logits = head(torch.tanh(bag(flat, offsets, per_sample_weights=per) + hidden_bias))
            loss = torch.nn.functional.cross_entropy(logits, y, label_smoothing=smoothing)
            dense.zero_grad()
            sparse.zero_grad()
            loss.backward()
            dense.step()
            sparse.step()
    return classifier.Model(bag.weight.detach().numpy().astype(np.float16), hidden_bias.detach().numpy().copy(),
                            head.weight.detach().numpy().T.copy(), head.bias.detach().numpy().copy(),
                            corpus.LABELS, 0.5)


def harm_probability(model: classifier.Model, rows) -> np.ndarray:
    benign = model.labels.index("benign")
    return np.array([1.0 - model.probabilities(text)[0][benign] for text, _, _ in rows])


def pick_threshold(harm: np.ndarray, is_benign: np.ndarray, max_false: float) -> float:
    """The lowest threshold (not under 0.5) that refuses at most `max_false` of the benign prompts."""
    benign = np.sort(harm[is_benign])[::-1]
    allowed = int(np.floor(max_false * len(benign)))
    edge = float(benign[allowed]) + 1e-6 if allowed < len(benign) else 0.0
    return max(0.5, min(edge, 0.99))


def splits(seed: int, tiny: bool, max_false: float, limit: int | None = None, read_sets: int = 0):
    """The training rows (85% of the generated corpus, or its first `limit` rows, half of dev and two
    thirds of held-out sets 1 to `read_sets`) and the validation parts the threshold is picked on:
    (name, rows, the share of their benign prompts it may refuse); with `limit`, 1500 of the other
    rows validate. Shared by every trained moderator's recipe."""
    rows = corpus.generate(seed=seed, per_list=1 if tiny else 3)
    dev = corpus.dev_rows()
    read = corpus.read_rows(read_sets)
    random.Random(seed).shuffle(dev)
    random.Random(seed).shuffle(read)
    if tiny:
        rows, dev, read = rows[:3000], dev[:60], read[:60]
    cut = int(len(rows) * 0.85) if limit is None else min(limit, int(len(rows) * 0.85))
    val = rows[cut:] if limit is None else rows[cut:cut + 1500]
    parts = (("val", val, max_false), ("dev_val", dev[len(dev) // 2:], 0.03),
             ("near_miss_val", corpus.validation_rows(), 0.03))
    if read:
        parts += (("read_val", read[2 * len(read) // 3:], 0.03),)
    return rows[:cut] + dev[: len(dev) // 2] + read[: 2 * len(read) // 3], parts


def choose_threshold(parts, harm_of, info: dict) -> float:
    """The lowest threshold that keeps every part within its share of refused benign prompts; each
    part's size, recall and false refusals at it are written into `info`."""
    scored = []
    for name, rows, max_false in parts:
        harm = harm_of(rows)
        is_benign = np.array([label == "benign" for _, label, _ in rows])
        scored.append((name, harm, is_benign, pick_threshold(harm, is_benign, max_false)))
        info[name] = len(rows)
    threshold = max(t for *_, t in scored)
    for name, harm, is_benign, _ in scored:
        refused = harm >= threshold
        info[f"{name}_recall"] = round(float(refused[~is_benign].mean()), 4)
        info[f"{name}_false_refusals"] = round(float(refused[is_benign].mean()), 4)
    return threshold


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=classifier.WEIGHTS)
    parser.add_argument("--tiny", action="store_true", help="a small corpus and one epoch (tests)")
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--smoothing", type=float, default=0.1)
    parser.add_argument("--drop", type=float, default=0.5, help="share of an example's features dropped per step")
    parser.add_argument("--max-false", type=float, default=0.01,
                        help="share of the validation split's benign prompts the threshold may refuse")
    parser.add_argument("--read-sets", type=int, default=16,
                        help="learn from held-out sets 1 to N too (two thirds fit, a third validates); only later "
                             "sets then measure the weights")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    fit, parts = splits(args.seed, args.tiny, args.max_false, read_sets=args.read_sets)
    epochs = 1 if args.tiny else args.epochs
    model = train(fit, epochs=epochs, seed=args.seed, smoothing=args.smoothing, drop=args.drop)
    info = {"train": len(fit), "epochs": epochs, "seed": args.seed, "smoothing": args.smoothing, "drop": args.drop,
            "read_sets": args.read_sets}
    threshold = choose_threshold(parts, lambda rows: harm_probability(model, rows), info)
    classifier.save(args.out, dataclasses.replace(model, threshold=threshold), info)
    print(f"{args.out}: {args.out.stat().st_size / 1e6:.1f} MB, threshold {threshold:.3f}, {info}, "
          f"{time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
