"""Continue training the shipped model on one GPU within a fixed time budget, then export.

Runs the recipe's stages side by side, since one GPU has room for all of them:
latent encoders (rendering the world on the GPU with render_batch) feed the DiT trainer with new
clips while the autoencoder's decoder is refined; both stop on time and the result is exported.
The CPU cores go to the processes that assemble the DiT's batches.
Decoder-only refinement leaves the encoder, and so the DiT's latents, unchanged.

    python -m vidloom.train.sprint --minutes 8 --export vidloom/weights/vidloom-mini

With --hires the decoder trained beside the DiT is an output head instead (decode the same
latents at 2x the size and 3x the fps; runs/ae_hires, seeded from runs/ae), and it is exported:

    python -m vidloom.train.sprint --minutes 8 --hires --export vidloom/weights/vidloom-mini

Resumable like every stage: checkpoints live under --runs; where there are none yet,
they are seeded from the exported weights in --weights (steps carried over from config.json).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import torch
from safetensors.torch import load_file

from ..model.autoencoder import AutoencoderConfig
from . import checkpoint
from .export import WEIGHTS
from .utilisation import Utilisation


def seed_from_weights(weights: Path, runs: Path) -> None:
    """Checkpoints to resume from, made from shipped weights (no optimiser state).

    Weights with an output head seed runs/ae_hires too, which --hires resumes (with the head's own
    --upscale/--frame-rate-factor/...); their checkpoints record the head's config, as the trainer's do, so
    the latents stage builds the right autoencoder (its encoder is the plain one's) and a plain decoder run
    refuses them instead of failing to load them.
    """
    config = json.loads((weights / "config.json").read_text())
    steps, ae_cfg = config["training"], AutoencoderConfig.from_dict(config["autoencoder"])
    ae_path, dit_path = runs / "ae" / "checkpoint.pt", runs / "dit" / "checkpoint.pt"
    shape = {"config": ae_cfg.to_dict()} if ae_cfg.hires else {}
    for path in (ae_path, runs / "ae_hires" / "checkpoint.pt") if ae_cfg.hires else (ae_path,):
        if not path.exists():
            checkpoint.save(path, model=load_file(weights / "autoencoder.safetensors"),
                            step=steps["autoencoder_steps"], normalised=True, **shape)
    if not dit_path.exists():
        dit = {k: v.float() for k, v in load_file(weights / "dit.safetensors").items()}
        checkpoint.save(dit_path, model=dit, ema=dit, step=steps["dit_steps"])


def start(stage: str, args: list[str], log: Path, threads: int = 1) -> subprocess.Popen:
    env = {**os.environ, "OMP_NUM_THREADS": str(threads), "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", f"vidloom.train.{stage}", *args],
                            stdout=log.open("a"), stderr=subprocess.STDOUT, env=env)


def finish(procs: list[subprocess.Popen], deadline: float) -> None:
    """Wait for the processes; any still running at the deadline is stopped."""
    for p in procs:
        try:
            p.wait(timeout=max(deadline - time.time(), 1))
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--minutes", type=float, default=8, help="training time of the DiT and the decoder")
    ap.add_argument("--latent-minutes", type=float, default=None, help="time spent encoding new clips "
                    "(default: 60%% of --minutes, leaving the CPU to the trainers afterwards)")
    ap.add_argument("--runs", type=Path, default=Path("runs"))
    ap.add_argument("--weights", type=Path, default=WEIGHTS, help="shipped weights to start from")
    ap.add_argument("--export", type=Path, default=None, help="write the trained weights here")
    ap.add_argument("--version", default="0.2.0")
    ap.add_argument("--clips", type=int, default=40000, help="most new clips to encode")
    ap.add_argument("--shard-size", type=int, default=128)
    has_gpu = torch.cuda.is_available()
    ap.add_argument("--latent-workers", type=int, default=2 if has_gpu else max((os.cpu_count() or 2) - 9, 1),
                    help="processes rendering and encoding new clips (on the GPU, where there is one)")
    ap.add_argument("--crop-workers", type=int, default=3, help="processes rendering the plain decoder's crops "
                    "(an output head's pairs are rendered on the GPU)")
    ap.add_argument("--batch-workers", type=int, default=max((os.cpu_count() or 2) - 6, 4) if has_gpu else 4,
                    help="processes preparing the DiT's batches")
    ap.add_argument("--seed", type=int, default=2, help="seed of the new clips (1 was the first run's)")
    ap.add_argument("--dit-batch", type=int, default=256)
    ap.add_argument("--dit-lr", type=float, default=6e-4)
    ap.add_argument("--text-only", default="0.65", help="the DiT's share of clips with no conditioning frames")
    ap.add_argument("--slot-dropout", default="0.15", help="the DiT's chance each slot is left out")
    ap.add_argument("--ae-batch", type=int, default=32)
    ap.add_argument("--ae-lr", type=float, default=5e-4)
    ap.add_argument("--ae-frames", type=int, default=16,
                    help="frames per crop of the plain decoder's refinement (16: latent frames with both "
                         "neighbours, which took the round trip's judder from 2.05x to 1.46x)")
    ap.add_argument("--hires", action="store_true", help="train an output head as the decoder (runs/ae_hires)")
    ap.add_argument("--upscale", default="2", help="the output head's size factor")
    ap.add_argument("--frame-rate-factor", default="3", help="the output head's frame-rate factor")
    ap.add_argument("--head-channels", default="16")
    ap.add_argument("--decoder-channels", default=None, help="the head's frame decoder widths, 1/16 to 1")
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = ap.parse_args(argv)
    runs, t0 = args.runs, time.time()
    seed_from_weights(args.weights, runs)
    ae_ckpt = str(runs / "ae" / "checkpoint.pt")
    latent_minutes = args.latent_minutes if args.latent_minutes is not None else 0.6 * args.minutes

    gpu = Utilisation().start() if args.device.startswith("cuda") else None
    # 1. new clips, encoded by several processes at once
    encoders = [start("latents", ["--ae", ae_ckpt, "--out", str(runs / "latents"), "--clips", str(args.clips),
                                  "--shard-size", str(args.shard_size),
                                  "--seed", str(args.seed), "--workers", str(args.latent_workers),
                                  "--worker", str(i), "--device", args.device], runs / f"latents{i}.log")
                for i in range(args.latent_workers)]
    # 2. the two trainers, each stopping on its own clock
    decoder_dir = runs / ("ae_hires" if args.hires else "ae")
    head = (["--upscale", args.upscale, "--frame-rate-factor", args.frame_rate_factor, "--head-channels",
             args.head_channels, "--init", ae_ckpt, *(["--decoder-channels", args.decoder_channels]
                                                       if args.decoder_channels else [])] if args.hires else [])
    decoder = start("autoencoder", ["--decoder-only", "--anneal", "--out", str(decoder_dir), "--minutes", str(args.minutes),
                                    "--batch", str(args.ae_batch), "--lr", str(args.ae_lr),
                                    *([] if args.hires else ["--frames", str(args.ae_frames)]),
                                    "--workers", str(args.crop_workers), "--device", args.device, *head],
                    runs / ("ae_hires_sprint.log" if args.hires else "ae_sprint.log"))
    dit = start("dit", ["--latents", str(runs / "latents"), "--out", str(runs / "dit"),
                        "--minutes", str(args.minutes), "--batch", str(args.dit_batch), "--lr", str(args.dit_lr),
                        "--text-only", args.text_only, "--slot-dropout", args.slot_dropout,
                        "--workers", str(args.batch_workers), "--device", args.device], runs / "dit_sprint.log", threads=2)
    finish(encoders, t0 + latent_minutes * 60)
    print(f"encoded {len(list((runs / 'latents').glob('shard_*.pt')))} shards", flush=True)
    # the trainers save at their deadline; the grace covers start-up and the final save
    finish([decoder, dit], t0 + args.minutes * 60 + 90)
    for name, p in (("decoder", decoder), ("dit", dit)):
        if p.returncode != 0:
            print(f"{name} trainer ended with code {p.returncode}: see {runs}", flush=True)
    usage = gpu.stop() if gpu else None
    if usage:
        (runs / "gpu_utilisation.json").write_text(json.dumps(usage, indent=1))
        print(f"GPU busy {usage['busy_mean']:.0f}% mean, {usage['busy_median']:.0f}% median over {usage['samples']} "
              f"samples; peak memory {usage['memory_peak_mib'] / 1024:.1f} GiB", flush=True)

    # 3. export whatever the checkpoints hold now
    if args.export is not None:
        from .export import main as export
        export(["--ae", str(decoder_dir / "checkpoint.pt"), "--dit", str(runs / "dit" / "checkpoint.pt"),
                "--out", str(args.export), "--version", args.version])
    print(f"sprint done in {time.time() - t0:.0f}s", flush=True)


if __name__ == "__main__":
    main()
