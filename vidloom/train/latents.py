"""Stage 2 data: render world clips and encode them once with the trained autoencoder.

Writes shards of latents plus the scenes they came from (captions are drawn fresh at
training time, so every epoch reads new phrasings). Run it beside the DiT trainer:
the trainer picks up new shards as they land. Resumable: existing shards are kept.
Several processes share the work with --workers N --worker I (each writes every Nth shard).

    python -m vidloom.train.latents --ae runs/ae/checkpoint.pt --out runs/latents --clips 20000
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import torch

from ..model.autoencoder import VideoAutoencoder, to_pixels
from ..world import render, sample_scene
from . import checkpoint
from .data import SIZES

SECONDS = (4.0, 4.0, 4.0, 2.0, 6.0, 8.0)  # mostly 4 s, some shorter and longer for duration range
FPS = 8.0
SHARD = 128


def load_autoencoder(path: Path, device: str = "cpu") -> VideoAutoencoder:
    ae = VideoAutoencoder()
    ae.load_state_dict(checkpoint.load(path)["model"])
    return ae.eval().to(device)


@torch.no_grad()
def encode_clip(ae: VideoAutoencoder, frames: np.ndarray) -> dict:
    """Latents of the clip, and of its first and last frames held still (image hints), returned on the CPU."""
    device = ae.latent_scale.device
    with torch.autocast(device.type, dtype=torch.bfloat16):
        z = ae.encode(to_pixels(frames).to(device)).float()[0]
        stills = np.stack([np.repeat(frames[:1], 4, 0), np.repeat(frames[-1:], 4, 0)])
        s = ae.encode(torch.cat([to_pixels(x) for x in stills]).to(device)).float()[:, :, 0]
    z, s = z.to("cpu", torch.bfloat16), s.to("cpu", torch.bfloat16)
    return {"latent": z, "first_still": s[0], "last_still": s[1]}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--ae", type=Path, default=Path("runs/ae/checkpoint.pt"))
    ap.add_argument("--out", type=Path, default=Path("runs/latents"))
    ap.add_argument("--clips", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--shard-size", type=int, default=SHARD)
    ap.add_argument("--workers", type=int, default=1, help="processes sharing the work")
    ap.add_argument("--worker", type=int, default=0, help="this process's index, 0 to workers-1")
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    ae = load_autoencoder(args.ae, args.device)
    args.out.mkdir(parents=True, exist_ok=True)
    for shard in range(args.worker, args.clips // args.shard_size, args.workers):
        path = args.out / f"shard_{shard:05d}.pt"
        if path.exists():
            continue
        t0 = time.time()
        rng = np.random.default_rng([args.seed, shard])
        items = []
        for _ in range(args.shard_size):
            scene = sample_scene(rng, holdout="train")
            w, h = SIZES[int(rng.integers(len(SIZES)))]
            seconds = float(rng.choice(SECONDS))
            frames, _ = render(scene, w, h, FPS, seconds)
            items.append({"scene": scene, **encode_clip(ae, frames)})
        checkpoint.save(path, items=items)
        print(f"{path.name}: {args.shard_size} clips in {time.time() - t0:.1f}s", flush=True)


if __name__ == "__main__":
    main()
