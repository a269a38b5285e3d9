"""fidelity: what vidloom-mini's autoencoder keeps of a clip, and how smoothly its objects move.

Two of issue 10's bars, measured on fresh renders (worldbench's held-out scenes, never trained on):

- round trip: PSNR of the world's render against that render encoded and decoded by the
  engine's autoencoder, at the native size and rate (bar: >= 32 dB);
- smoothness: mean |c[t+1] - 2 c[t] + c[t-1]| of the detected centre track (frame fractions)
  of the engine's clip for each case's prompt, against the same measure on the case's render
  (bar: within 1.5x). Moving cases only: a still object's track is detector noise;
- judder: the mean pixel change across a latent frame's edge (frames 4k-1 -> 4k: each latent frame
  holds 4) over the mean change between the frames within one, for the render (1 by construction),
  its round trip and the engine's clip. Above 1, the clip steps every half second at 8 fps, which is
  what sets the seam of a loop (bench.features) against the median step.

    python -m bench.fidelity                           # 24 cases, the shipped weights
    python -m bench.fidelity --weights runs/export     # a training run's export
    python -m bench.fidelity --no-engine --n 48        # round trip only (no generation)
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import torch

from vidloom.media.metrics import psnr

from .detector import describe_clip, load_detector
from .prompts import eval_cases
from .worldbench import DEFAULT_SIZES, autoencoder_source, engine_source, oracle_source


def second_difference(centres: np.ndarray) -> float:
    """Mean length of the centre track's second difference: 0 for motion at constant speed."""
    return float(np.linalg.norm(np.diff(centres, n=2, axis=0), axis=-1).mean())


def judder(frames: np.ndarray, group: int = 4) -> tuple[float, float]:
    """(mean change across a group edge, mean change within a group): mean |frame[t+1] - frame[t]|."""
    steps = np.abs(np.diff(frames.astype(np.float32), axis=0)).mean(axis=(1, 2, 3))
    edge = np.zeros(len(steps), bool)
    edge[group - 1::group] = True
    return float(steps[edge].mean()), float(steps[~edge].mean())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=24, help="cases (worldbench's fixed set, its first n)")
    ap.add_argument("--weights", type=Path, help="vidloom-mini weights folder (default: the shipped one)")
    ap.add_argument("--no-engine", action="store_true", help="round trip only: generate nothing")
    ap.add_argument("--seconds", type=float, default=4.0)
    ap.add_argument("--fps", type=int, default=8)
    ap.add_argument("--threads", type=int, default=0, help="torch threads (0: leave torch's default)")
    args = ap.parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    from vidloom.engines.builtin import BuiltinEngine

    engine = BuiltinEngine.load(args.weights) if args.weights else BuiltinEngine.load()
    cases = eval_cases(args.n)
    render = oracle_source(DEFAULT_SIZES, args.fps, args.seconds)
    round_trip = autoencoder_source(engine.autoencoder, DEFAULT_SIZES, args.fps, args.seconds)
    generate = None if args.no_engine else engine_source(engine, args.fps, args.seconds)
    det = load_detector()

    t0 = time.time()
    psnrs, rendered, generated = [], [], []
    steps: dict[str, list[tuple[float, float]]] = {"render": [], "round trip": [], "generated": []}
    for case in cases:
        frames = render(case)
        trip = round_trip(case)
        psnrs.append(psnr(trip, frames))
        steps["render"].append(judder(frames))
        steps["round trip"].append(judder(trip))
        if generate is not None:
            clip = generate(case)
            steps["generated"].append(judder(clip))
            if case.direction != "none":
                rendered.append(second_difference(describe_clip(frames, det)["centres"]))
                generated.append(second_difference(describe_clip(clip, det)["centres"]))

    print(f"vidloom-mini {engine.version} ({args.weights or 'shipped'}), {len(cases)} cases, "
          f"{args.seconds:g} s at {args.fps} fps, {time.time() - t0:.0f} s\n")
    print("| measure | value | bar |")
    print("|---|---|---|")
    print(f"| round-trip PSNR, mean (min) | {np.mean(psnrs):.2f} dB ({np.min(psnrs):.2f}) | >= 32 dB |")
    if generated:
        ratio = np.mean(generated) / np.mean(rendered)
        print(f"| centre track 2nd difference, generated / rendered ({len(generated)} moving) | "
              f"{np.mean(generated):.4f} / {np.mean(rendered):.4f} = {ratio:.2f}x | <= 1.5x |")
    for name, pairs in steps.items():
        if pairs:
            edge, inside = np.mean(pairs, axis=0)
            print(f"| judder of the {name}: change across / within a latent frame | "
                  f"{edge:.2f} / {inside:.2f} = {edge / inside:.2f}x | - |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
