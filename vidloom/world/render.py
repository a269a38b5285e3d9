"""Render a Scene to RGB frames, with per-frame ground truth for every object."""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PIL import Image

from .scene import Scene, WorldObject
from .vocab import COLOURS

MARGIN = 0.25  # the background canvas reaches this far past the frame, for pans and zooms


@dataclass
class Truth:
    """Where every object is in every frame (pixels), and what it is."""

    centers: np.ndarray  # [T, N, 2] x, y
    boxes: np.ndarray  # [T, N, 4] x0, y0, x1, y1 (NaN where invisible)
    scales: np.ndarray  # [T, N] radius in pixels
    kinds: tuple[str, ...]
    colours: tuple[str, ...]
    setting: str


# ---------------------------------------------------------------- backgrounds

class Canvas:
    """The array operations a background is painted with: numpy and the scene's seeded generator.

    render_batch paints the same settings with torch (TorchCanvas); its grain and star positions come
    from torch's generator, so they match these in distribution, not pixel for pixel.
    """

    def __init__(self, seed: int):
        self.rng = np.random.default_rng(seed)

    def grid(self, h: int, w: int):
        """u, v: canvas coordinates in frame fractions, [h, w] each."""
        u = np.linspace(-MARGIN, 1 + MARGIN, w, dtype=np.float32)[None, :].repeat(h, 0)
        v = np.linspace(-MARGIN, 1 + MARGIN, h, dtype=np.float32)[:, None].repeat(w, 1)
        return u, v

    def normal(self, h: int, w: int):
        return self.rng.normal(0, 1, (h, w)).astype(np.float32)

    def positions(self, n: int, h: int, w: int):
        """An index of n random pixels (rows, columns), for one-pixel stars."""
        xs = self.rng.uniform(0, w - 1, n).astype(int)
        ys = self.rng.uniform(0, h - 1, n).astype(int)
        return ys, xs

    def const(self, colour):
        return np.asarray(colour, np.float32)

    def full(self, h: int, w: int, colour):
        return np.zeros((h, w, 3), np.float32) + self.const(colour)

    sin = staticmethod(np.sin)
    clip = staticmethod(np.clip)


def _gradient(ops: Canvas, v, top, bottom):
    t = ops.clip(v, 0.0, 1.0)[..., None]
    return ops.const(top) * (1 - t) + ops.const(bottom) * t


def _dots(ops: Canvas, img, n: int, colour) -> None:
    """Scatter n one-pixel dots over the canvas (stars)."""
    img[ops.positions(n, *img.shape[-3:-1])] = ops.const(colour)


def _background(setting: str, h: int, w: int, seed, ops: Canvas | None = None):
    """The setting painted on a canvas [h, w, 3] that spans [-MARGIN, 1+MARGIN] of the frame.

    With render_batch's TorchCanvas, a batch of canvases [N, h, w, 3], and seed the scenes' seeds [N, 1, 1].
    """
    ops = ops or Canvas(seed)
    u, v = ops.grid(h, w)
    grain = ops.normal(h, w)[..., None]
    star_n = int(h * w / 260)
    if setting == "blue sky":
        img = _gradient(ops, v / 1.2, (60, 120, 215), (170, 210, 245))
    elif setting == "sunset":
        img = _gradient(ops, v / 0.75, (70, 40, 120), (250, 150, 70))
        sun = (u - 0.68) ** 2 + (v - 0.6) ** 2 < 0.1 ** 2
        img[sun] = ops.const((255, 225, 120))
        ground = v > 0.72
        img[ground] = _gradient(ops, (v[ground] - 0.72) * 2, (90, 40, 60), (40, 20, 35))
    elif setting == "night sky":
        img = _gradient(ops, v, (8, 12, 40), (30, 40, 95))
        _dots(ops, img, star_n, (235, 235, 250))
    elif setting == "ocean":
        img = _gradient(ops, v / 0.45, (120, 180, 235), (185, 220, 245))
        sea = v > 0.45
        img[sea] = _gradient(ops, (v[sea] - 0.45) * 1.5, (30, 110, 170), (10, 50, 110))
        crest = sea & (ops.sin(u * 40 + ops.sin(v * 9) * 2 + v * 90) > 0.93)
        img[crest] = img[crest] * 0.6 + 0.4 * ops.const((190, 225, 245))
    elif setting == "grass field":
        img = _gradient(ops, v / 0.55, (110, 170, 235), (190, 225, 250))
        field = v > 0.55
        img[field] = _gradient(ops, (v[field] - 0.55) * 1.5, (80, 170, 60), (35, 105, 35))
        img[field] += grain[field] * 6
    elif setting == "desert":
        img = _gradient(ops, v / 0.6, (150, 195, 235), (215, 225, 235))
        horizon = 0.58 + 0.04 * ops.sin(u * 7 + seed % 7)
        sand = v > horizon
        img[sand] = _gradient(ops, (v[sand] - 0.58) * 1.5, (235, 200, 130), (200, 150, 85))
        shade = sand & (ops.sin(u * 11 + v * 25) > 0.6)
        img[shade] *= 0.9
    elif setting == "snow field":
        img = _gradient(ops, v / 0.6, (175, 195, 220), (215, 225, 238))
        snow = v > 0.6
        img[snow] = _gradient(ops, (v[snow] - 0.6) * 1.5, (245, 248, 252), (205, 215, 235))
    elif setting == "outer space":
        img = ops.full(h, w, (6, 6, 14))
        _dots(ops, img, star_n, (220, 220, 235))
        planet = (u - 0.1) ** 2 + (v - 0.12) ** 2 < 0.08 ** 2
        img[planet] = _gradient(ops, v[planet] * 3, (150, 110, 190), (80, 50, 120))
    elif setting == "plain studio":
        img = _gradient(ops, v, (205, 205, 210), (150, 150, 156))
        floor = v > 0.78
        img[floor] = _gradient(ops, (v[floor] - 0.78) * 2, (125, 125, 130), (100, 100, 105))
    else:
        raise ValueError(f"unknown setting {setting!r}")
    return img


