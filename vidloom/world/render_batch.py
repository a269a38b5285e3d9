"""Render many scenes at once with torch, on any device: the world's training data made on a GPU.

render.render (numpy, one clip at a time) stays the reference that tests and benchmarks see. This
draws the same frames for a batch of scenes, over a window of frames and a viewport of each frame,
so a training crop costs only its own pixels. Shapes, backgrounds, motion, camera and the ambience's
random draws are render's own functions; only the rasterising is written again here, for the whole
batch at once (scenes grouped by setting, object kind and ambience, so the work is a few tensor
ops per group, not per scene or frame), and tests/world/test_render_batch.py holds the two renderers
to the same pixels. The grass grain and the stars come from torch's generator, so those match
render's in distribution only.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F

from .render import (CLOUD, FRONT, MARGIN, RAIN, SNOW, WAVE, Canvas, _ambience_draws, _background, _camera,
                     _cloud_alpha, _inside, _object_state, _wave_band)
from .scene import Scene
from .vocab import COLOURS


@dataclass(frozen=True)
class View:
    """Which part of a clip to draw: the whole frame's size and timing, the window's first frame,
    and the viewport's top-left corner in frame pixels."""

    width: int
    height: int
    fps: float = 8.0
    seconds: float = 4.0
    start: int = 0
    x0: int = 0
    y0: int = 0

    @property
    def total(self) -> int:
        return max(1, int(round(self.seconds * self.fps)))

    def progress(self, frames: int) -> tuple[np.ndarray, np.ndarray]:
        """Clip progress p in [0, 1] and time t (s) of each frame of the window, as render paces them."""
        idx = self.start + np.arange(frames)
        return idx / max(self.total - 1, 1), idx / self.fps


class TorchCanvas(Canvas):
    """render.Canvas on torch, for a batch of canvases of one size and setting (one generator per scene)."""

    def __init__(self, seeds: list[int], device: torch.device):
        self.device = device
        self.gens = [torch.Generator(device).manual_seed(int(s)) for s in seeds]

    def grid(self, h: int, w: int):
        u, v = super().grid(h, w)  # numpy's linspace, so the canvas coordinates are render's exactly
        n = len(self.gens)
        return (torch.from_numpy(u).to(self.device).expand(n, h, w),
                torch.from_numpy(v).to(self.device).expand(n, h, w))

    def normal(self, h: int, w: int):
        return torch.stack([torch.randn((h, w), generator=g, device=self.device) for g in self.gens])

    def positions(self, n: int, h: int, w: int):
        xy = torch.stack([torch.rand((2, n), generator=g, device=self.device) for g in self.gens])  # [N, 2, n]
        scene = torch.arange(len(self.gens), device=self.device)[:, None].expand(-1, n)
        return scene, (xy[:, 1] * (h - 1)).long(), (xy[:, 0] * (w - 1)).long()

    def const(self, colour):
        return torch.as_tensor(colour, dtype=torch.float32, device=self.device)

    def full(self, h: int, w: int, colour):
        return torch.zeros((len(self.gens), h, w, 3), device=self.device) + self.const(colour)

    sin = staticmethod(torch.sin)
    clip = staticmethod(torch.clamp)


def _groups(keys) -> dict:
    """Indices of the batch grouped by key."""
    out = defaultdict(list)
    for i, k in enumerate(keys):
        out[k].append(i)
    return out


