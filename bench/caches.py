"""Cache and skip methods on vidloom-mini's trained DiT, on the CPU: speed-up and PSNR against the uncached run.

    python -m bench.caches [--runs 3] [--steps 12] [--seconds 2] [--threads 1]

The engine's sampler calls the DiT as a callable (twice per evaluation: prompt and negative
prompt; Heun evaluates twice per step). Each method wraps that callable, keeping one state per
guidance branch, and is judged on the decoded video, against the same seed uncached:

- first-block cache (FBCache): run the first block; when its residual changed less than a
  threshold (relative L1) since the last full pass, reuse the other blocks' residual from then;
- TaylorSeer-style: compute every n-th call, and in between extrapolate the output to the new
  time from the last two computed outputs (first-order Taylor in t);
- TeaCache-style: accumulate the relative L1 change of the model input between calls and
  reuse the last output until the sum passes a threshold (then compute and reset).

Runs of all methods are interleaved (one of each per round) and the median time is shown, so a
busy machine slows every row alike.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time

import torch
from torch import nn

from bench.gpu_engines import psnr

PROMPT = "a red ball moves right over a grass field"


def rel_l1(a: torch.Tensor, b: torch.Tensor) -> float:
    return float((a - b).abs().mean() / b.abs().mean().clamp_min(1e-8))


class Counted:
    """The DiT callable as the engine sees it (`engine.dit`), with a state per guidance branch."""

    def __init__(self, dit: nn.Module):
        self.dit, self.cfg = dit, dit.cfg
        self.calls = self.computed = 0
        self.states: dict[int, dict] = {}

    def __call__(self, x, t, text, text_mask, pooled, cond, cond_mask, slots=None):
        self.calls += 1
        state = self.states.setdefault(text.data_ptr(), {})  # the prompt's or the negative prompt's branch
        return self.step(state, x, t, (x, t, text, text_mask, pooled, cond, cond_mask, slots))

    def step(self, state: dict, x, t, args):
        self.computed += 1
        return self.dit(*args)


class FirstBlockCache(Counted):
    """Skip blocks 2..N while the first block's residual stays within `threshold` of the last full pass."""

    def __init__(self, dit: nn.Module, threshold: float):
        super().__init__(dit)
        self.threshold = threshold
        self.blocks = dit.blocks

    def step(self, state, x, t, args):
        first, rest = self.blocks[0], list(self.blocks[1:])
        box = {}

        class Head(nn.Module):  # the first block decides
            def forward(self_, h, *a):
                out = first(h, *a)
                residual = out - h
                previous = state.get("head")
                box["skip"] = previous is not None and rel_l1(residual, previous) < self.threshold
                if not box["skip"]:
                    state["head"] = residual
                box["after_head"] = out
                return out

        class Body(nn.Module):  # the other blocks run, or pass through
            def __init__(self_, blk, last):
                super().__init__()
                self_.blk, self_.last = blk, last

            def forward(self_, h, *a):
                if box["skip"]:
                    return h + state["tail"] if self_.last else h
                out = self_.blk(h, *a)
                if self_.last:
                    state["tail"] = out - box["after_head"]
                return out

        self.dit.blocks = nn.ModuleList([Head()] + [Body(b, i == len(rest) - 1) for i, b in enumerate(rest)])
        try:
            out = self.dit(*args)
        finally:
            self.dit.blocks = self.blocks
        self.computed += 0 if box["skip"] else 1
        return out


class TaylorSeer(Counted):
    """Compute every `interval`-th call (and the first `warmup`); extrapolate the output in t in between."""

    def __init__(self, dit: nn.Module, interval: int, warmup: int = 2):
        super().__init__(dit)
        self.interval, self.warmup = interval, warmup

    def step(self, state, x, t, args):
        n = state["n"] = state.get("n", -1) + 1
        history = state.setdefault("history", [])
        if n < self.warmup or n % self.interval == 0 or len(history) < 2:
            self.computed += 1
            out = self.dit(*args)
            history[:] = (history + [(float(t[0]), out)])[-2:]
            return out
        (t0, v0), (t1, v1) = history
        slope = (v1 - v0) / (t1 - t0) if t1 != t0 else torch.zeros_like(v1)
        return v1 + slope * (float(t[0]) - t1)


class TeaCache(Counted):
    """Reuse the last output until the accumulated relative change of the input passes `threshold`."""

    def __init__(self, dit: nn.Module, threshold: float):
        super().__init__(dit)
        self.threshold = threshold

    def step(self, state, x, t, args):
        previous = state.get("input")
        state["input"] = x
        if previous is not None and "output" in state:
            state["change"] = state.get("change", 0.0) + rel_l1(x, previous)
            if state["change"] < self.threshold:
                return state["output"]
        state["change"] = 0.0
        self.computed += 1
        state["output"] = self.dit(*args)
        return state["output"]


METHODS = {
    "uncached": lambda dit: Counted(dit),
    "first-block cache, 0.05": lambda dit: FirstBlockCache(dit, 0.05),
    "first-block cache, 0.10": lambda dit: FirstBlockCache(dit, 0.10),
    "first-block cache, 0.20": lambda dit: FirstBlockCache(dit, 0.20),
    "TaylorSeer-style, every 2nd": lambda dit: TaylorSeer(dit, 2),
    "TaylorSeer-style, every 3rd": lambda dit: TaylorSeer(dit, 3),
    "TeaCache-style, 0.10": lambda dit: TeaCache(dit, 0.10),
    "TeaCache-style, 0.25": lambda dit: TeaCache(dit, 0.25),
}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="rounds; each runs every method once")
    parser.add_argument("--steps", type=int, default=12, help="sampler steps (vidloom-mini's default: 12)")
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--methods", nargs="*", default=list(METHODS), help="which rows (default: all)")
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)

    from vidloom.engines import get_engine
    from vidloom.spec import GenerationRequest, VideoSpec

    engine = get_engine("vidloom-mini")
    dit = engine.dit
    request = GenerationRequest(VideoSpec(PROMPT, seconds=args.seconds, steps=args.steps, seed=0))
    times = {m: [] for m in args.methods}
    videos, calls = {}, {}
    for _ in range(args.runs):
        for method in args.methods:
            wrapped = METHODS[method](dit)
            engine.dit = wrapped
            try:
                start = time.perf_counter()
                videos[method] = engine.generate(request)[0]
                times[method].append(time.perf_counter() - start)
            finally:
                engine.dit = dit
            calls[method] = (wrapped.computed, wrapped.calls)
    base = statistics.median(times["uncached"]) if "uncached" in times else float("nan")
    reference = videos.get("uncached")
    print(f"\nvidloom-mini {engine.version} | 16:9 224x128, {args.seconds:g} s at 8 fps, {args.steps} Heun steps, "
          f"CFG {engine.default_guidance:g} | CPU, {args.threads} thread(s), median of {args.runs} interleaved runs\n")
    print(f"| {'method':30} | DiT passes | median s | speed-up | PSNR vs uncached dB |")
    print(f"|{'-' * 32}|------------|----------|----------|--------------------|")
    for method in args.methods:
        done, total = calls[method]
        med = statistics.median(times[method])
        quality = psnr(videos[method], reference) if reference is not None else float("nan")
        print(f"| {method:30} | {done:4d} / {total:<4d} | {med:8.2f} | {base / med:7.2f}x | {quality:18.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
