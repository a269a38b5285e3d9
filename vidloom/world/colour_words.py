"""Ground colour words on the world's palette.

MiniLM-L6 hardly knows what colour a word names ("crimson" sits nearer "purple" than
"red"), so grounding reads a colour name by its sRGB value in the XKCD colour survey and CSS
(colour_names.json, 1,048 names): the basic term of the nearest name (CIEDE2000) that already
ends in one, as "light brown" or "greenish blue" (how people named the survey's colours), not the
nearest of the world's rendered colours ("coffee" is the survey's light brown, yet nearer the
world's orange than its brown).
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np

from .vocab import COLOURS

CHROMATIC = 20.0  # Lab chroma above which a pixel that is not pale (L < PALE) is not read as black or white
PALE = 90.0


def _lab(rgb: np.ndarray) -> np.ndarray:
    """sRGB in 0..255 -> CIE Lab (D65)."""
    c = rgb / 255.0
    c = np.where(c > 0.04045, ((c + 0.055) / 1.055) ** 2.4, c / 12.92)
    xyz = c @ np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]).T
    xyz = xyz / np.array([0.9505, 1.0, 1.089])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.stack([116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]), 200 * (f[..., 1] - f[..., 2])], -1)


def ciede2000(lab1, lab2):
    """CIEDE2000 colour difference between Lab arrays (broadcasting)."""
    L1, a1, b1 = np.moveaxis(lab1, -1, 0)
    L2, a2, b2 = np.moveaxis(lab2, -1, 0)
    C1, C2 = np.hypot(a1, b1), np.hypot(a2, b2)
    Cm = (C1 + C2) / 2
    G = 0.5 * (1 - np.sqrt(Cm ** 7 / (Cm ** 7 + 25.0 ** 7)))
    a1p, a2p = a1 * (1 + G), a2 * (1 + G)
    C1p, C2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p, h2p = np.degrees(np.arctan2(b1, a1p)) % 360, np.degrees(np.arctan2(b2, a2p)) % 360
    dLp, dCp = L2 - L1, C2p - C1p
    dh = h2p - h1p
    dh = np.where(dh > 180, dh - 360, np.where(dh < -180, dh + 360, dh))
    dh = np.where(C1p * C2p == 0, 0, dh)
    dHp = 2 * np.sqrt(C1p * C2p) * np.sin(np.radians(dh / 2))
    Lpm, Cpm = (L1 + L2) / 2, (C1p + C2p) / 2
    hs = h1p + h2p
    hpm = np.where(C1p * C2p == 0, hs, np.where(np.abs(h1p - h2p) <= 180, hs / 2, np.where(hs < 360, (hs + 360) / 2, (hs - 360) / 2)))
    T = 1 - 0.17 * np.cos(np.radians(hpm - 30)) + 0.24 * np.cos(np.radians(2 * hpm)) \
        + 0.32 * np.cos(np.radians(3 * hpm + 6)) - 0.20 * np.cos(np.radians(4 * hpm - 63))
    dtheta = 30 * np.exp(-(((hpm - 275) / 25) ** 2))
    Rc = 2 * np.sqrt(Cpm ** 7 / (Cpm ** 7 + 25.0 ** 7))
    Sl = 1 + 0.015 * (Lpm - 50) ** 2 / np.sqrt(20 + (Lpm - 50) ** 2)
    Sc, Sh = 1 + 0.045 * Cpm, 1 + 0.015 * Cpm * T
    Rt = -np.sin(np.radians(2 * dtheta)) * Rc
    return np.sqrt((dLp / Sl) ** 2 + (dCp / Sc) ** 2 + (dHp / Sh) ** 2 + Rt * (dCp / Sc) * (dHp / Sh))


GREYS = ("grey", "gray")  # a basic term the world lacks: read as white or black by lightness


def _hex(value: str) -> list[int]:
    return [int(value[i:i + 2], 16) for i in (1, 3, 5)]


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Colour name -> world colour: the basic term of the nearest name that ends in one (its own, for
    "light brown" or "red"); a grey goes to white or black, whichever its lightness is nearer."""
    table = json.loads((Path(__file__).with_name("colour_names.json")).read_text())
    names = list(table)
    lab = _lab(np.array([_hex(table[n]) for n in names], dtype=float))
    basic = {n: n.replace("-", " ").split()[-1] for n in names}
    named = [i for i, n in enumerate(names) if basic[n] in COLOURS or basic[n] in GREYS]
    dist = ciede2000(lab[:, None], lab[named][None])
    out = {}
    for n, light, j in zip(names, lab[:, 0], dist.argmin(1)):
        term = basic[names[named[j]]]
        out[n] = ("white" if light >= 50 else "black") if term in GREYS else term
    return out


def nearest_world_colour(name: str) -> str | None:
    """The world colour nearest the named colour ("crimson" -> "red"), or None for a name the table lacks."""
    return _names().get(name.lower())


def world_colour_indices(rgb: np.ndarray) -> np.ndarray:
    """The index into COLOURS of the nearest world colour of each sRGB pixel [..., 3] (CIEDE2000), with
    a clearly chromatic pixel never read as black or white (the world draws no pale or dark tints)."""
    world = list(COLOURS)
    lab = _lab(np.asarray(rgb, float))
    dist = ciede2000(lab[..., None, :], _lab(np.array([COLOURS[w] for w in world], float)))
    chromatic = (np.hypot(lab[..., 1], lab[..., 2]) > CHROMATIC) & (lab[..., 0] < PALE)
    dist[..., world.index("black")] = np.where(chromatic, np.inf, dist[..., world.index("black")])
    dist[..., world.index("white")] = np.where(chromatic, np.inf, dist[..., world.index("white")])
    return dist.argmin(-1)
