"""worldbench: does a model get held-out combinations right, and hold them steady?

For each case of `bench.prompts.eval_cases()` (held-out colour x object x motion x setting
combinations, phrased in words the captioner never writes) the engine generates a clip;
the detector (`bench.detector`, trained on the world's ground truth) reads it:

- colour, class, setting: majority vote over frames, compared with the case;
- direction: net travel of the detected centre (left / right / up / down, or none when it
  moves less than 0.12 of the frame), compared with the motion's direction;
- identity: fraction of frames whose class and colour match the clip's majority;
- flicker: mean |frame_t - frame_t-1| (in 1/255) over background pixels, i.e. pixels
  farther than 1.5 x the detected radius from the detected centre in both frames. The
  headline number uses `flicker_cases()` (still objects, static camera, no ambience);
  "flicker (all)" repeats it over every eval clip (they also have a static camera).

The oracle row runs the same measurements on the world's own renders of the same scenes
(`render(scene_for(...))`): it shows how far the detector itself can be trusted. When the
engine has an `autoencoder` (encode / decode), a third row passes those renders through it:
what the decoder alone costs, apart from the DiT.

    python -m bench.worldbench                        # oracle + vidloom-mini, 120 cases
    python -m bench.worldbench --oracle-only --n 20   # no engine needed
    python -m bench.worldbench --json out.json --save-sheets /tmp/sheets
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import torch

from vidloom.precision import autocast
from vidloom.world import render, scene_for

from .detector import Detector, describe_clip, load_detector
from .prompts import EvalCase, eval_cases, flicker_cases

ATTRIBUTES = ("colour", "kind", "direction", "setting")
DEFAULT_SIZES = {"1:1": (128, 128), "16:9": (224, 128), "9:16": (128, 224)}  # aspect -> (width, height)
RADIUS_FACTOR = 1.5
MIN_RADIUS = 0.08  # of the short side: the mask never gets smaller than this


# ---------------------------------------------------------------- measurements

def background_flicker(frames: np.ndarray, info: dict, factor: float = RADIUS_FACTOR) -> float:
    """Mean absolute frame-to-frame change (in 1/255) of pixels away from the main object.

    A pixel counts in step t when it lies farther than factor x radius from the detected
    centre in frame t-1 and in frame t. The radius is the clip's median detected radius.
    """
    t, h, w = frames.shape[:3]
    if t < 2:
        return float("nan")
    r = factor * max(float(np.median(info["radii"])), MIN_RADIUS * min(h, w))
    yy, xx = np.mgrid[:h, :w].astype(np.float32)
    centres = info["centres"] * np.array([w, h], np.float32)
    far = np.stack([(xx - cx) ** 2 + (yy - cy) ** 2 > r * r for cx, cy in centres])  # [T, H, W]
    f = frames.astype(np.float32)
    diffs = []
    for i in range(1, t):
        mask = far[i] & far[i - 1]
        if mask.any():
            diffs.append(np.abs(f[i] - f[i - 1])[mask].mean())
    return float(np.mean(diffs)) if diffs else float("nan")


def score(case: EvalCase, info: dict) -> dict:
    """Per-attribute correctness of one clip, plus its identity consistency."""
    truth = {"colour": case.colour, "kind": case.kind, "direction": case.direction, "setting": case.setting}
    got = {a: bool(info[a] == truth[a]) for a in ATTRIBUTES}
    return {**got, "all": all(got.values()), "consistency": info["consistency"],
            "seen": {a: info[a] for a in ATTRIBUTES}}


def summarise(rows: list[dict], flicker_still: list[float]) -> dict:
    """Mean of each column over clips."""
    out = {a: float(np.mean([r[a] for r in rows])) for a in (*ATTRIBUTES, "all", "consistency")}
    out["flicker_still"] = float(np.nanmean(flicker_still)) if flicker_still else float("nan")
    out["flicker_all"] = float(np.nanmean([r["flicker"] for r in rows]))
    out["n"] = len(rows)
    return out


# ---------------------------------------------------------------- clip sources

def oracle_source(sizes: dict, fps: int, seconds: float):
    """The world's own render of each case's scene."""
    def clip(case: EvalCase) -> np.ndarray:
        w, h = sizes[case.aspect]
        scene = scene_for(case.colour, case.kind, case.motion, case.setting, seed=case.seed)
        return render(scene, w, h, fps, seconds)[0]
    return clip


def autoencoder_source(autoencoder, sizes: dict, fps: int, seconds: float):
    """The world's render, encoded and decoded by a video autoencoder (the engine's, when it has one);
    with an output head of frame_rate_factor r, the r * (T - 1) + 1 frames its decode spans.

    Separates what the decoder loses from what the DiT gets wrong: detection and flicker
    on this row are the best the engine's pixels can do. Needs encode / decode over
    [B, 3, T, H, W] pixels in [-1, 1] (T a multiple of the temporal factor).
    """
    render_clip = oracle_source(sizes, fps, seconds)
    k = getattr(getattr(autoencoder, "cfg", None), "temporal", 4)
    rate = getattr(getattr(autoencoder, "cfg", None), "frame_rate_factor", 1)  # an output head's in-between frames

    @torch.no_grad()
    def clip(case: EvalCase) -> np.ndarray:
        frames = render_clip(case)
        t = len(frames)
        pad = np.concatenate([frames, frames[-1:].repeat((-t) % k, 0)]) if t % k else frames
        x = torch.from_numpy(pad).permute(3, 0, 1, 2)[None].float() / 127.5 - 1  # [1, 3, T, H, W]
        with autocast("cpu"):
            y = autoencoder.decode(autoencoder.encode(x)).float()
        # frame rate * i is the input's frame i: the last input frame ends the clip
        return ((y[0].clamp(-1, 1) + 1) * 127.5).round().byte().permute(1, 2, 3, 0).numpy()[:rate * (t - 1) + 1]
    return clip


def load_engine(name: str):
    """The named engine from vidloom.engines (get_engine(name), or get_engine() for the default)."""
    from vidloom.engines import get_engine

    try:
        return get_engine(name)
    except TypeError:
        return get_engine()


def engine_source(engine, fps: int, seconds: float):
    """One generated clip per case: the first variation of a plain text-to-video request."""
    from vidloom.spec import GenerationRequest, VideoSpec

    def clip(case: EvalCase) -> np.ndarray:
        spec = VideoSpec(case.prompt, aspect=case.aspect, seconds=seconds, fps=fps, seed=case.seed)
        return np.asarray(engine.generate(GenerationRequest(spec))[0])
    return clip


def save_sheet(path: Path, frames: np.ndarray, n: int = 5) -> None:
    """A strip of n evenly spaced frames, for looking at failures."""
    from PIL import Image

    idx = np.linspace(0, len(frames) - 1, n).round().astype(int)
    Image.fromarray(np.concatenate([frames[i] for i in idx], 1)).save(path)


def run_source(name: str, clip_fn, cases: list[EvalCase], still: list[EvalCase], det: Detector,
               sheets: Path | None = None, log=print) -> dict:
    """Generate (or render) every case, describe it, and score it."""
    rows, flick = [], []
    t0 = time.time()
    for i, case in enumerate(cases):
        frames = clip_fn(case)
        info = describe_clip(frames, det)
        row = score(case, info)
        row["flicker"] = background_flicker(frames, info)
        row["prompt"] = case.prompt
        rows.append(row)
        if sheets:
            save_sheet(sheets / f"{name}_{i:03d}.png", frames)
        if not row["all"]:
            wrong = ", ".join(f"{a} {row['seen'][a]}" for a in ATTRIBUTES if not row[a])
            log(f"  [{name}] {i:3d} {case.prompt!r}: saw {wrong}")
    for i, case in enumerate(still):
        frames = clip_fn(case)
        flick.append(background_flicker(frames, describe_clip(frames, det)))
        if sheets:
            save_sheet(sheets / f"{name}_still_{i:03d}.png", frames)
    summary = summarise(rows, flick)
    summary["seconds"] = time.time() - t0
    return {"summary": summary, "clips": rows, "flicker_still": flick}


# ---------------------------------------------------------------- table

COLUMNS = [("n", "n", "{:d}"), ("colour", "colour", "{:.0%}"), ("kind", "class", "{:.0%}"),
           ("direction", "direction", "{:.0%}"), ("setting", "setting", "{:.0%}"), ("all", "all four", "{:.0%}"),
           ("consistency", "identity", "{:.0%}"), ("flicker_still", "flicker still", "{:.2f}/255"),
           ("flicker_all", "flicker all", "{:.2f}/255")]


def wilson(p: float, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval of a proportion p measured on n cases."""
    if n == 0:
        return (float("nan"), float("nan"))
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def intervals(results: dict[str, dict]) -> str:
    """Each row's 95% interval per attribute: at n = 120 a figure moves by several points."""
    lines = []
    for name, r in results.items():
        s = r["summary"]
        parts = [f"{label} {s[k]:.0%} [{lo:.0%}, {hi:.0%}]" for k, label, _ in COLUMNS[1:6]
                 for lo, hi in [wilson(s[k], s["n"])]]
        lines.append(f"{name}: " + ", ".join(parts))
    return "95% intervals (Wilson):\n" + "\n".join(lines)


