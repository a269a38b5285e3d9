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
  what sets the seam of a loop (bench.features) against the median step;
- size (weights with an output head that decodes u times the size): the round trip at the output
  size against the world's render at that size, beside the same decode without its head (the base
  picture upsampled bilinearly) and the native render upsampled bilinearly; and edge sharpness, the
  mean gradient on the large render's strongest edges over the render's own (1 = as crisp);
- frame rate (weights with an output head that decodes r times the frames): the in-between frames
  (r - 1 of every r) of the round trip against the world's render at r times the fps, beside the
  same frames blended linearly from the decoded key frames (what `resample_fps` makes of an 8 fps
  clip) and blended from the render's own key frames (the best any blend can do).

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


def edge_sharpness(clip: np.ndarray, reference: np.ndarray, top: float = 5.0) -> float:
    """Mean gradient magnitude of `clip` on the `top` % of `reference`'s pixels with the strongest
    gradient, over `reference`'s own there: 1 where the clip's edges are as crisp as the reference's."""
    def gradient(frames):
        grey = frames.astype(np.float32).mean(-1)
        gy, gx = np.gradient(grey, axis=(1, 2))
        return np.hypot(gx, gy)

    ref, own = gradient(reference), gradient(clip)
    edges = ref >= np.percentile(ref, 100 - top)
    return float(own[edges].mean() / ref[edges].mean())


def upsample(frames: np.ndarray, factor: int) -> np.ndarray:
    """uint8 [T, H, W, 3] -> [T, H * factor, W * factor, 3], bilinear (what a player's scaler does)."""
    x = torch.from_numpy(frames).permute(0, 3, 1, 2).float()
    y = torch.nn.functional.interpolate(x, scale_factor=float(factor), mode="bilinear", align_corners=False)
    return y.round().clamp(0, 255).byte().permute(0, 2, 3, 1).numpy()


def without_head(autoencoder):
    """The same autoencoder decoding at its encoded size (its output head's upscale dropped)."""
    from dataclasses import replace

    from vidloom.model.autoencoder import VideoAutoencoder

    plain = VideoAutoencoder(replace(autoencoder.cfg, upscale=1))
    plain.load_state_dict({k: v for k, v in autoencoder.state_dict().items() if ".head." not in k})
    return plain.eval()


def blend_between(keys: np.ndarray, rate: int) -> np.ndarray:
    """[T, H, W, 3] key frames -> [rate * (T - 1) + 1] frames, each in-between a linear blend of its two keys."""
    from vidloom.media import resample_fps

    return resample_fps(keys, 1, rate)[:rate * (len(keys) - 1) + 1]


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
    rate, up = engine.autoencoder.cfg.frame_rate_factor, engine.autoencoder.cfg.upscale
    out_sizes = {aspect: (w * up, h * up) for aspect, (w, h) in DEFAULT_SIZES.items()}
    render_large = oracle_source(out_sizes, args.fps, args.seconds)
    base_trip = autoencoder_source(without_head(engine.autoencoder), DEFAULT_SIZES, args.fps, args.seconds)
    large: dict[str, list[float]] = {"round trip": [], "its base picture upsampled": [],
                                     "the native render upsampled": []}
    sharpness: dict[str, list[float]] = {name: [] for name in large}
    total = int(round(args.seconds * args.fps))
    # the fast render's frame rate * i is the slow render's frame i (the world paces motion by frame index)
    render_fast = oracle_source(out_sizes, args.fps * rate, (rate * (total - 1) + 1) / (args.fps * rate))
    between: dict[str, list[float]] = {"learned": [], "blend of decoded keys": [], "blend of rendered keys": []}
    generate = None if args.no_engine else engine_source(engine, args.fps, args.seconds)
    det = load_detector()

    t0 = time.time()
    psnrs, rendered, generated = [], [], []
    steps: dict[str, list[tuple[float, float]]] = {"render": [], "round trip": [], "generated": []}
    for case in cases:
        frames = render(case)
        trip = round_trip(case)
        keys = trip[::rate]  # [T, H * up, W * up, 3] at the encoded rate
        if up > 1:
            big, base = render_large(case), base_trip(case)[::rate]
            psnrs.append(psnr(base, frames))  # the native round trip, comparable with weights without a head
            for name, clip in (("round trip", keys), ("its base picture upsampled", upsample(base, up)),
                               ("the native render upsampled", upsample(frames, up))):
                large[name].append(psnr(clip, big))
                sharpness[name].append(edge_sharpness(clip, big))
        else:
            psnrs.append(psnr(keys, frames))
        steps["render"].append(judder(frames))
        steps["round trip"].append(judder(keys))
        if rate > 1:
            fast = render_fast(case)
            inner = np.arange(len(fast)) % rate != 0
            for name, clip in (("learned", trip), ("blend of decoded keys", blend_between(keys, rate)),
                               ("blend of rendered keys", blend_between(render_large(case), rate))):
                between[name].append(psnr(clip[inner], fast[inner]))
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
    print(f"| round-trip PSNR at the encoded size, mean (min) | {np.mean(psnrs):.2f} dB ({np.min(psnrs):.2f}) | "
          f"{'-' if up > 1 else '>= 32 dB'} |")
    if generated:
        ratio = np.mean(generated) / np.mean(rendered)
        print(f"| centre track 2nd difference, generated / rendered ({len(generated)} moving) | "
              f"{np.mean(generated):.4f} / {np.mean(rendered):.4f} = {ratio:.2f}x | <= 1.5x |")
    if up > 1:
        w, h = out_sizes["16:9"]
        for name, values in large.items():
            print(f"| at {w}x{h} (16:9; and the other aspects alike), {name}, against the render at that size: "
                  f"PSNR mean (min); edge sharpness | {np.mean(values):.2f} dB ({np.min(values):.2f}); "
                  f"{np.mean(sharpness[name]):.2f}x | {'>= 32 dB; 1x' if name == 'round trip' else '-'} |")
    if rate > 1:
        for name, values in between.items():
            print(f"| in-between frames at {args.fps * rate} fps ({rate - 1} of every {rate}), {name}, "
                  f"against the render: PSNR mean (min) | {np.mean(values):.2f} dB ({np.min(values):.2f}) | - |")
    for name, pairs in steps.items():
        if pairs:
            edge, inside = np.mean(pairs, axis=0)
            print(f"| judder of the {name}: change across / within a latent frame | "
                  f"{edge:.2f} / {inside:.2f} = {edge / inside:.2f}x | - |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
