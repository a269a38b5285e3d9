"""Speed and memory of text-to-video, as a user sees it and as the hardware sees it.

1. CLI: `python -m vidloom generate "<prompt>" --duration 4 -o <tmp>.mp4` runs as a child
   process, once to warm the disk cache and then --runs times. Each run reports the wall time
   from process start until it exits with the MP4 on disk, the generation time the CLI prints
   (any line like "generated in 3.2 s" / "generation took 3.2s"; blank when it prints none)
   and the child's peak RSS (os.wait4's ru_maxrss of that one child, taken by a small
   launcher process so that this process's own memory is not counted).
2. Peak: the median GFLOP/s of large fp32 and bf16 matmuls on the engine's device, with the
   same thread count the in-process run uses.
3. In process: the engine generates the same clip once to warm up, once with forward hooks
   timing every DiT call, and once under torch.utils.flop_counter.FlopCounterMode, whose
   counts are split by the engine's model components (every nn.Module attribute: text
   encoder, DiT, autoencoder, ...). From these: FLOPs per DiT call, DiT calls per clip
   (steps x CFG passes), total FLOPs per clip, and the DiT's achieved fraction of peak.

    python -m bench.speed                          # all three
    python -m bench.speed --skip-cli --runs 3      # in-process numbers only
    python -m bench.speed --skip-engine            # CLI wall time and machine peak only

The engine is found with vidloom.engines.get_engine(name); the DiT is `engine.dit` when it
exists, else the first nn.Module attribute whose name or class says dit / transformer /
denoiser. Without an engine the in-process columns are skipped.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

import torch
from torch import nn

PROMPT = "a crimson sphere gliding leftwards amid meadow"
GEN_TIME = re.compile(r"(?:generat\w*|took|sampl\w*)[^\n\d]{0,40}?(\d+(?:\.\d+)?)\s*(ms|s|sec|seconds)\b", re.I)


# ---------------------------------------------------------------- 1. CLI

def parse_generation_time(text: str) -> float | None:
    """Seconds from the CLI's own report ("generated in 3.2 s", "generation took 850 ms"), if any."""
    matches = GEN_TIME.findall(text)
    if not matches:
        return None
    value, unit = matches[-1]
    return float(value) / (1000 if unit.lower() == "ms" else 1)


# A small launcher times the CLI and reads its peak RSS: a child forked straight from this
# (large) process would report this process's pages as its own until it execs.
LAUNCHER = r"""
import json, os, subprocess, sys, time
t0 = time.perf_counter()
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
wall = time.perf_counter() - t0
with open(sys.argv[1], "w") as f:
    json.dump({"wall_s": wall, "rss_kb": usage.ru_maxrss, "rc": os.waitstatus_to_exitcode(status)}, f)
"""


def cli_run(prompt: str, seconds: float, out: Path, extra: list[str], env: dict | None = None) -> dict:
    """One `python -m vidloom generate` child: wall time, CLI-reported time, peak RSS."""
    out.unlink(missing_ok=True)
    cmd = [sys.executable, "-m", "vidloom", "generate", prompt, "--duration", f"{seconds:g}", "-o", str(out), *extra]
    with tempfile.TemporaryFile() as log, tempfile.NamedTemporaryFile("r", suffix=".json") as stats:
        subprocess.run([sys.executable, "-c", LAUNCHER, stats.name, *cmd], stdout=log, stderr=subprocess.STDOUT,
                       env=env, check=False)
        log.seek(0)
        text = log.read().decode(errors="replace")
        measured = json.loads(stats.read() or '{"wall_s": NaN, "rss_kb": 0, "rc": -1}')
    ok = measured["rc"] == 0 and out.exists() and out.stat().st_size > 0
    return {"ok": ok, "wall_s": measured["wall_s"], "gen_s": parse_generation_time(text),
            "rss_mb": measured["rss_kb"] / 1024, "rc": measured["rc"], "tail": text[-800:]}