def table(results: dict[str, dict]) -> str:
    head = ["source"] + [c[1] for c in COLUMNS]
    body = [[name] + [fmt.format(r["summary"][k]) for k, _, fmt in COLUMNS] for name, r in results.items()]
    widths = [max(len(row[i]) for row in [head] + body) for i in range(len(head))]

    def line(row):
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths)))

    return "\n".join([line(head), line(["-" * w for w in widths])] + [line(r) for r in body])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="worldbench: held-out prompts, judged by the world's detector.")
    ap.add_argument("--n", type=int, default=120, help="eval cases (the fixed set's first n)")
    ap.add_argument("--n-still", type=int, default=12, help="still clips for the flicker measure")
    ap.add_argument("--engine", default="vidloom-mini")
    ap.add_argument("--weights", type=Path, help="vidloom-mini weights folder to judge instead of the shipped one "
                    "(e.g. a training run's export)")
    ap.add_argument("--oracle-only", action="store_true", help="only the world's own renders (no engine)")
    ap.add_argument("--no-oracle", action="store_true")
    ap.add_argument("--no-autoencoder", action="store_true", help="skip the renders -> engine autoencoder row")
    ap.add_argument("--seconds", type=float, default=4.0)
    ap.add_argument("--fps", type=int, default=8)
    ap.add_argument("--threads", type=int, default=0, help="torch threads (0: leave torch's default)")
    ap.add_argument("--json", type=Path, help="write the numbers (and every clip's verdict) here")
    ap.add_argument("--save-sheets", type=Path, help="write a frame strip per clip here")
    ap.add_argument("--quiet", action="store_true", help="do not list the clips that fail")
    args = ap.parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    if args.save_sheets:
        args.save_sheets.mkdir(parents=True, exist_ok=True)
    log = (lambda *a: None) if args.quiet else (lambda *a: print(*a, flush=True))

    cases, still = eval_cases(args.n), flicker_cases(args.n_still)
    det = load_detector()
    results: dict[str, dict] = {}
    engine, sizes = None, dict(DEFAULT_SIZES)
    if not args.oracle_only:
        try:
            if args.weights:
                from vidloom.engines.builtin import BuiltinEngine

                engine = BuiltinEngine.load(args.weights)
            else:
                engine = load_engine(args.engine)
            sizes.update(getattr(getattr(engine, "capabilities", None), "sizes", None) or {})
        except Exception as e:  # the engine is optional: the oracle row still runs
            print(f"engine {args.engine!r} unavailable ({type(e).__name__}: {e}); oracle row only", file=sys.stderr)
    if not args.no_oracle:
        results["oracle (renders)"] = run_source("oracle", oracle_source(sizes, args.fps, args.seconds),
                                                 cases, still, det, args.save_sheets, log)
    ae = getattr(engine, "autoencoder", None)
    if ae is not None and hasattr(ae, "encode") and hasattr(ae, "decode") and not args.no_autoencoder:
        results["renders -> autoencoder"] = run_source("autoencoder", autoencoder_source(ae, sizes, args.fps, args.seconds),
                                                       cases, still, det, args.save_sheets, log)
    if engine is not None:
        results[args.engine] = run_source(args.engine, engine_source(engine, args.fps, args.seconds),
                                          cases, still, det, args.save_sheets, log)

    print(f"\nworldbench: {len(cases)} held-out prompts, {len(still)} still clips, {args.seconds:g}s at {args.fps} fps")
    print(table(results))
    print(intervals(results))
    print("bar: colour, class, direction, setting >= 90% each (all four >= 70%); identity >= 90%; flicker still < 1.5/255")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=float))
    return 0


if __name__ == "__main__":
    sys.exit(main())