# ---------------------------------------------------------------- objects

def _inside(kind: str, x, y, xp=np):
    """Shape test in object space: x right, y down, the shape fits the unit circle.

    x and y are numpy arrays, or torch tensors with xp=torch (render_batch draws the same shapes).
    """
    rho2 = x * x + y * y
    if kind == "ball":
        return rho2 < 1.0
    if kind == "box":
        return xp.maximum(xp.abs(x), xp.abs(y)) < 0.8
    if kind == "star":
        theta = xp.arctan2(y, x) + math.pi / 2
        f = (theta * 5 / (2 * math.pi)) % 1.0
        tri = xp.abs(f - 0.5) * 2
        return xp.sqrt(rho2) < 0.42 + 0.58 * tri ** 2
    if kind == "heart":
        X, Y = x * 1.2, -y * 1.2 + 0.2
        return (X * X + Y * Y - 1) ** 3 - X * X * Y ** 3 < 0
    if kind == "triangle":
        return (y <= 0.55) & (1.732 * x - y <= 1) & (-1.732 * x - y <= 1)
    if kind == "ring":
        return (rho2 < 1.0) & (rho2 > 0.5 ** 2)
    if kind == "bird":
        body = (x / 0.5) ** 2 + (y / 0.28) ** 2 < 1
        wings = (xp.abs(y - (-0.6 * xp.abs(x) + 0.05)) < 0.16) & (xp.abs(x) < 1.0)
        head = (x - 0.5) ** 2 + (y + 0.12) ** 2 < 0.2 ** 2
        return body | wings | head
    if kind == "fish":
        body = ((x - 0.2) / 0.78) ** 2 + (y / 0.5) ** 2 < 1
        tail = (x < -0.45) & (x > -1.0) & (xp.abs(y) < (-0.45 - x) * 1.1 + 0.05)
        return body | tail
    raise ValueError(f"unknown object {kind!r}")


def _object_state(obj: WorldObject, p):
    """x, y (frame fractions), scale factor and angle at clip progress p in [0, 1] (a float, or an array
    of frames' progress: then each comes back as an array or a constant)."""
    x, y, scale, angle = obj.x, obj.y, 1.0, 0.0
    m = obj.motion
    if m == "left":
        x -= 0.45 * p
    elif m == "right":
        x += 0.45 * p
    elif m == "up":
        y -= 0.4 * p
    elif m == "down":
        y += 0.4 * p
    elif m == "falls":
        y += 0.5 * p * p
    elif m == "rises":
        y -= 0.5 * (1 - (1 - p) ** 2)
    elif m == "bounces":
        y = 0.72 - 0.4 * abs(np.sin(2 * np.pi * p))
    elif m == "spins":
        angle = 2 * np.pi * 1.25 * p
    elif m == "grows":
        scale = 0.6 + 0.9 * p
    elif m == "shrinks":
        scale = 1.5 - 0.9 * p
    elif m == "circles":
        x = 0.5 + 0.22 * np.cos(2 * np.pi * p + np.pi)
        y = 0.5 + 0.22 * np.sin(2 * np.pi * p + np.pi)
    elif m == "zigzags":
        x += 0.45 * p
        y += 0.12 * (abs((3 * p) % 2 - 1) * 2 - 1)
    return x, y, scale, angle


