"""Render many scenes at once with torch, on any device: the world's training data made on a GPU.

render.render (numpy, one clip at a time) stays the reference that tests and benchmarks see. This
draws the same frames for a batch of scenes, over a window of frames and a viewport of each frame,
so a training crop costs only its own pixels. Shapes, backgrounds, motion, camera and the ambience's
random draws are render's own functions; only the rasterising is written again here, vectorised over
frames, and tests/world/test_render_batch.py holds the two renderers to the same pixels. The grass
grain and the stars come from torch's generator, so those match render's in distribution only.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F

from .render import (CLOUD, FRONT, MARGIN, RAIN, SNOW, WAVE, Canvas, _ambience_draws, _background, _camera,
                     _cloud_alpha, _inside, _object_state, _wave_band)
from .scene import Scene
from .vocab import COLOURS

SUPERSAMPLE = 2  # as render._paint_object: 2x2 samples per pixel for anti-aliased edges


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


class TorchCanvas(Canvas):
    """render.Canvas on torch: the same settings painted on the device."""

    def __init__(self, seed: int, device: torch.device):
        self.device = device
        self.gen = torch.Generator(device).manual_seed(seed)

    def grid(self, h: int, w: int):
        u, v = super().grid(h, w)  # numpy's linspace, so the canvas coordinates are render's exactly
        return torch.from_numpy(u).to(self.device), torch.from_numpy(v).to(self.device)

    def normal(self, h: int, w: int):
        return torch.randn((h, w), generator=self.gen, device=self.device)

    def positions(self, n: int, h: int, w: int):
        xy = torch.rand((2, n), generator=self.gen, device=self.device)
        return (xy[1] * (h - 1)).long(), (xy[0] * (w - 1)).long()

    def const(self, colour):
        return torch.as_tensor(colour, dtype=torch.float32, device=self.device)

    def full(self, h: int, w: int, colour):
        return torch.zeros((h, w, 3), device=self.device) + self.const(colour)

    sin = staticmethod(torch.sin)
    clip = staticmethod(torch.clamp)


@torch.no_grad()
def render_batch(scenes: list[Scene], views: list[View], frames: int, size: tuple[int, int],
                 device: str | torch.device = "cpu") -> tuple[torch.Tensor, torch.Tensor]:
    """Frames [B, frames, h, w, 3] uint8 of each scene's view (size = (w, h) of the viewport), and every
    object's box per frame [B, frames, N, 4] (x0, y0, x1, y1 in viewport pixels; NaN where not seen).
    """
    device = torch.device(device)
    vw, vh = size
    b, n = len(scenes), max(len(s.objects) for s in scenes)
    # 1. backgrounds: each canvas, then the camera's window of it resampled for every frame at once
    canvases = [_background(s.setting, int(v.height * (1 + 2 * MARGIN)), int(v.width * (1 + 2 * MARGIN)), s.seed,
                            TorchCanvas(s.seed, device)) for s, v in zip(scenes, views)]
    ch, cw = max(c.shape[0] for c in canvases), max(c.shape[1] for c in canvases)
    padded = torch.zeros((b, 3, ch, cw), device=device)
    for i, c in enumerate(canvases):
        padded[i, :, :c.shape[0], :c.shape[1]] = c.permute(2, 0, 1)
    grid = torch.stack([_camera_grid(s, v, frames, vw, vh, c.shape, (ch, cw))
                        for s, v, c in zip(scenes, views, canvases)]).to(device)
    img = F.grid_sample(padded, grid, mode="bilinear", padding_mode="border", align_corners=True)
    img = img.view(b, 3, frames, vh, vw).permute(0, 2, 3, 4, 1).contiguous()  # [B, T, h, w, 3]
    boxes = torch.full((b, frames, n, 4), float("nan"), device=device)
    for i, (scene, view) in enumerate(zip(scenes, views)):
        # 2. ambience behind the objects, 3. objects back to front, 4. ambience in front
        _ambience(img[i], scene, view, front=False)
        for j in reversed(range(len(scene.objects))):
            boxes[i, :, j] = _paint_object(img[i], scene, j, view)
        _ambience(img[i], scene, view, front=True)
    return (img + 0.5).clamp(0, 255).to(torch.uint8), boxes


def _progress(view: View, frames: int) -> tuple[np.ndarray, np.ndarray]:
    """Clip progress p in [0, 1] and time t (s) of each frame of the window, as render paces them."""
    idx = view.start + np.arange(frames)
    return idx / max(view.total - 1, 1), idx / view.fps


def _camera_grid(scene: Scene, view: View, frames: int, vw: int, vh: int, canvas: tuple, padded: tuple):
    """grid_sample coordinates [frames * h, w, 2] of the viewport's pixels on the padded canvas.

    render crops the window with PIL's bilinear resize, which (zoom >= 1: never shrinking) samples
    output pixel x at canvas index box_x0 + (x + 0.5) * scale - 0.5.
    """
    (h, w), (ph, pw) = canvas[:2], padded
    span = 1 + 2 * MARGIN
    xs = view.x0 + np.arange(vw) + 0.5
    ys = view.y0 + np.arange(vh) + 0.5
    out = np.empty((frames, vh, vw, 2), np.float32)
    for i, p in enumerate(_progress(view, frames)[0]):
        pan, zoom = _camera(scene.camera, p)
        half = 0.5 / zoom
        bx0, by0 = (0.5 + pan - half + MARGIN) / span * w, (0.5 - half + MARGIN) / span * h
        sx, sy = 2 * half / span * w / view.width, 2 * half / span * h / view.height
        out[i, :, :, 0] = ((bx0 + xs * sx - 0.5) / (pw - 1) * 2 - 1)[None, :]
        out[i, :, :, 1] = ((by0 + ys * sy - 0.5) / (ph - 1) * 2 - 1)[:, None]
    return torch.from_numpy(out.reshape(frames * vh, vw, 2))


def _paint_object(img: torch.Tensor, scene: Scene, j: int, view: View) -> torch.Tensor:
    """render._paint_object over the viewport for every frame at once; returns the boxes [T, 4]."""
    frames, vh, vw = img.shape[:3]
    obj, dev, ss = scene.objects[j], img.device, SUPERSAMPLE
    short = min(view.width, view.height)
    state = []
    for p in _progress(view, frames)[0]:
        x, y, s, a = _object_state(obj, p)
        pan, zoom = _camera(scene.camera, p)
        state.append((((x - 0.5 - pan) * zoom + 0.5) * view.width, ((y - 0.5) * zoom + 0.5) * view.height,
                      obj.size * s * zoom * short, np.cos(-a), np.sin(-a)))
    cx, cy, r, ca, sa = (np.array(c, np.float32) for c in zip(*state))
    # only the rectangle the object can reach in any frame of the window (render: r * 1.2 around it)
    x0 = int(np.clip(np.floor((cx - 1.2 * r).min()) - view.x0, 0, vw))
    x1 = int(np.clip(np.ceil((cx + 1.2 * r).max()) + 1 - view.x0, x0, vw))
    y0 = int(np.clip(np.floor((cy - 1.2 * r).min()) - view.y0, 0, vh))
    y1 = int(np.clip(np.ceil((cy + 1.2 * r).max()) + 1 - view.y0, y0, vh))
    boxes = torch.full((frames, 4), float("nan"), device=dev)
    if x0 >= x1 or y0 >= y1:
        return boxes
    cx, cy, r, ca, sa = (torch.from_numpy(c).to(dev)[:, None, None] for c in (cx, cy, r, ca, sa))
    gx = (torch.arange((view.x0 + x0) * ss, (view.x0 + x1) * ss, device=dev, dtype=torch.float32) + 0.5) / ss
    gy = (torch.arange((view.y0 + y0) * ss, (view.y0 + y1) * ss, device=dev, dtype=torch.float32) + 0.5) / ss
    X, Y = (gx[None, None, :] - cx) / r, (gy[None, :, None] - cy) / r  # [T, 1, 2w], [T, 2h, 1]
    lx, ly = X * ca - Y * sa, X * sa + Y * ca  # [T, 2h, 2w]
    if obj.kind in ("bird", "fish") and obj.motion == "left":
        lx = -lx  # face the way it travels
    fill = _inside(obj.kind, lx, ly, torch)
    edge = _inside(obj.kind, lx / 1.14, ly / 1.14, torch)
    base = torch.tensor(COLOURS[obj.colour], dtype=torch.float32, device=dev)
    outline = torch.full((3,), 110.0, device=dev) if obj.colour == "black" else base * 0.4
    shade = torch.clamp(1.0 + 0.16 * (-lx - ly) / 1.4, 0.75, 1.2)[..., None]
    colour = torch.where(fill[..., None], torch.clamp(base * shade, 0, 255), outline)

    def pool(a):  # [T, 2h, 2w, C] -> [T, h, w, C], the mean of each pixel's 2x2 samples
        return (a[:, 0::2, 0::2] + a[:, 0::2, 1::2] + a[:, 1::2, 0::2] + a[:, 1::2, 1::2]) / 4

    # render paints each frame inside its own reach box only, which clips a turned bird's wingtips
    px = torch.arange(view.x0 + x0, view.x0 + x1, device=dev)[None, None, :]
    py = torch.arange(view.y0 + y0, view.y0 + y1, device=dev)[None, :, None]
    reach = 1.2 * r
    inside = ((px >= torch.floor(cx - reach)) & (px < torch.ceil(cx + reach) + 1)
              & (py >= torch.floor(cy - reach)) & (py < torch.ceil(cy + reach) + 1))  # [T, h, w]
    edge = edge[..., None].float()
    alpha = pool(edge) * inside[..., None]
    col = pool(colour * edge) / alpha.clamp_min(1e-6)
    patch = img[:, y0:y1, x0:x1]
    patch.mul_(1 - alpha).add_(col * alpha)
    seen = alpha[..., 0] > 0.5
    cols, rows = seen.any(1), seen.any(2)  # [T, w], [T, h]
    box = torch.stack([x0 + cols.float().argmax(1), y0 + rows.float().argmax(1),
                       x1 - cols.flip(1).float().argmax(1), y1 - rows.flip(1).float().argmax(1)], 1).float()
    return torch.where(cols.any(1)[:, None], box, boxes)


def _splat(img: torch.Tensor, view: View, xs: np.ndarray, ys: np.ndarray, values: np.ndarray) -> torch.Tensor:
    """Sum values [T, M] at frame pixels (xs, ys) [T, M] into a map [T, h, w] of the viewport."""
    frames, vh, vw = img.shape[:3]
    x, y = xs - view.x0, ys - view.y0
    t = np.broadcast_to(np.arange(frames)[:, None], x.shape)
    ok = (x >= 0) & (x < vw) & (y >= 0) & (y < vh)
    idx = torch.from_numpy(((t * vh + y) * vw + x)[ok]).to(img.device)
    out = torch.zeros(frames * vh * vw, device=img.device)
    out.index_add_(0, idx, torch.from_numpy(np.asarray(values, np.float32)[ok]).to(img.device))
    return out.view(frames, vh, vw)


def _ambience(img: torch.Tensor, scene: Scene, view: View, front: bool) -> None:
    """render._ambience over the viewport for every frame at once, from the same draws.

    Overlapping flakes, streaks and twinkles blend toward one colour each, so render's one-by-one
    blending is a product per pixel: (1 - a)^hits for rain, prod(1 - glow) for twinkles.
    """
    kind = scene.ambience
    if kind == "none" or (kind in FRONT) != front:
        return
    frames, vh, vw = img.shape[:3]
    h, w, dev = view.height, view.width, img.device
    ts = _progress(view, frames)[1]
    draws = [_ambience_draws(kind, h, w, float(t), scene.seed) for t in ts]
    xx = torch.arange(view.x0, view.x0 + vw, device=dev, dtype=torch.float32)[None, None, :]
    yy = torch.arange(view.y0, view.y0 + vh, device=dev, dtype=torch.float32)[None, :, None]
    if kind == "clouds":
        params = torch.tensor(draws, dtype=torch.float32, device=dev)  # [T, 3 clouds, 4]
        for c in range(params.shape[1]):
            a = _cloud_alpha(xx, yy, params[:, c, :, None, None].unbind(1), torch)[..., None]
            img.mul_(1 - a).add_(CLOUD * a)
    elif kind == "waves":
        t = torch.tensor(ts, dtype=torch.float32, device=dev)[:, None, None]
        band = _wave_band(xx, yy, h, w, t, torch)[..., None]
        img.copy_(torch.where(band, img * 0.5 + torch.tensor(WAVE, device=dev) * 0.5, img))
    else:
        xs, ys = (np.stack([d[k] for d in draws]) for k in (0, 1))  # [T, M]
        if kind == "rain":  # 5-pixel streaks: rows y..y+4, columns x + k // 2
            hits = sum(_splat(img, view, xs + k // 2, ys + k, np.ones(xs.shape)) for k in range(5))
            keep = (0.4 ** hits)[..., None]
            img.mul_(keep).add_(torch.tensor(RAIN, device=dev) * (1 - keep))
            return
        weight = (np.ones(xs.shape) if kind == "snow"
                  else np.log(np.clip(1 - np.stack([d[2] for d in draws]), 1e-12, None)))
        total = sum(_splat(img, view, xs + dx, ys + dy, weight) for dx in (0, 1) for dy in (0, 1))
        if kind == "snow":  # 2x2 flakes painted over
            img.copy_(torch.where((total > 0)[..., None], torch.full_like(img, SNOW), img))
        else:  # twinkle: 2x2 stars blended toward white by their glow
            keep = torch.exp(total)[..., None]
            img.mul_(keep).add_(255 * (1 - keep))