def cli_bench(prompt: str, seconds: float, runs: int, extra: list[str]) -> list[dict]:
    with tempfile.TemporaryDirectory() as d:
        out = Path(d) / "x.mp4"
        warm = cli_run(prompt, seconds, out, extra)
        if not warm["ok"]:
            print(f"CLI failed (exit {warm['rc']}):\n{warm['tail']}", file=sys.stderr)
            return []
        results = [cli_run(prompt, seconds, out, extra) for _ in range(runs)]
    for r in results:
        if not r["ok"]:
            print(f"a CLI run failed (exit {r['rc']}), left out:\n{r['tail']}", file=sys.stderr)
    return [r for r in results if r["ok"]]


# ---------------------------------------------------------------- 2. peak

def _sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def matmul_peak(dtype: torch.dtype, device: torch.device, n: int | None = None, repeats: int = 5) -> float:
    """Median GFLOP/s of an n x n x n matmul (n: 2048 on CPU, 8192 on GPU)."""
    n = n or (8192 if device.type == "cuda" else 2048)
    a = torch.randn(n, n, device=device).to(dtype)
    b = torch.randn(n, n, device=device).to(dtype)
    torch.matmul(a, b)
    times = []
    for _ in range(repeats):
        _sync(device)
        t0 = time.perf_counter()
        torch.matmul(a, b)
        _sync(device)
        times.append(time.perf_counter() - t0)
    return 2 * n ** 3 / median(times) / 1e9


# ---------------------------------------------------------------- 3. in process

def components(engine) -> dict[str, nn.Module]:
    """The engine's model parts: nn.Module attributes, one level into plain helper objects too."""
    found: dict[str, nn.Module] = {}
    seen: set[int] = set()

    def scan(obj, prefix: str, depth: int) -> None:
        for name, value in vars(obj).items() if hasattr(obj, "__dict__") else []:
            if name.startswith("__") or id(value) in seen:
                continue
            if isinstance(value, nn.Module):
                seen.add(id(value))
                found[prefix + name.lstrip("_")] = value
            elif depth > 0 and hasattr(value, "__dict__") and not isinstance(value, (type, torch.Tensor)) \
                    and type(value).__module__.startswith("vidloom"):
                scan(value, prefix + name.lstrip("_") + ".", depth - 1)

    scan(engine, "", 1)
    return found


def param_count(module: nn.Module) -> int:
    """Parameters, plus tensors a module keeps in plain dict attributes (like TextEncoder.w)."""
    n = sum(p.numel() for p in module.parameters())
    for m in module.modules():
        for name, value in vars(m).items():
            if isinstance(value, dict) and not name.startswith("_"):
                n += sum(v.numel() for v in value.values() if isinstance(v, torch.Tensor) and not isinstance(v, nn.Parameter))
    return n


def find_dit(engine, parts: dict[str, nn.Module]) -> tuple[str, nn.Module] | None:
    if isinstance(getattr(engine, "dit", None), nn.Module):
        name = next((k for k, v in parts.items() if v is engine.dit), "dit")
        return name, engine.dit
    for name, mod in parts.items():
        label = (name + type(mod).__name__).lower()
        if any(w in label for w in ("dit", "transformer", "denois")):
            return name, mod
    return None


def compute_dtype(module: nn.Module, device: torch.device) -> str:
    """The dtype matmuls run in: autocast's when it is on, else the parameters'."""
    if torch.is_autocast_enabled(device.type):
        return str(torch.get_autocast_dtype(device.type)).replace("torch.", "")
    p = next(module.parameters(), None)
    return str(p.dtype).replace("torch.", "") if p is not None else "float32"