@torch.no_grad()
def render_batch(scenes: list[Scene], views: list[View], frames: int, size: tuple[int, int],
                 device: str | torch.device = "cpu", group: bool | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """Frames [B, frames, h, w, 3] uint8 of each scene's view (size = (w, h) of the viewport), and every
    object's box per frame [B, frames, N, 4] (x0, y0, x1, y1 in viewport pixels; NaN where not seen).

    group: draw one kind's objects together (default on a GPU), or one object at a time, each only
    where it can reach (default on the CPU, where fewer pixels beat fewer ops).
    """
    device = torch.device(device)
    group = device.type != "cpu" if group is None else group
    b, n = len(scenes), max(len(s.objects) for s in scenes)
    span = 1 + 2 * MARGIN
    # 1. backgrounds: the canvases (one batch per setting and size), then the camera's window of each
    # resampled for every frame at once (PIL's bilinear in render: zoom >= 1 never shrinks)
    shapes = [(int(v.height * span), int(v.width * span)) for v in views]
    ch, cw = max(s[0] for s in shapes), max(s[1] for s in shapes)
    padded = torch.zeros((b, ch, cw, 3), device=device)
    for (setting, (h, w)), idx in _groups(zip((s.setting for s in scenes), shapes)).items():
        seeds = [scenes[i].seed for i in idx]
        padded[idx, :h, :w] = _background(setting, h, w, torch.tensor(seeds, device=device)[:, None, None],
                                          TorchCanvas(seeds, device))
    grid = np.stack([_camera_grid(s, v, frames, size, shape, (ch, cw)) for s, v, shape in zip(scenes, views, shapes)])
    img = F.grid_sample(padded.permute(0, 3, 1, 2), torch.from_numpy(grid).to(device), mode="bilinear",
                        padding_mode="border", align_corners=True)
    img = img.view(b, 3, frames, size[1], size[0]).permute(0, 2, 3, 4, 1).contiguous()  # [B, T, h, w, 3]
    # 2. ambience behind the objects, 3. objects back to front, 4. ambience in front
    _ambience(img, scenes, views, front=False)
    boxes = torch.full((b, frames, n, 4), float("nan"), device=device)
    for j in reversed(range(n)):
        _paint_objects(img, boxes, scenes, views, j, group)
    _ambience(img, scenes, views, front=True)
    return (img + 0.5).clamp(0, 255).to(torch.uint8), boxes


def _camera_grid(scene: Scene, view: View, frames: int, size: tuple[int, int], canvas: tuple, padded: tuple):
    """grid_sample coordinates [frames * h, w, 2] of the viewport's pixels on the padded canvas:
    render's PIL resize samples output pixel x at canvas index box_x0 + (x + 0.5) * scale - 0.5."""
    (h, w), (ph, pw), span = canvas, padded, 1 + 2 * MARGIN
    p = view.progress(frames)[0]
    pan, zoom = (np.broadcast_to(np.asarray(a, np.float64), p.shape) for a in _camera(scene.camera, p))
    half = 0.5 / zoom
    bx0, by0 = (0.5 + pan - half + MARGIN) / span * w, (0.5 - half + MARGIN) / span * h
    sx, sy = 2 * half / span * w / view.width, 2 * half / span * h / view.height
    xs, ys = view.x0 + np.arange(size[0]) + 0.5, view.y0 + np.arange(size[1]) + 0.5
    gx = (bx0[:, None] + xs * sx[:, None] - 0.5) / (pw - 1) * 2 - 1  # [T, w]
    gy = (by0[:, None] + ys * sy[:, None] - 0.5) / (ph - 1) * 2 - 1  # [T, h]
    out = np.stack(np.broadcast_arrays(gx[:, None, :], gy[:, :, None]), -1)  # [T, h, w, 2]
    return out.reshape(frames * size[1], size[0], 2).astype(np.float32)


def _paint_objects(img: torch.Tensor, boxes: torch.Tensor, scenes: list[Scene], views: list[View], j: int,
                   group: bool) -> None:
    """render._paint_object for every scene's object j (one layer, so back-to-front order holds), one
    kind at a time over the whole viewport; fills boxes[:, :, j]."""
    _, frames, vh, vw, _ = img.shape
    dev, ss = img.device, 2  # 2x2 samples per pixel, as render
    have = [i for i, s in enumerate(scenes) if len(s.objects) > j]
    keys = [(scenes[i].objects[j].kind, 0 if group else i) for i in have]
    for (kind, _), idx in _groups(keys).items():
        idx = [have[i] for i in idx]
        state = []
        for i in idx:
            scene, view, obj = scenes[i], views[i], scenes[i].objects[j]
            p = view.progress(frames)[0]
            x, y, s, a = (np.broadcast_to(np.asarray(v, np.float64), p.shape) for v in _object_state(obj, p))
            pan, zoom = (np.broadcast_to(np.asarray(v, np.float64), p.shape) for v in _camera(scene.camera, p))
            flip = -1.0 if kind in ("bird", "fish") and obj.motion == "left" else 1.0  # face the way it travels
            state.append([((x - 0.5 - pan) * zoom + 0.5) * view.width, ((y - 0.5) * zoom + 0.5) * view.height,
                          obj.size * s * zoom * min(view.width, view.height), np.cos(-a), np.sin(-a),
                          np.full_like(p, flip), np.full_like(p, view.x0), np.full_like(p, view.y0)])
        st = np.asarray(state, np.float32)  # [G, 8, T]
        # the part of the viewports any of them reaches in any frame (render: r * 1.2 around the centre)
        reach = 1.2 * st[:, 2]
        x0 = int(np.clip(np.floor((st[:, 0] - reach - st[:, 6]).min()), 0, vw))
        x1 = int(np.clip(np.ceil((st[:, 0] + reach - st[:, 6]).max()) + 1, x0, vw))
        y0 = int(np.clip(np.floor((st[:, 1] - reach - st[:, 7]).min()), 0, vh))
        y1 = int(np.clip(np.ceil((st[:, 1] + reach - st[:, 7]).max()) + 1, y0, vh))
        if x0 >= x1 or y0 >= y1:
            continue
        cx, cy, r, ca, sa, flip, ox, oy = torch.from_numpy(st).to(dev)[..., None, None].unbind(1)  # [G, T, 1, 1]
        ox, oy = ox + x0, oy + y0  # frame pixel of the part's corner
        sub_x = (torch.arange((x1 - x0) * ss, device=dev, dtype=torch.float32) + 0.5) / ss
        sub_y = (torch.arange((y1 - y0) * ss, device=dev, dtype=torch.float32) + 0.5) / ss
        X = (ox + sub_x - cx) / r  # [G, T, 1, 2w]
        Y = (oy + sub_y[:, None] - cy) / r  # [G, T, 2h, 1]
        lx, ly = (X * ca - Y * sa) * flip, X * sa + Y * ca  # [G, T, 2h, 2w]
        fill = _inside(kind, lx, ly, torch)
        edge = _inside(kind, lx / 1.14, ly / 1.14, torch)[..., None].float()
        base = torch.tensor([COLOURS[scenes[i].objects[j].colour] for i in idx], dtype=torch.float32, device=dev)
        black = torch.tensor([scenes[i].objects[j].colour == "black" for i in idx], device=dev)
        outline = torch.where(black[:, None], torch.full_like(base, 110.0), base * 0.4)[:, None, None, None]
        base = base[:, None, None, None]  # [G, 1, 1, 1, 3]
        shade = torch.clamp(1.0 + 0.16 * (-lx - ly) / 1.4, 0.75, 1.2)[..., None]
        colour = torch.where(fill[..., None], torch.clamp(base * shade, 0, 255), outline)

        def pool(a):  # [G, T, 2h, 2w, C] -> [G, T, h, w, C], the mean of each pixel's 2x2 samples
            return (a[:, :, 0::2, 0::2] + a[:, :, 0::2, 1::2] + a[:, :, 1::2, 0::2] + a[:, :, 1::2, 1::2]) / 4

        # render paints each frame inside its own reach box only, which clips a turned bird's wingtips
        px = ox + torch.arange(x1 - x0, device=dev)  # [G, T, 1, w]
        py = oy + torch.arange(y1 - y0, device=dev)[:, None]  # [G, T, h, 1]
        reach = 1.2 * r
        inside = ((px >= torch.floor(cx - reach)) & (px < torch.ceil(cx + reach) + 1)
                  & (py >= torch.floor(cy - reach)) & (py < torch.ceil(cy + reach) + 1))  # [G, T, h, w]
        alpha = pool(edge) * inside[..., None]
        col = pool(colour * edge) / alpha.clamp_min(1e-6)
        part = img[idx, :, y0:y1, x0:x1]
        img[idx, :, y0:y1, x0:x1] = part * (1 - alpha) + col * alpha
        seen = alpha[..., 0] > 0.5
        cols, rows = seen.any(2), seen.any(3)  # [G, T, w], [G, T, h]
        box = torch.stack([x0 + cols.float().argmax(2), y0 + rows.float().argmax(2),
                           x1 - cols.flip(2).float().argmax(2), y1 - rows.flip(2).float().argmax(2)], -1).float()
        boxes[idx, :, j] = torch.where(cols.any(2)[..., None], box, float("nan"))


def _ambience(img: torch.Tensor, scenes: list[Scene], views: list[View], front: bool) -> None:
    """render._ambience for every scene of the batch, from the same draws, one kind at a time.

    Overlapping flakes, streaks and twinkles blend toward one colour each, so render's one-by-one
    blending is a product per pixel: (1 - a)^hits for rain, prod(1 - glow) for twinkles.
    """
    _, frames, vh, vw, _ = img.shape
    dev = img.device
    for kind, idx in _groups(s.ambience for s in scenes).items():
        if kind == "none" or (kind in FRONT) != front:
            continue
        times = [views[i].progress(frames)[1][:, None] for i in idx]  # [T, 1] each
        draws = [_ambience_draws(kind, views[i].height, views[i].width, t, scenes[i].seed) for i, t in zip(idx, times)]
        origin = torch.tensor([[views[i].x0, views[i].y0] for i in idx], dtype=torch.float32, device=dev)
        xx = origin[:, 0, None, None, None] + torch.arange(vw, device=dev)  # [G, 1, 1, w]
        yy = origin[:, 1, None, None, None] + torch.arange(vh, device=dev)[:, None]  # [G, 1, h, 1]
        if kind == "clouds":
            clouds = np.stack([np.stack([np.stack(np.broadcast_arrays(*c), -1)[:, 0] for c in d], 1) for d in draws])
            params = torch.from_numpy(clouds.astype(np.float32)).to(dev)  # [G, T, 3 clouds, 4]
            part = img[idx]
            for c in range(params.shape[2]):
                a = _cloud_alpha(xx, yy, params[:, :, c, :, None, None].unbind(2), torch)[..., None]
                part = part * (1 - a) + CLOUD * a
            img[idx] = part
        elif kind == "waves":
            hw = torch.tensor([[views[i].height, views[i].width] for i in idx], dtype=torch.float32, device=dev)
            t = torch.from_numpy(np.stack(times).astype(np.float32)).to(dev)[..., None]  # [G, T, 1, 1]
            band = _wave_band(xx, yy, hw[:, 0, None, None, None], hw[:, 1, None, None, None], t, torch)[..., None]
            img[idx] = torch.where(band, img[idx] * 0.5 + torch.tensor(WAVE, device=dev) * 0.5, img[idx])
        elif kind == "rain":  # 5-pixel streaks: rows y..y+4, columns x + k // 2
            hits = sum(_splat(img, views, idx, [(x + k // 2, y + k, 1.0) for x, y in draws]) for k in range(5))
            keep = (0.4 ** hits)[..., None]
            img[idx] = img[idx] * keep + torch.tensor(RAIN, device=dev) * (1 - keep)
        else:  # 2x2 flakes painted over, or 2x2 stars blended toward white by their glow
            marks = [(x, y, 1.0 if kind == "snow" else np.log(np.clip(1 - d[2], 1e-12, None)))
                     for d in draws for x, y in [d[:2]]]
            total = sum(_splat(img, views, idx, [(x + dx, y + dy, v) for x, y, v in marks])
                        for dx in (0, 1) for dy in (0, 1))
            if kind == "snow":
                img[idx] = torch.where((total > 0)[..., None], torch.full_like(img[idx], SNOW), img[idx])
            else:
                keep = torch.exp(total)[..., None]
                img[idx] = img[idx] * keep + 255 * (1 - keep)


def _splat(img: torch.Tensor, views: list[View], idx: list[int], marks: list[tuple]) -> torch.Tensor:
    """Sum each mark's values at its frame pixels (xs, ys, values: arrays broadcasting to [T, M]) into
    a map [G, T, h, w] over the viewports of scenes idx."""
    _, frames, vh, vw, _ = img.shape
    flat, vals = [], []
    for g, (i, (xs, ys, values)) in enumerate(zip(idx, marks)):
        xs, ys, values = np.broadcast_arrays(xs, ys, values)
        x, y = xs - views[i].x0, ys - views[i].y0
        t = np.broadcast_to(np.arange(frames)[:, None], x.shape)
        ok = (x >= 0) & (x < vw) & (y >= 0) & (y < vh)
        flat.append((((g * frames + t) * vh + y) * vw + x)[ok])
        vals.append(values[ok])
    out = torch.zeros(len(idx) * frames * vh * vw, device=img.device)
    out.index_add_(0, torch.from_numpy(np.concatenate(flat)).to(img.device),
                   torch.from_numpy(np.concatenate(vals).astype(np.float32)).to(img.device))
    return out.view(len(idx), frames, vh, vw)
