"""Train the DiT on autoencoder latents (stage 2). Resumable: rerun to continue.

    python -m vidloom.train.dit --latents runs/latents --out runs/dit --minutes 90
"""
from __future__ import annotations

import argparse
import copy
import itertools
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
import torch

from ..flow import flow_loss, resolution_shift, sample_train_time
from ..model.dit import DiT, DiTConfig
from ..model.text_encoder import TextEncoder
from ..precision import autocast
from ..world import caption, render, sample_scene
from ..world.slots import SLOT_NAMES, slots_of, vocab_sizes
from . import checkpoint
from .masks import random_conditioning
from .schedule import TimeBudget, lr_factor

# The shipped model's DiT: conditioned on prompt tokens and on the world's slots.
MODEL_CONFIG = DiTConfig(slot_vocab=tuple(vocab_sizes()))


class LatentPool:
    """Every clip in the shard folder, grouped by latent shape so a batch stacks."""

    def __init__(self, folder: Path):
        self.folder, self.seen, self.groups = folder, set(), defaultdict(list)

    def refresh(self) -> int:
        for path in sorted(self.folder.glob("shard_*.pt")):
            if path.name not in self.seen:
                self.seen.add(path.name)
                for item in checkpoint.load(path)["items"]:
                    self.groups[tuple(item["latent"].shape)].append(item)
        return sum(len(g) for g in self.groups.values())

    def batch(self, rng: np.random.Generator, size: int) -> list[dict]:
        shapes = list(self.groups)
        weights = np.array([len(self.groups[s]) for s in shapes], dtype=float)
        group = self.groups[shapes[rng.choice(len(shapes), p=weights / weights.sum())]]
        return [group[i] for i in rng.integers(0, len(group), size)]


class Grower:
    """Adds new clips to the latent folder while training, so one thread both trains and
    widens the data: every `every` batches one clip is rendered and encoded; every 32 a shard."""

    def __init__(self, folder: Path, ae_path: Path, every: int, seed: int):
        from .latents import FPS, SECONDS, encode_clip, load_autoencoder
        from .data import SIZES

        self.folder, self.every, self.seed = folder, every, seed
        self.ae, self.encode, self.fps, self.seconds, self.sizes = load_autoencoder(ae_path), encode_clip, FPS, SECONDS, SIZES
        self.shard = len(list(folder.glob(f"shard_grow{seed}_*.pt")))
        self.rng, self.items = np.random.default_rng([seed, self.shard]), []

    def step(self, pool: LatentPool, i: int) -> None:
        if i % self.every:
            return
        scene = sample_scene(self.rng, holdout="train")
        w, h = self.sizes[int(self.rng.integers(len(self.sizes)))]
        frames, _ = render(scene, w, h, self.fps, float(self.rng.choice(self.seconds)))
        item = {"scene": scene, **self.encode(self.ae, frames)}
        self.items.append(item)
        pool.groups[tuple(item["latent"].shape)].append(item)
        if len(self.items) == 32:
            name = f"shard_grow{self.seed}_{self.shard:05d}.pt"
            checkpoint.save(self.folder / name, items=self.items)
            pool.seen.add(name)
            self.shard, self.items = self.shard + 1, []
            self.rng = np.random.default_rng([self.seed, self.shard])


def slot_ids(scene, rng: np.random.Generator, dropout: float) -> list[int]:
    """The scene's slot indices, each dropped (0) with probability `dropout`, so guidance and
    prompts that leave a slot unsaid both work."""
    return [0 if rng.random() < dropout else i for i in slots_of(scene).ids()]