class ComponentMeter:
    """Forward hooks on every module of each component: calls, seconds and FLOPs per component.

    A component's outermost module call opens a span and its end closes it, so methods like
    `autoencoder.decode` that call submodules directly are counted too.
    """

    def __init__(self, parts: dict[str, nn.Module], device: torch.device):
        self.device, self.flops_mode = device, None
        self.stats = {name: {"calls": 0, "seconds": 0.0, "flops": 0, "span_s": [], "dtype": None} for name in parts}
        self.depth = dict.fromkeys(parts, 0)
        self.start: dict[str, tuple[float, int]] = {}
        self.handles = []
        for name, part in parts.items():
            for mod in part.modules():
                self.handles.append(mod.register_forward_pre_hook(self._enter(name)))
                self.handles.append(mod.register_forward_hook(self._leave(name)))

    def _flops(self) -> int:
        return self.flops_mode.get_total_flops() if self.flops_mode is not None else 0

    def _enter(self, name):
        def hook(mod, args):
            if self.depth[name] == 0:
                _sync(self.device)
                self.start[name] = (time.perf_counter(), self._flops())
                self.stats[name]["dtype"] = compute_dtype(mod, self.device)
            self.depth[name] += 1
        return hook

    def _leave(self, name):
        def hook(mod, args, out):
            self.depth[name] -= 1
            if self.depth[name] == 0:
                _sync(self.device)
                t0, f0 = self.start.pop(name)
                s = self.stats[name]
                s["calls"] += 1
                s["span_s"].append(time.perf_counter() - t0)
                s["seconds"] += s["span_s"][-1]
                s["flops"] += self._flops() - f0
        return hook

    def remove(self) -> None:
        for h in self.handles:
            h.remove()


def engine_bench(name: str, prompt: str, seconds: float, aspect: str) -> dict | None:
    from torch.utils.flop_counter import FlopCounterMode

    from vidloom.spec import GenerationRequest, VideoSpec

    from .worldbench import load_engine

    t0 = time.perf_counter()
    try:
        engine = load_engine(name)
    except Exception as e:
        print(f"engine {name!r} unavailable ({type(e).__name__}: {e}): in-process columns skipped", file=sys.stderr)
        return None
    load_s = time.perf_counter() - t0
    request = GenerationRequest(VideoSpec(prompt, aspect=aspect, seconds=seconds, seed=0))

    # a. warm up (engines may load their models lazily), find the parts, then time one clip
    engine.generate(request)
    parts = components(engine)
    dit = find_dit(engine, parts)
    params = [p for m in parts.values() for p in m.parameters()]
    device = params[0].device if params else torch.device("cpu")
    meter = ComponentMeter(parts, device)
    _sync(device)
    t0 = time.perf_counter()
    engine.generate(request)
    _sync(device)
    wall = time.perf_counter() - t0
    timed = {k: dict(v) for k, v in meter.stats.items()}
    meter.remove()

    # b. one clip under the FLOP counter (slow; only its counts are used)
    meter = ComponentMeter(parts, device)
    with FlopCounterMode(display=False) as fc:
        meter.flops_mode = fc
        engine.generate(request)
        total = fc.get_total_flops()
    counted = meter.stats
    meter.remove()

    out = {"engine": name, "device": str(device), "load_s": load_s, "generate_s": wall, "flops_per_clip": total,
           "components": {k: {"calls": timed[k]["calls"], "seconds": timed[k]["seconds"],
                              "flops": counted[k]["flops"], "params": param_count(parts[k])}
                          for k in parts},
           "dit": None}
    if dit is not None:
        dname, _ = dit
        calls = max(counted[dname]["calls"], 1)
        spans = timed[dname]["span_s"]
        out["dit"] = {"name": dname, "calls": timed[dname]["calls"], "flops_per_call": counted[dname]["flops"] / calls,
                      "median_call_s": median(spans) if spans else float("nan"),
                      "params": sum(p.numel() for p in dit[1].parameters()),
                      "param_dtype": str(next(dit[1].parameters()).dtype).replace("torch.", ""),
                      "compute_dtype": timed[dname]["dtype"]}
    return out


# ---------------------------------------------------------------- report

PEAK_KEY = {"float32": "fp32", "bfloat16": "bf16"}


def _stats(values: list[float]) -> str:
    return f"{median(values):8.2f} {min(values):8.2f} {max(values):8.2f}" if values else f"{'-':>8} {'-':>8} {'-':>8}"


