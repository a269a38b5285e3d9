"""Train the video autoencoder (stage 1). Resumable: rerun the same command to continue.

    python -m vidloom.train.autoencoder --out runs/ae --minutes 20
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import torch

from ..model.autoencoder import VideoAutoencoder
from . import checkpoint
from .data import CropStream, render_crops


def latent_stats(ae: VideoAutoencoder, n: int = 64, seed: int = 123) -> tuple[torch.Tensor, torch.Tensor]:
    """Per-channel mean and std of raw latents over fresh clips, for normalisation."""
    ae.latent_shift.zero_()
    ae.latent_scale.fill_(1.0)
    x, _ = render_crops(np.random.default_rng(seed), n, frames=8, crop=64)
    with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16):
        z = ae.encode(x).float()
    return z.mean((0, 2, 3, 4)), z.std((0, 2, 3, 4))


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=Path("runs/ae"))
    ap.add_argument("--minutes", type=float, default=20)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    ap.add_argument("--max-steps", type=int, default=None, help="stop at this step even before the time is up")
    ap.add_argument("--workers", type=int, default=1, help="processes rendering training crops")
    ap.add_argument("--decoder-only", action="store_true",
                    help="stage 1b: refine the decoder; the encoder, and so the DiT's latents, stay fixed")
    args = ap.parse_args(argv)
    torch.manual_seed(args.seed)

    # 1. model, optimiser, and the state to resume from
    ae = VideoAutoencoder()
    ckpt_path = args.out / "checkpoint.pt"
    state = checkpoint.load(ckpt_path)
    if args.decoder_only:
        if state is None or not state.get("normalised"):
            raise SystemExit(f"--decoder-only refines a finished stage-1 checkpoint; none at {ckpt_path}")
        ae.frame_encoder.requires_grad_(False)
        ae.fold.requires_grad_(False)
    device = torch.device(args.device)
    ae.to(device)
    opt = torch.optim.AdamW([p for p in ae.parameters() if p.requires_grad], lr=args.lr, weight_decay=1e-4)
    opt_key = "decoder_opt" if args.decoder_only else "opt"
    step = 0
    if state is not None:
        ae.load_state_dict(state["model"])
        if opt_key in state:
            opt.load_state_dict(state[opt_key])
        step = state["step"]
        print(f"resumed at step {step}")
    first_step = step

    # 2. stream of rendered crops, rendered by a worker process while we train
    stream = torch.utils.data.DataLoader(CropStream(args.seed + step, args.batch), batch_size=None,
                                         num_workers=args.workers, prefetch_factor=4)
    deadline = time.time() + args.minutes * 60
    ae.train()
    losses = []
    for x, weight in stream:
        x, weight = x.to(device), weight.to(device)
        # 3. reconstruction through a latent with a little noise, so the decoder forgives the DiT
        lr = args.lr * min(1.0, (step - first_step + 1) / 200)  # warm up again on resume: Adam may be fresh
        for g in opt.param_groups:
            g["lr"] = lr
        with torch.autocast(device.type, dtype=torch.bfloat16):
            z = ae.encode(x)
            z = z + 0.05 * z.detach().std() * torch.randn_like(z)
            y = ae.decode(z).float()
        err = (y - x).abs() + (y - x) ** 2
        # frame-to-frame change must match the source's too: a still background stays still
        flicker = ((y.diff(dim=2) - x.diff(dim=2)).abs() * weight[:, :, 1:]).mean() / weight.mean()
        loss = (err * weight).mean() / weight.mean() + flicker + 1e-4 * z.float().pow(2).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(ae.parameters(), 1.0)
        opt.step()
        step += 1
        losses.append(loss.detach())  # no GPU sync per step: read only when printed
        if step % 50 == 0:
            print(f"step {step} loss {torch.stack(losses[-50:]).mean().item():.4f} lr {lr:.2e}", flush=True)
        done = time.time() > deadline or (args.max_steps is not None and step >= args.max_steps)
        if step % 200 == 0 or done:
            checkpoint.save(ckpt_path, **{**(state or {}), "model": ae.state_dict(), opt_key: opt.state_dict(),
                                          "step": step})
        if done:
            break

    # 4. normalisation statistics for the diffusion stage (fixed once the DiT depends on them)
    state = checkpoint.load(ckpt_path)
    ae.cpu()
    if not state.get("normalised"):
        shift, scale = latent_stats(ae)
        ae.latent_shift.copy_(shift)
        ae.latent_scale.copy_(scale)
        print(f"latent std before normalising {scale.mean():.3f}")
    checkpoint.save(ckpt_path, **{**state, "model": ae.state_dict(), "normalised": True})
    print(f"done at step {step}")


if __name__ == "__main__":
    main()
