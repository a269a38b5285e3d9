"""A small CNN that reads world attributes off one frame; worldbench's judge.

It is trained on the project's own ground truth: frames rendered by `vidloom.world`
(single- and multi-object scenes, every aspect, cameras and ambience), with light
augmentation (blur, noise, down-up resampling, small colour jitter) so that it
tolerates the softer pixels of generated video.

    python -m bench.detector --train            # renders data, trains, writes bench/detector.safetensors
    python -m bench.detector --eval             # accuracy of the shipped weights on fresh renders

Library use:

    det = load_detector()
    info = describe_clip(frames)                # frames: uint8 [T, H, W, 3]
    info["colour"], info["kind"], info["setting"], info["direction"], info["consistency"]
"""
from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from vidloom.precision import autocast
from vidloom.world import render, sample_scene
from vidloom.world.vocab import COLOURS, OBJECTS, SETTINGS

WEIGHTS = Path(__file__).with_name("detector.safetensors")
RES = 64  # the detector's input side: every frame is resized (any aspect) to RES x RES
SIZES = ((128, 128), (224, 128), (128, 224))  # (width, height) of the engine's native aspects
COLOUR_NAMES = tuple(COLOURS)
DIRECTION_THRESHOLD = 0.12  # net centre travel, as a fraction of the frame, that counts as motion


# ---------------------------------------------------------------- network

def _block(cin: int, cout: int, stride: int) -> nn.Sequential:
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class Detector(nn.Module):
    """Frame -> setting, main-object class and colour, centre and radius.

    A heatmap over a 16 x 16 grid finds the main object; its softmax is both the centre
    (soft-argmax) and the attention that pools the features the class and colour heads read.
    The setting head reads the whole frame.
    """

    def __init__(self, width: int = 32):
        super().__init__()
        w = width
        self.stem = nn.Sequential(_block(5, w, 2), _block(w, 2 * w, 2), _block(2 * w, 2 * w, 1))  # -> 16x16
        self.deep = nn.Sequential(_block(2 * w, 4 * w, 2), _block(4 * w, 4 * w, 1))  # -> 8x8
        fused = 2 * w + 4 * w
        self.heat = nn.Sequential(nn.Conv2d(fused, w, 1), nn.ReLU(inplace=True), nn.Conv2d(w, 1, 1))
        self.kind = nn.Sequential(nn.Linear(fused, 96), nn.ReLU(inplace=True), nn.Linear(96, len(OBJECTS)))
        self.colour = nn.Sequential(nn.Linear(fused, 96), nn.ReLU(inplace=True), nn.Linear(96, len(COLOURS)))
        self.radius = nn.Sequential(nn.Linear(fused, 32), nn.ReLU(inplace=True), nn.Linear(32, 1))
        self.setting = nn.Linear(2 * 4 * w, len(SETTINGS))

    def forward(self, x: torch.Tensor) -> dict[str, torch.Tensor]:
        # x: [B, 3, 64, 64] in [0, 1]
        b = x.shape[0]
        ys, xs = torch.meshgrid(torch.linspace(-1, 1, RES), torch.linspace(-1, 1, RES), indexing="ij")
        coords = torch.stack([xs, ys])[None].expand(b, -1, -1, -1).to(x)
        f16 = self.stem(torch.cat([x * 2 - 1, coords], 1))  # [B, 2w, 16, 16]
        f8 = self.deep(f16)  # [B, 4w, 8, 8]
        fused = torch.cat([f16, F.interpolate(f8, scale_factor=2, mode="nearest")], 1)  # [B, 6w, 16, 16]
        logits = self.heat(fused).flatten(1)  # [B, 256]
        attn = logits.softmax(-1)  # [B, 256]
        grid = (torch.arange(16, dtype=x.dtype, device=x.device) + 0.5) / 16
        cx = (attn.view(b, 16, 16).sum(1) * grid).sum(-1)  # [B] frame fraction
        cy = (attn.view(b, 16, 16).sum(2) * grid).sum(-1)
        pooled = torch.einsum("bn,bcn->bc", attn, fused.flatten(2))  # [B, 6w]
        whole = torch.cat([f8.mean((2, 3)), f8.amax((2, 3))], 1)  # [B, 8w]
        return {
            "setting": self.setting(whole),  # [B, 9]
            "kind": self.kind(pooled),  # [B, 8]
            "colour": self.colour(pooled),  # [B, 10]
            "centre": torch.stack([cx, cy], -1),  # [B, 2] x, y as frame fractions
            "radius": self.radius(pooled).squeeze(-1),  # [B] main-object radius / short side
            "heat": logits,  # [B, 256]
        }