def _paint_object(img: np.ndarray, obj: WorldObject, cx: float, cy: float, r: float, angle: float):
    """Draw one object (anti-aliased, outlined, shaded) and return its box or None."""
    h, w = img.shape[:2]
    reach = r * 1.2
    x0, x1 = int(np.floor(cx - reach)), int(np.ceil(cx + reach)) + 1
    y0, y1 = int(np.floor(cy - reach)), int(np.ceil(cy + reach)) + 1
    cx0, cx1, cy0, cy1 = max(x0, 0), min(x1, w), max(y0, 0), min(y1, h)
    if cx0 >= cx1 or cy0 >= cy1:
        return None
    ss = 2  # supersampling for anti-aliased edges
    gx = (np.arange(cx0 * ss, cx1 * ss, dtype=np.float32) + 0.5) / ss - cx
    gy = (np.arange(cy0 * ss, cy1 * ss, dtype=np.float32) + 0.5) / ss - cy
    X, Y = np.meshgrid(gx / r, gy / r)
    ca, sa = np.cos(-angle), np.sin(-angle)
    lx, ly = X * ca - Y * sa, X * sa + Y * ca
    if obj.kind in ("bird", "fish") and obj.motion == "left":
        lx = -lx  # face the way it travels
    fill = _inside(obj.kind, lx, ly)
    edge = _inside(obj.kind, lx / 1.14, ly / 1.14)
    base = np.asarray(COLOURS[obj.colour], np.float32)
    outline = np.array((110, 110, 110), np.float32) if obj.colour == "black" else base * 0.4
    shade = np.clip(1.0 + 0.16 * (-lx - ly) / 1.4, 0.75, 1.2)[..., None]
    colour = np.clip(base * shade, 0, 255)
    colour = np.where(fill[..., None], colour, outline)
    hh, ww = cy1 - cy0, cx1 - cx0

    def pool(a):
        return a.reshape(hh, ss, ww, ss, *a.shape[2:]).mean((1, 3))

    alpha = pool(edge.astype(np.float32))[..., None]
    col = pool(colour * edge[..., None]) / np.maximum(alpha, 1e-6)
    patch = img[cy0:cy1, cx0:cx1]
    img[cy0:cy1, cx0:cx1] = patch * (1 - alpha) + col * alpha
    ys, xs = np.nonzero(alpha[..., 0] > 0.5)
    if len(xs) == 0:
        return None
    return (cx0 + xs.min(), cy0 + ys.min(), cx0 + xs.max() + 1, cy0 + ys.max() + 1)


# ---------------------------------------------------------------- ambience

FRONT = ("snow", "rain")  # drawn over the objects; clouds, twinkles and waves sit behind them
CLOUD, SNOW, RAIN, WAVE = 250, 250, (170, 180, 210), (200, 230, 250)


def _ambience_draws(kind: str, h: int, w: int, t, seed: int):
    """Where the ambience's random parts are at time t, in frame pixels: render and render_batch share these.
    t is a float, or the frames' times [T, 1]: then what moves comes back per frame, [T, n]."""
    rng = np.random.default_rng(seed + 17)
    if kind == "clouds":  # (centre x, centre y, radius x, radius y) of each of three clouds
        clouds = []
        for _ in range(3):
            cu, cv = rng.uniform(-0.2, 1.0), rng.uniform(0.05, 0.35)
            cu = (cu + 0.06 * t + 0.2) % 1.4 - 0.2
            rx, ry = rng.uniform(0.12, 0.2) * w, rng.uniform(0.04, 0.07) * h
            clouds.append((cu * w, cv * h, rx, ry))
        return clouds
    if kind == "snow":  # top-left corners of 2x2 flakes
        n = int(h * w / 180)
        xs = rng.uniform(0, 1, n)
        ys = (rng.uniform(0, 1, n) + t * rng.uniform(0.12, 0.25, n)) % 1.0
        xs = (xs + 0.02 * np.sin(t * 2 + ys * 10)) % 1.0
        return (xs * (w - 2)).astype(int), (ys * (h - 2)).astype(int)
    if kind == "rain":  # tops of 5-pixel streaks
        n = int(h * w / 150)
        xs = rng.uniform(0, 1, n)
        ys = (rng.uniform(0, 1, n) + t * 0.9) % 1.0
        return (xs * (w - 3)).astype(int), (ys * (h - 6)).astype(int)
    if kind == "twinkle":  # top-left corners of 2x2 stars and their glow in [0, 1]
        n = int(h * w / 300)
        xs = (rng.uniform(0, 1, n) * (w - 2)).astype(int)
        ys = (rng.uniform(0, 0.6, n) * (h - 2)).astype(int)
        phase = rng.uniform(0, 2 * np.pi, n)
        return xs, ys, 0.5 + 0.5 * np.sin(t * 5 + phase)
    return None


def _cloud_alpha(xx, yy, cloud, xp=np):
    cx, cy, rx, ry = cloud
    d = ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2
    return xp.clip(1.3 - d, 0, 1) * 0.85