def report(cli: list[dict], peaks: dict[str, float], eng: dict | None, threads: int, device: str) -> str:
    lines = []
    if cli:
        lines += [f"CLI: python -m vidloom generate ... ({len(cli)} runs after 1 warm-up)",
                  f"{'':22s} {'median':>8} {'min':>8} {'max':>8}",
                  f"{'wall to MP4 (s)':22s} {_stats([r['wall_s'] for r in cli])}",
                  f"{'generation (s, CLI)':22s} {_stats([r['gen_s'] for r in cli if r['gen_s'] is not None])}"
                  + ("" if any(r["gen_s"] is not None for r in cli) else "   (the CLI printed no time)"),
                  f"{'peak RSS (MB)':22s} {_stats([r['rss_mb'] for r in cli])}", ""]
    lines.append(f"peak matmul on {device} ({threads} threads): "
                 + ", ".join(f"{k} {v:,.0f} GFLOP/s" for k, v in peaks.items()))
    if eng:
        lines += ["", f"in process: {eng['engine']} on {eng['device']}, loaded in {eng['load_s']:.2f} s, "
                      f"one clip in {eng['generate_s']:.2f} s, {eng['flops_per_clip'] / 1e9:,.1f} GFLOP per clip",
                  f"{'component':24s} {'params':>10} {'calls':>6} {'GFLOP':>10} {'seconds':>8} {'GFLOP/s':>9}"]
        for k, c in eng["components"].items():
            rate = c["flops"] / 1e9 / c["seconds"] if c["seconds"] else float("nan")
            lines.append(f"{k:24s} {c['params'] / 1e6:9.2f}M {c['calls']:6d} {c['flops'] / 1e9:10.2f} "
                         f"{c['seconds']:8.2f} {rate:9.1f}")
        other = eng["flops_per_clip"] - sum(c["flops"] for c in eng["components"].values())
        lines.append(f"{'(outside components)':24s} {'':>10} {'':>6} {other / 1e9:10.2f}")
        d = eng["dit"]
        if d:
            rate = d["flops_per_call"] / d["median_call_s"] / 1e9
            own = PEAK_KEY.get(d["compute_dtype"] or "", "fp32")
            frac = f"{rate / peaks[own]:.1%} of {own} peak" + "".join(
                f", {rate / v:.1%} of {k}" for k, v in peaks.items() if k != own)
            lines += ["", f"DiT ({d['name']}, {d['params'] / 1e6:.2f}M params {d['param_dtype']}, "
                          f"computing in {d['compute_dtype']}): {d['flops_per_call'] / 1e9:.2f} GFLOP per call "
                          f"x {d['calls']} calls, median {d['median_call_s'] * 1e3:.1f} ms per call "
                          f"= {rate:.1f} GFLOP/s = {frac}"]
        else:
            lines.append("DiT not found on the engine (expose it as engine.dit): fraction of peak skipped")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Speed, memory and FLOPs of text-to-video.")
    ap.add_argument("--prompt", default=PROMPT)
    ap.add_argument("--duration", type=float, default=4.0)
    ap.add_argument("--aspect", default="16:9")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--engine", default="vidloom-mini")
    ap.add_argument("--threads", type=int, default=os.cpu_count(), help="torch threads in this process")
    ap.add_argument("--cli-arg", action="append", default=[], help="extra argument for the CLI (repeatable)")
    ap.add_argument("--skip-cli", action="store_true")
    ap.add_argument("--skip-engine", action="store_true")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)

    cli = [] if args.skip_cli else cli_bench(args.prompt, args.duration, args.runs, args.cli_arg)
    eng = None if args.skip_engine else engine_bench(args.engine, args.prompt, args.duration, args.aspect)
    device = torch.device(eng["device"]) if eng else torch.device("cpu")
    peaks = {"fp32": matmul_peak(torch.float32, device), "bf16": matmul_peak(torch.bfloat16, device)}
    print(report(cli, peaks, eng, args.threads, str(device)))
    if args.json:
        args.json.write_text(json.dumps({"cli": cli, "peak_gflops": peaks, "engine": eng}, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
