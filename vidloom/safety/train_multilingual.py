"""The recipe of the `multilingual` moderator's head: embed part of the generated corpus with
multilingual-e5-small, train a linear layer, pick the threshold as the classifier's recipe does, export.

    python -m vidloom.safety.train_multilingual         # writes vidloom/safety/data/multilingual.safetensors
    python -m vidloom.safety.train_multilingual --tiny --out /tmp/m.safetensors   # seconds, for tests

Needs `vidloom[moderation-multilingual,moderation-training]`. The rows and validation parts are the
classifier's (`train_classifier.splits`: the corpus of corpus.py, half of dev and two thirds of the read
held-out sets 1 to `--read-sets`, 16 for the shipped head), but only the first `--examples` corpus rows
are embedded (about 30 ms a prompt on one core). Training: full-batch AdamW on the centred, scaled embeddings, label smoothing 0.1, for each of a
few step counts; the head kept is the one the validation parts favour (fewer steps fit the generated corpus
less closely and read unseen wordings better; too few leave no threshold under 0.99 that keeps the
benign prompts through).
"""
from __future__ import annotations

import argparse
import dataclasses
import time
from pathlib import Path

import numpy as np

from . import corpus, multilingual
from .train_classifier import choose_threshold, splits


def embed_rows(rows, batch: int = 64) -> np.ndarray:
    return np.concatenate([multilingual.embed([t for t, _, _ in rows[i:i + batch]])
                           for i in range(0, len(rows), batch)] or [np.zeros((0, 384), np.float32)])


def train(embeddings: np.ndarray, labels: np.ndarray, steps: int, seed: int = 0) -> multilingual.Head:
    """A linear layer over the centred embeddings; its threshold is 0.5 until one is picked."""
    import torch

    torch.manual_seed(seed)
    centre = embeddings.mean(0)
    x = torch.from_numpy((embeddings - centre) * multilingual.SCALE)
    y = torch.from_numpy(labels)
    layer = torch.nn.Linear(x.shape[1], len(corpus.LABELS))
    opt = torch.optim.AdamW(layer.parameters(), lr=3e-3, weight_decay=1e-2)
    for _ in range(steps):
        loss = torch.nn.functional.cross_entropy(layer(x), y, label_smoothing=0.1)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return multilingual.Head(centre, layer.weight.detach().numpy().T.copy(), layer.bias.detach().numpy().copy(),
                             corpus.LABELS, 0.5)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=multilingual.WEIGHTS)
    parser.add_argument("--tiny", action="store_true", help="a few hundred rows and a few steps (tests)")
    parser.add_argument("--examples", type=int, default=6000, help="corpus rows embedded for training")
    parser.add_argument("--steps", default="200,300,500,1000,2000,3000",
                        help="full-batch step counts tried; the one kept has the most recall on the validation "
                             "parts among those whose threshold keeps every part's false refusals within bounds")
    parser.add_argument("--read-sets", type=int, default=16,
                        help="learn from held-out sets 1 to N too (two thirds fit, a third validates); only later "
                             "sets then measure the head")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-false", type=float, default=0.01,
                        help="share of the validation split's benign prompts the threshold may refuse")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    fit, parts = splits(args.seed, args.tiny, args.max_false, limit=200 if args.tiny else args.examples,
                        read_sets=args.read_sets)
    if args.tiny:
        parts = tuple((name, rows[:100], share) for name, rows, share in parts)
    labels = np.array([corpus.LABELS.index(label) for _, label, _ in fit], dtype=np.int64)
    fit_embeddings = embed_rows(fit)
    embedded = {id(rows): embed_rows(rows) for _, rows, _ in parts}  # each part once, for every step count
    tried = []
    for steps in [50] if args.tiny else [int(n) for n in args.steps.split(",")]:
        head = train(fit_embeddings, labels, steps=steps, seed=args.seed)
        info = {"train": len(fit), "steps": steps, "seed": args.seed, "read_sets": args.read_sets}
        threshold = choose_threshold(parts, lambda rows, head=head: head.harm(embedded[id(rows)]), info)
        within = all(info[f"{name}_false_refusals"] <= share for name, _, share in parts)
        recall = sum(info[f"{name}_recall"] for name, _, _ in parts)
        print(f"{steps} steps: threshold {threshold:.3f}, recall {recall:.3f} over the parts, "
              f"false refusals {'within' if within else 'over'} bounds", flush=True)
        tried.append((within, recall, steps, dataclasses.replace(head, threshold=threshold), info))
    within, _, steps, head, info = max(tried, key=lambda t: t[:2])
    multilingual.save(args.out, head, {**info, "steps_tried": args.steps, "within_bounds": within})
    print(f"{args.out}: {steps} steps, threshold {head.threshold:.3f}, {info}, {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