def _wave_band(xx, yy, h: int, w: int, t: float, xp=np):
    return (yy > h * 0.7) & (xp.sin(xx / w * 25 + t * 3 + yy / h * 60) > 0.85)


def _ambience(img: np.ndarray, kind: str, t: float, rng_seed: int, front: bool) -> None:
    """Weather and sky effects; clouds sit behind objects, the rest in front."""
    if kind == "none" or (kind in FRONT) != front:
        return
    h, w = img.shape[:2]
    draws = _ambience_draws(kind, h, w, t, rng_seed)
    if kind == "clouds":
        yy, xx = np.ogrid[:h, :w]
        for cloud in draws:
            a = _cloud_alpha(xx, yy, cloud)[..., None]
            img[:] = img * (1 - a) + CLOUD * a
    elif kind == "snow":
        for x, y in zip(*draws):
            img[y:y + 2, x:x + 2] = SNOW
    elif kind == "rain":
        for x, y in zip(*draws):
            for k in range(5):
                img[y + k, x + k // 2] = img[y + k, x + k // 2] * 0.4 + np.array(RAIN) * 0.6
    elif kind == "twinkle":
        for x, y, g in zip(*draws):
            img[y:y + 2, x:x + 2] = img[y:y + 2, x:x + 2] * (1 - g) + 255 * g
    elif kind == "waves":
        yy, xx = np.mgrid[:h, :w].astype(np.float32)
        band = _wave_band(xx, yy, h, w, t)
        img[band] = img[band] * 0.5 + np.array(WAVE) * 0.5


# ---------------------------------------------------------------- camera and clip

def _camera(camera: str, p):
    """Camera centre offset (frame fractions) and zoom at progress p (a float, or an array as in _object_state)."""
    if camera == "pan left":
        return -0.2 * p, 1.0
    if camera == "pan right":
        return 0.2 * p, 1.0
    if camera == "zoom in":
        return 0.0, 1.0 + 0.35 * p
    if camera == "zoom out":
        return 0.0, 1.35 - 0.35 * p
    return 0.0, 1.0


def render(scene: Scene, width: int = 128, height: int = 128, fps: float = 8.0,
           seconds: float = 4.0, window: tuple[int, int] | None = None) -> tuple[np.ndarray, Truth]:
    """Frames [T, H, W, 3] uint8 and their ground truth.

    window=(start, stop) renders only those frames of the clip (for training crops).
    """
    total = max(1, int(round(seconds * fps)))
    start, stop = window or (0, total)
    n_frames = stop - start
    span = 1 + 2 * MARGIN
    canvas = _background(scene.setting, int(height * span), int(width * span), scene.seed)
    canvas_img = [Image.fromarray(canvas[..., c]) for c in range(3)]  # float 'F' planes
    short = min(width, height)
    n = len(scene.objects)
    centers = np.full((n_frames, n, 2), np.nan, np.float32)
    boxes = np.full((n_frames, n, 4), np.nan, np.float32)
    scales = np.zeros((n_frames, n), np.float32)
    frames = np.empty((n_frames, height, width, 3), np.uint8)
    static_bg = None
    for i in range(n_frames):
        p = (start + i) / max(total - 1, 1)
        t = (start + i) / fps
        pan, zoom = _camera(scene.camera, p)
        if static_bg is None or scene.camera != "static":
            # 1. crop the visible window of the canvas and scale it to the frame
            half = 0.5 / zoom
            box = ((0.5 + pan - half + MARGIN) / span * canvas.shape[1], (0.5 - half + MARGIN) / span * canvas.shape[0],
                   (0.5 + pan + half + MARGIN) / span * canvas.shape[1], (0.5 + half + MARGIN) / span * canvas.shape[0])
            bg = np.stack([np.asarray(c.resize((width, height), Image.BILINEAR, box=box)) for c in canvas_img], -1)
            if scene.camera == "static":
                static_bg = bg
        img = (static_bg if static_bg is not None else bg).copy()
        # 2. ambience behind the objects, 3. objects back to front, 4. ambience in front
        _ambience(img, scene.ambience, t, scene.seed, front=False)
        for j in reversed(range(n)):
            obj = scene.objects[j]
            x, y, s, a = _object_state(obj, p)
            sx = ((x - 0.5 - pan) * zoom + 0.5) * width
            sy = ((y - 0.5) * zoom + 0.5) * height
            r = obj.size * s * zoom * short
            b = _paint_object(img, obj, sx, sy, r, a)
            centers[i, j] = (sx, sy)
            scales[i, j] = r
            if b is not None:
                boxes[i, j] = b
        _ambience(img, scene.ambience, t, scene.seed, front=True)
        frames[i] = np.clip(img + 0.5, 0, 255).astype(np.uint8)
    truth = Truth(centers, boxes, scales, tuple(o.kind for o in scene.objects),
                  tuple(o.colour for o in scene.objects), scene.setting)
    return frames, truth
