"""Train the video autoencoder (stage 1). Resumable: rerun the same command to continue.

    python -m vidloom.train.autoencoder --out runs/ae --minutes 20

An output head (larger, smoother frames from the same latents) is trained decoder-only, seeded
from a finished plain checkpoint, on world renders at the larger size and rate:

    python -m vidloom.train.autoencoder --decoder-only --upscale 2 --frame-rate-factor 3 \
        --init runs/ae/checkpoint.pt --out runs/ae_hires --minutes 8
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import torch

from ..model.autoencoder import AutoencoderConfig, VideoAutoencoder, seed_hires
from ..precision import autocast
from . import checkpoint
from .data import CropStream, PairStream, render_crops
from .schedule import TimeBudget, lr_factor

CHECKPOINT_SECONDS = 300  # besides every 200 steps: a slow step on one CPU thread still loses at most 5 minutes


def latent_stats(ae: VideoAutoencoder, n: int = 64, seed: int = 123) -> tuple[torch.Tensor, torch.Tensor]:
    """Per-channel mean and std of raw latents over fresh clips, for normalisation."""
    ae.latent_shift.zero_()
    ae.latent_scale.fill_(1.0)
    x, _ = render_crops(np.random.default_rng(seed), n, frames=8, crop=64)
    with torch.no_grad(), autocast("cpu"):
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
    ap.add_argument("--workers", type=int, default=1, help="processes rendering training crops "
                    "(an output head's pairs are rendered on the GPU instead, when training on one)")
    ap.add_argument("--frames", type=int, default=8, help="frames per training crop (a multiple of 4: each 4 are "
                    "one latent frame; more of them show the decoder latent frames with neighbours on both sides)")
    ap.add_argument("--anneal", action="store_true",
                    help="decay the rate by a cosine over the last 40%% of --minutes (for a refinement that ends a run)")
    ap.add_argument("--flicker-weight", type=float, default=1.0,
                    help="weight of the frame-to-frame change term beside the per-frame reconstruction")
    ap.add_argument("--decoder-only", action="store_true",
                    help="stage 1b: refine the decoder; the encoder, and so the DiT's latents, stay fixed")
    ap.add_argument("--upscale", type=int, default=1, help="output head: decode this many times the size")
    ap.add_argument("--frame-rate-factor", type=int, default=1, help="output head: and this many times the frames")
    ap.add_argument("--head-channels", type=int, default=AutoencoderConfig.head_channels)
    ap.add_argument("--decoder-channels", default=None,
                    help="frame decoder widths from 1/16 to 1, comma-separated (default: the encoder's reversed)")
    ap.add_argument("--init", type=Path, default=None,
                    help="finished plain checkpoint an output head starts from (its encoder is kept)")
    args = ap.parse_args(argv)
    if args.frames < 4 or args.frames % 4:
        ap.error("--frames must be a positive multiple of 4 (one latent frame)")
    torch.manual_seed(args.seed)

    # 1. model, optimiser, and the state to resume from
    ckpt_path = args.out / "checkpoint.pt"
    state = checkpoint.load(ckpt_path)
    head = AutoencoderConfig(upscale=args.upscale, frame_rate_factor=args.frame_rate_factor,
                             head_channels=args.head_channels,
                             decoder_channels=tuple(int(c) for c in args.decoder_channels.split(","))
                             if args.decoder_channels else None)
    if head.hires and not args.decoder_only:
        raise SystemExit("an output head is trained with --decoder-only: the latents must stay the DiT's")
    if head.hires and state is None:
        state = seeded_state(head, args.init)
    if state is not None and state.get("config", {}) != ({} if not head.hires else head.to_dict()):
        raise SystemExit(f"{ckpt_path} holds another autoencoder shape ({state.get('config') or 'plain'}); "
                         "resume it with the same --upscale/--frame-rate-factor/--head-channels/--decoder-channels")
    ae = VideoAutoencoder(head)
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

    # 2. stream of rendered crops, rendered by worker processes while we train; an output head
    # gets (input, larger target) pairs, the plain autoencoder reconstructs its input. On a GPU the
    # pairs are rendered there, in this process (render_batch), which outpaces any number of CPU workers
    on_device = head.hires and device.type == "cuda"
    data = (PairStream(args.seed + step, args.batch, head.upscale, head.frame_rate_factor, frames=args.frames,
                       device=args.device if on_device else "cpu") if head.hires
            else CropStream(args.seed + step, args.batch, frames=args.frames))
    workers = 0 if on_device else args.workers
    stream = torch.utils.data.DataLoader(data, batch_size=None, num_workers=workers,
                                         prefetch_factor=4 if workers else None)
    budget = TimeBudget(args.minutes)
    saved = time.time()
    ae.train()
    losses, psnrs = [], []
    for batch in stream:
        x, target, weight = batch if head.hires else (batch[0], batch[0], batch[1])
        x, target, weight = x.to(device), target.to(device), weight.to(device)
        # 3. reconstruction through a latent with a little noise, so the decoder forgives the DiT
        progress = budget.progress() if args.anneal else None
        lr = args.lr * lr_factor(step - first_step, 200, progress)
        for g in opt.param_groups:
            g["lr"] = lr
        # bf16 on the GPU only: torch 2.13's CPU bf16 Conv3d gives a NaN weight gradient on CPUs with
        # AVX512-BF16 (the unfold's first layer), which poisons every weight at the first step
        with torch.autocast(device.type, dtype=torch.bfloat16, enabled=device.type == "cuda"):
            z = ae.encode(x)
            z = z + 0.05 * z.detach().std() * torch.randn_like(z)
            y = ae.decode(z).float()
        err = (y - target).abs() + (y - target) ** 2
        # frame-to-frame change must match the source's too: a still background stays still
        flicker = ((y.diff(dim=2) - target.diff(dim=2)).abs() * weight[:, :, 1:]).mean() / weight.mean()
        loss = (err * weight).mean() / weight.mean() + args.flicker_weight * flicker + 1e-4 * z.float().pow(2).mean()
        psnrs.append(10 * torch.log10(4 / (y.detach().clamp(-1, 1) - target).pow(2).mean()))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(ae.parameters(), 1.0)
        opt.step()
        step += 1
        losses.append(loss.detach())  # no GPU sync per step: read only when printed
        if step % 50 == 0:
            print(f"step {step} loss {torch.stack(losses[-50:]).mean().item():.4f} "
                  f"psnr {torch.stack(psnrs[-50:]).mean().item():.2f} dB lr {lr:.2e}", flush=True)
        done = budget.over() or (args.max_steps is not None and step >= args.max_steps)
        if step % 200 == 0 or time.time() - saved > CHECKPOINT_SECONDS or done:
            saved = time.time()
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


def seeded_state(head: AutoencoderConfig, init: Path | None) -> dict:
    """A checkpoint to start an output head from: a finished plain one's weights mapped into it."""
    plain = checkpoint.load(init) if init is not None else None
    if plain is None or not plain.get("normalised") or plain.get("config"):
        raise SystemExit(f"an output head starts from a finished plain checkpoint (--init); none at {init}")
    ae = VideoAutoencoder(head)
    fresh = seed_hires(ae, plain["model"])
    print(f"seeded from {init} at step {plain['step']}; new: {', '.join(fresh)}", flush=True)
    return {"model": ae.state_dict(), "step": plain["step"], "normalised": True, "config": head.to_dict()}


if __name__ == "__main__":
    main()