class Batches(torch.utils.data.IterableDataset):
    """Endless training batches: latents, random conditioning, fresh captions and slot ids (some
    dropped for CFG: a dropped caption drops every slot too). Built in worker processes, so a
    GPU is not left waiting on this CPU work."""

    def __init__(self, folder: Path, size: int, text_dropout: float, seed: list[int], slot_dropout: float = 0.15,
                 text_only: float = 0.45, grow: dict | None = None):
        self.folder, self.size, self.text_dropout, self.seed = folder, size, text_dropout, seed
        self.slot_dropout, self.text_only, self.grow = slot_dropout, text_only, grow

    def __iter__(self):
        info = torch.utils.data.get_worker_info()
        rng = np.random.default_rng([*self.seed, info.id if info else 0])
        pool = LatentPool(self.folder)
        while pool.refresh() == 0:  # the latents stage may still be writing its first shard
            time.sleep(10)
        grower = Grower(self.folder, **self.grow) if self.grow else None
        for i in itertools.count(1):
            if i % 100 == 0:
                pool.refresh()
            if grower:
                grower.step(pool, i)
            items = pool.batch(rng, self.size)
            conds = [random_conditioning(rng, it["latent"].float(), it["first_still"].float(),
                                         it["last_still"].float(), self.text_only) for it in items]
            dropped = [rng.random() < self.text_dropout for _ in items]
            yield (torch.stack([it["latent"] for it in items]).float(), torch.stack([c for c, _ in conds]),
                   torch.stack([m for _, m in conds]),
                   ["" if d else caption(it["scene"], rng) for d, it in zip(dropped, items)],
                   torch.tensor([[0] * len(SLOT_NAMES) if d else slot_ids(it["scene"], rng, self.slot_dropout)
                                 for d, it in zip(dropped, items)]))


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--latents", type=Path, default=Path("runs/latents"))
    ap.add_argument("--out", type=Path, default=Path("runs/dit"))
    ap.add_argument("--minutes", type=float, default=90)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=4e-4)
    ap.add_argument("--text-dropout", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    ap.add_argument("--max-steps", type=int, default=None, help="stop at this step even before the time is up")
    ap.add_argument("--workers", type=int, default=1, help="processes preparing batches (0: this one)")
    ap.add_argument("--slot-dropout", type=float, default=0.15, help="chance each slot is left out")
    ap.add_argument("--text-only", type=float, default=0.45, help="share of clips with no conditioning frames")
    ap.add_argument("--grow-every", type=int, default=0, help="encode one new clip every N batches (needs --ae)")
    ap.add_argument("--ae", type=Path, default=None, help="autoencoder checkpoint for --grow-every")
    args = ap.parse_args(argv)
    device = torch.device(args.device)
    torch.manual_seed(args.seed)

    # 1. model, EMA copy, optimiser, resume
    dit = DiT(MODEL_CONFIG).to(device)
    ema = copy.deepcopy(dit).requires_grad_(False)
    opt = torch.optim.AdamW(dit.parameters(), lr=args.lr, weight_decay=0.01, betas=(0.9, 0.98),
                            fused=device.type == "cuda")  # one kernel, not one per tensor: the DiT is small
    ckpt_path = args.out / "checkpoint.pt"
    step = 0
    if (state := checkpoint.load(ckpt_path)) is not None:
        # a text-only checkpoint warm-starts the slot model: its new slot layers start at zero
        missing = [k for k in dit.load_state_dict(state["model"], strict=False).missing_keys]
        ema.load_state_dict(state["ema"], strict=False)
        if any(not k.startswith("slot_") for k in missing):
            raise SystemExit(f"checkpoint {ckpt_path} does not fit the model: missing {missing}")
        if "opt" in state and not missing:  # absent when seeded from exported weights
            opt.load_state_dict(state["opt"])
        step = state["step"]
        print(f"resumed at step {step}")
    first_step = step
    text_encoder = TextEncoder(device)

    # 2. data, prepared beside the trainer
    grow = dict(ae_path=args.ae, every=args.grow_every, seed=args.seed) if args.grow_every else None
    batches = torch.utils.data.DataLoader(Batches(args.latents, args.batch, args.text_dropout, [args.seed, step],
                                                  args.slot_dropout, args.text_only, grow),
                                          batch_size=None, num_workers=args.workers,
                                          prefetch_factor=4 if args.workers else None)
    budget, last_save, losses = None, time.time(), []
    for x0, cond, cond_mask, prompts, slots in batches:
        if budget is None:  # the clock starts at the first batch: the first shard may take a while
            budget = TimeBudget(args.minutes)
        if budget.over() or (args.max_steps is not None and step >= args.max_steps):
            break
        # 3. a batch: latents, conditioning and prompts (drawn in Batches), to the device
        x0, cond, cond_mask, slots = x0.to(device), cond.to(device), cond_mask.to(device), slots.to(device)
        text, text_mask, pooled = text_encoder.encode(prompts)  # captions are in the world's words already
        tokens = x0.shape[2] * (x0.shape[3] // 2) * (x0.shape[4] // 2)
        t = sample_train_time(len(x0), resolution_shift(tokens)).to(device)

        def model(x, tt, c, cm):
            return dit(x, tt, text, text_mask, pooled, c, cm, slots)

        # 4. one optimisation step (bf16 where the device computes it), then EMA; warm-up, then cosine decay over the last 40% of the time
        lr = args.lr * lr_factor(step - first_step, 300, budget.progress())
        for g in opt.param_groups:
            g["lr"] = lr
        with autocast(device):
            loss = flow_loss(model, x0, t, cond, cond_mask)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(dit.parameters(), 1.0)
        opt.step()
        step += 1
        decay = min(0.999, (1 + step) / (10 + step))
        with torch.no_grad():
            torch._foreach_lerp_(list(ema.parameters()), list(dit.parameters()), 1 - decay)
        losses.append(loss.detach())  # no GPU sync per step: read only when printed
        if step % 50 == 0:
            print(f"step {step} loss {torch.stack(losses[-50:]).mean().item():.4f} lr {lr:.1e}", flush=True)
        if time.time() - last_save > 300:
            checkpoint.save(ckpt_path, model=dit.state_dict(), ema=ema.state_dict(), opt=opt.state_dict(), step=step)
            last_save = time.time()
    checkpoint.save(ckpt_path, model=dit.state_dict(), ema=ema.state_dict(), opt=opt.state_dict(), step=step)
    print(f"done at step {step}")


if __name__ == "__main__":
    main()
