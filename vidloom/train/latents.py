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

from ..model.autoencoder import AutoencoderConfig, VideoAutoencoder
from ..precision import autocast
from ..world import sample_scene
from ..world.render_batch import View, render_batch
from . import checkpoint
from .data import SIZES

SECONDS = (4.0, 4.0, 4.0, 2.0, 6.0, 8.0)  # mostly 4 s, some shorter and longer for duration range
FPS = 8.0
SHARD = 128


def load_autoencoder(path: Path, device: str = "cpu") -> VideoAutoencoder:
    """The checkpoint's autoencoder, plain or with the output head its config records (the encoder is the same)."""
    state = checkpoint.load(path)
    ae = VideoAutoencoder(AutoencoderConfig.from_dict(state.get("config") or {}))
    ae.load_state_dict(state["model"])
    return ae.eval().to(device)


@torch.no_grad()
def encode_clips(ae: VideoAutoencoder, frames: torch.Tensor) -> list[dict]:
    """Latents of each clip [B, T, H, W, 3] uint8, and of its first and last frames held still (image
    hints), returned on the CPU."""
    device = ae.latent_scale.device
    video = frames.to(device).permute(0, 4, 1, 2, 3).float() / 127.5 - 1  # [B, 3, T, H, W]
    stills = torch.cat([video[:, :, :1], video[:, :, -1:]]).repeat(1, 1, 4, 1, 1)  # firsts, then lasts
    with autocast(device):
        z = ae.encode(video).float()
        s = ae.encode(stills).float()[:, :, 0]
    z, s = z.to("cpu", torch.bfloat16), s.to("cpu", torch.bfloat16)
    b = len(video)
    return [{"latent": z[i], "first_still": s[i], "last_still": s[b + i]} for i in range(b)]


def encode_clip(ae: VideoAutoencoder, frames: np.ndarray) -> dict:
    """encode_clips for one clip [T, H, W, 3] (numpy)."""
    return encode_clips(ae, torch.from_numpy(frames)[None])[0]


def render_shard(ae: VideoAutoencoder, rng: np.random.Generator, size: int, batch: int = 32) -> list[dict]:
    """`size` new training clips, rendered and encoded on the autoencoder's device a batch at a time
    (clips of one size and duration render together)."""
    draws = []
    for _ in range(size):
        scene = sample_scene(rng, holdout="train")
        w, h = SIZES[int(rng.integers(len(SIZES)))]
        draws.append((scene, w, h, float(rng.choice(SECONDS))))
    items = [None] * size
    for key in sorted({d[1:] for d in draws}):
        idx = [i for i, d in enumerate(draws) if d[1:] == key]
        w, h, seconds = key
        view = View(w, h, FPS, seconds)
        for part in range(0, len(idx), batch):
            chunk = idx[part:part + batch]
            frames, _ = render_batch([draws[i][0] for i in chunk], [view] * len(chunk), view.total, (w, h),
                                     ae.latent_scale.device)
            for i, item in zip(chunk, encode_clips(ae, frames)):
                items[i] = {"scene": draws[i][0], **item}
    return items


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
    ap.add_argument("--batch", type=int, default=None, help="clips rendered and encoded at once "
                    "(default: 32 on a GPU, 1 on the CPU, where batching gains nothing)")
    args = ap.parse_args(argv)
    batch = args.batch or (32 if args.device.startswith("cuda") else 1)
    torch.set_num_threads(args.threads)
    ae = load_autoencoder(args.ae, args.device)
    args.out.mkdir(parents=True, exist_ok=True)
    for shard in range(args.worker, args.clips // args.shard_size, args.workers):
        path = args.out / f"shard_{shard:05d}.pt"
        if path.exists():
            continue
        t0 = time.time()
        items = render_shard(ae, np.random.default_rng([args.seed, shard]), args.shard_size, batch)
        checkpoint.save(path, items=items)
        print(f"{path.name}: {args.shard_size} clips in {time.time() - t0:.1f}s", flush=True)


if __name__ == "__main__":
    main()