def load_detector(path: str | Path = WEIGHTS) -> Detector:
    """The shipped detector, in eval mode on the CPU."""
    from safetensors.torch import load_file

    det = Detector()
    det.load_state_dict(load_file(str(path)))
    return det.eval()


def to_input(frames: np.ndarray) -> torch.Tensor:
    """uint8 [T, H, W, 3] (any size) -> float [T, 3, 64, 64] in [0, 1], antialiased resize."""
    x = torch.from_numpy(np.ascontiguousarray(frames)).permute(0, 3, 1, 2).float() / 255
    if x.shape[-2:] != (RES, RES):
        x = F.interpolate(x, size=(RES, RES), mode="bilinear", antialias=True, align_corners=False)
    return x.clamp(0, 1)


# ---------------------------------------------------------------- clips

def _majority(names: list[str]) -> str:
    return Counter(names).most_common(1)[0][0]


def direction_of(centres: np.ndarray, threshold: float = DIRECTION_THRESHOLD) -> str:
    """"left" / "right" / "up" / "down" from a [T, 2] centre track (frame fractions), else "none".

    The net displacement compares the median of the first and of the last eighth of the
    track (at least two frames each), which shrugs off single-frame misses.
    """
    k = max(2, len(centres) // 8)
    start, end = np.median(centres[:k], 0), np.median(centres[-k:], 0)
    dx, dy = end - start
    if max(abs(dx), abs(dy)) <= threshold:
        return "none"
    if abs(dx) >= abs(dy):
        return "right" if dx > 0 else "left"
    return "down" if dy > 0 else "up"


@torch.no_grad()
def describe_clip(frames: np.ndarray, detector: Detector | None = None, batch: int = 64) -> dict:
    """What the detector sees in a clip (uint8 [T, H, W, 3]).

    Returns setting, kind, colour (majority votes over frames), direction (from the centre
    track), consistency (fraction of frames whose kind and colour both match the majority),
    and per-frame centres [T, 2] (frame fractions), radii [T] (pixels) and labels.
    """
    det = detector or _default_detector()
    outs = [det(to_input(frames[i:i + batch])) for i in range(0, len(frames), batch)]
    out = {k: torch.cat([o[k] for o in outs]) for k in ("setting", "kind", "colour", "centre", "radius")}
    settings = [SETTINGS[i] for i in out["setting"].argmax(-1).tolist()]
    kinds = [OBJECTS[i] for i in out["kind"].argmax(-1).tolist()]
    colours = [COLOUR_NAMES[i] for i in out["colour"].argmax(-1).tolist()]
    centres = out["centre"].numpy()
    kind, colour = _majority(kinds), _majority(colours)
    consistency = float(np.mean([k == kind and c == colour for k, c in zip(kinds, colours)]))
    short = min(frames.shape[1:3])
    return {
        "setting": _majority(settings), "kind": kind, "colour": colour,
        "direction": direction_of(centres), "consistency": consistency,
        "centres": centres, "radii": out["radius"].clamp(min=0).numpy() * short,
        "frame_kinds": kinds, "frame_colours": colours, "frame_settings": settings,
    }


_CACHE: dict[str, Detector] = {}


def _default_detector() -> Detector:
    if "det" not in _CACHE:
        _CACHE["det"] = load_detector()
    return _CACHE["det"]


# ---------------------------------------------------------------- data

def render_frames(rng: np.random.Generator, n: int, holdout: str = "any", log_every: int = 0):
    """n single frames of random scenes: uint8 [n, 64, 64, 3] and their labels.

    Labels: setting, kind, colour (indices), centre [n, 2] (frame fractions), radius
    (fraction of the short side), visible (the main object's centre is in frame and
    some of it is drawn; class, colour and centre losses only count visible ones) and
    flip_ok (0 where the caption says the main object is "left of" another).
    """
    imgs = np.empty((n, RES, RES, 3), np.uint8)
    lab = {k: np.zeros(n, np.int64) for k in ("setting", "kind", "colour")}
    centre = np.zeros((n, 2), np.float32)
    radius = np.zeros(n, np.float32)
    visible = np.zeros(n, np.float32)
    flip_ok = np.zeros(n, np.float32)
    t0 = time.time()
    for i in range(n):
        scene = sample_scene(rng, holdout=holdout)
        w, h = SIZES[int(rng.integers(len(SIZES)))]
        f = int(rng.integers(32))
        frames, truth = render(scene, w, h, 8.0, 4.0, window=(f, f + 1))
        imgs[i] = (to_input(frames)[0].permute(1, 2, 0).numpy() * 255 + 0.5).astype(np.uint8)
        lab["setting"][i] = SETTINGS.index(truth.setting)
        lab["kind"][i] = OBJECTS.index(truth.kinds[0])
        lab["colour"][i] = COLOUR_NAMES.index(truth.colours[0])
        cx, cy = truth.centers[0, 0] / (w, h)
        centre[i] = np.clip((cx, cy), 0, 1)
        radius[i] = truth.scales[0, 0] / min(w, h)
        visible[i] = float(0 <= cx <= 1 and 0 <= cy <= 1 and not np.isnan(truth.boxes[0, 0, 0]))
        flip_ok[i] = float(scene.relation != "left of")  # a mirror would put the main object on the right
        if log_every and (i + 1) % log_every == 0:
            print(f"  rendered {i + 1}/{n} frames ({time.time() - t0:.0f}s)", flush=True)
    return imgs, {**lab, "centre": centre, "radius": radius, "visible": visible, "flip_ok": flip_ok}


def _blur(x: torch.Tensor, sigma: float) -> torch.Tensor:
    r = 2
    k = torch.exp(-torch.arange(-r, r + 1, dtype=x.dtype) ** 2 / (2 * sigma ** 2))
    k = k / k.sum()
    c = x.shape[1]
    x = F.conv2d(F.pad(x, (r, r, 0, 0), mode="replicate"), k.view(1, 1, 1, -1).repeat(c, 1, 1, 1), groups=c)
    return F.conv2d(F.pad(x, (0, 0, r, r), mode="replicate"), k.view(1, 1, -1, 1).repeat(c, 1, 1, 1), groups=c)


def augment(x: torch.Tensor, centre: torch.Tensor, g: torch.Generator,
            flip_ok: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """Light corruption that keeps colour names: flips, blur, down-up resampling, jitter, noise."""
    b = x.shape[0]
    # 1. horizontal flip, except where "left of" tells the main object from the other one
    flip = torch.rand(b, generator=g) < 0.5
    if flip_ok is not None:
        flip &= flip_ok > 0
    x = torch.where(flip[:, None, None, None], x.flip(-1), x)
    centre = centre.clone()
    centre[flip, 0] = 1 - centre[flip, 0]
    # 2. blur a third of the batch, down-up resample another sixth (codec / decoder softness)
    n3 = b // 3
    x = torch.cat([_blur(x[:n3], float(torch.empty(1).uniform_(0.5, 1.2, generator=g))), x[n3:]])
    n6 = b // 6
    if n6:
        s = int(torch.randint(24, 48, (1,), generator=g))
        part = F.interpolate(x[n3:n3 + n6], size=(s, s), mode="bilinear", antialias=True)
        x = torch.cat([x[:n3], F.interpolate(part, size=(RES, RES), mode="bilinear"), x[n3 + n6:]])
    # 3. small gain, per-channel tint and offset, then pixel noise
    gain = torch.empty(b, 1, 1, 1).uniform_(0.9, 1.1, generator=g)
    tint = torch.empty(b, 3, 1, 1).uniform_(0.96, 1.04, generator=g)
    offset = torch.empty(b, 1, 1, 1).uniform_(-0.03, 0.03, generator=g)
    noise = torch.randn(x.shape, generator=g) * torch.empty(b, 1, 1, 1).uniform_(0, 0.03, generator=g)
    return (x * gain * tint + offset + noise).clamp(0, 1), centre


# ---------------------------------------------------------------- training

def losses(out: dict, y: dict, centre: torch.Tensor) -> tuple[torch.Tensor, dict]:
    vis = y["visible"]
    nv = vis.sum().clamp(min=1)
    ce = {k: F.cross_entropy(out[k], y[k], reduction="none") for k in ("kind", "colour")}
    cell = (centre * 16).long().clamp(0, 15)
    target = cell[:, 1] * 16 + cell[:, 0]
    heat = F.cross_entropy(out["heat"], target, reduction="none")
    l1 = (out["centre"] - centre).abs().sum(-1)
    rad = (out["radius"] - y["radius"]).abs()
    parts = {
        "setting": F.cross_entropy(out["setting"], y["setting"]),
        "kind": (ce["kind"] * vis).sum() / nv,
        "colour": (ce["colour"] * vis).sum() / nv,
        "heat": 0.3 * (heat * vis).sum() / nv,
        "centre": 5.0 * (l1 * vis).sum() / nv,
        "radius": 5.0 * (rad * vis).sum() / nv,
    }
    return sum(parts.values()), parts


@torch.no_grad()
def evaluate(det: Detector, imgs: np.ndarray, y: dict) -> dict:
    """Per-head accuracy (class and colour over visible main objects) and centre error."""
    det.eval()
    out = {k: [] for k in ("setting", "kind", "colour", "centre", "radius")}
    for i in range(0, len(imgs), 256):
        o = det(torch.from_numpy(imgs[i:i + 256]).permute(0, 3, 1, 2).float() / 255)
        for k in out:
            out[k].append(o[k])
    out = {k: torch.cat(v).numpy() for k, v in out.items()}
    vis = y["visible"] > 0
    return {
        "setting": float((out["setting"].argmax(-1) == y["setting"]).mean()),
        "kind": float((out["kind"].argmax(-1) == y["kind"])[vis].mean()),
        "colour": float((out["colour"].argmax(-1) == y["colour"])[vis].mean()),
        "centre_err": float(np.abs(out["centre"] - y["centre"]).max(-1)[vis].mean()),
        "radius_err": float(np.abs(out["radius"] - y["radius"])[vis].mean()),
    }


def _data(n: int, seed: int, cache: Path | None, log_every: int = 0):
    path = cache / f"detector_frames_v2_{n}_{seed}.npz" if cache else None
    if path and path.exists():
        d = np.load(path)
        return d["imgs"], {k: d[k] for k in d.files if k != "imgs"}
    imgs, y = render_frames(np.random.default_rng(seed), n, log_every=log_every)
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez(path, imgs=imgs, **y)
    return imgs, y


def train(n_train: int = 24000, n_val: int = 2000, steps: int = 3000, batch: int = 96, lr: float = 3e-3,
          seed: int = 0, cache: Path | None = Path("/tmp/vidloom-bench"), out: Path = WEIGHTS) -> dict:
    """Render the data, train, report held-out accuracy on fresh renders, save the weights."""
    torch.manual_seed(seed)
    t0 = time.time()
    print(f"1. rendering {n_train} training and {n_val} validation frames", flush=True)
    imgs, y = _data(n_train, seed, cache, log_every=4000)
    vimgs, vy = _data(n_val, seed + 10_000, cache)
    print(f"   done in {time.time() - t0:.0f}s", flush=True)

    det = Detector()
    print(f"2. training {sum(p.numel() for p in det.parameters()) / 1e3:.0f}K parameters for {steps} steps")
    opt = torch.optim.AdamW(det.parameters(), lr=lr, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, lr, total_steps=steps, pct_start=0.1)
    g = torch.Generator().manual_seed(seed)
    X = torch.from_numpy(imgs)
    Y = {k: torch.from_numpy(v) for k, v in y.items()}
    t1 = time.time()
    for step in range(steps):
        idx = torch.randint(len(X), (batch,), generator=g)
        x = X[idx].permute(0, 3, 1, 2).float() / 255
        yb = {k: v[idx] for k, v in Y.items()}
        x, centre = augment(x, yb["centre"], g, yb["flip_ok"])
        det.train()
        with autocast("cpu"):
            pred = det(x)
        loss, parts = losses({k: v.float() for k, v in pred.items()}, yb, centre)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        sched.step()
        if step % 500 == 0 or step == steps - 1:
            print(f"   step {step} loss {loss.item():.3f} " + " ".join(f"{k} {v.item():.3f}" for k, v in parts.items())
                  + f" ({time.time() - t1:.0f}s)", flush=True)

    print("3. held-out accuracy on fresh renders")
    acc = evaluate(det, vimgs, vy)
    print("   " + "  ".join(f"{k} {v:.3f}" for k, v in acc.items()))
    from safetensors.torch import save_file

    save_file({k: v.contiguous() for k, v in det.state_dict().items()}, str(out))
    print(f"4. saved {out} ({out.stat().st_size / 1e3:.0f} kB) in {time.time() - t0:.0f}s total")
    return acc


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description="Train or evaluate worldbench's frame detector.")
    ap.add_argument("--train", action="store_true", help="render data, train, write bench/detector.safetensors")
    ap.add_argument("--eval", action="store_true", help="accuracy of the saved weights on fresh renders")
    ap.add_argument("--steps", type=int, default=3000)
    ap.add_argument("--n-train", type=int, default=24000)
    ap.add_argument("--n-val", type=int, default=2000)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=WEIGHTS)
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    if args.train:
        train(args.n_train, args.n_val, args.steps, seed=args.seed, out=args.out)
    if args.eval or not args.train:
        vimgs, vy = render_frames(np.random.default_rng(args.seed + 20_000), args.n_val)
        acc = evaluate(load_detector(args.out), vimgs, vy)
        print("held-out accuracy on fresh renders: " + "  ".join(f"{k} {v:.3f}" for k, v in acc.items()))


if __name__ == "__main__":
    main()
