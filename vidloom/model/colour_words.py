"""Ground colour words on the world's palette.

MiniLM-L6 hardly knows what colour a word names ("crimson" sits nearer "purple" than
"red"), so before encoding we replace colour words that describe an object with the
nearest of the world's ten colours by CIEDE2000 colour difference. The names and their sRGB
values come from the XKCD colour survey and CSS (colour_names.json, 1,000 names).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Callable

import numpy as np

from ..world.vocab import COLOURS

MODIFIERS = {"dark", "light", "bright", "pale", "deep", "vivid", "dull", "soft", "pastel", "hot"}


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


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Colour name -> nearest world colour."""
    table = json.loads((Path(__file__).with_name("colour_names.json")).read_text())
    names = list(table)
    rgb = np.array([[int(table[n][i:i + 2], 16) for i in (1, 3, 5)] for n in names], dtype=float)
    world = list(COLOURS)
    dist = ciede2000(_lab(rgb)[:, None], _lab(np.array([COLOURS[w] for w in world], float))[None])
    return {n: world[i] for n, i in zip(names, dist.argmin(1))}


def nearest_world_colour(name: str) -> str | None:
    return _names().get(name.lower())


def _colour_of(phrase: str, names: dict[str, str]) -> str | None:
    """The world colour a (one- or two-word) colour name means, or None."""
    phrase = re.sub(r"-(coloured|colored|tinted|hued|ish)$", "", phrase)  # "pumpkin-coloured"
    parts = phrase.split()
    if len(parts) == 2 and parts[1] in COLOURS:  # "dark green", "sky blue": the hue word decides
        return parts[1]
    if len(parts) == 2 and parts[0] in MODIFIERS:
        return names.get(parts[1])
    return names.get(phrase)


def ground_colours(prompt: str, is_object: Callable[[str], bool], keep: set[str] = frozenset()) -> str:
    """Rewrite colour words that stand right before an object noun as world colours.

    "a crimson sphere" -> "a red sphere"; words in `keep` (the captioner's own words,
    such as "snow" or "ocean") and colour names used as places ("over the sea") stay.
    """
    names = _names()
    words = re.findall(r"[\w'-]+|[^\w\s]", prompt)
    out: list[str] = []
    i = 0
    while i < len(words):
        w = words[i].lower()
        for span in (2, 1):  # two-word names first: "sky blue", "dark red"
            phrase = " ".join(x.lower() for x in words[i:i + span])
            nxt = words[i + span] if i + span < len(words) else ""
            colour = _colour_of(phrase, names)
            if colour and phrase not in COLOURS and w not in keep and nxt.isalpha() and is_object(nxt):
                if out and out[-1].lower() in ("a", "an"):  # keep the article right: "an emerald" -> "a green"
                    out[-1] = out[-1][0] + ("n" if colour[0] in "aeiou" else "")
                out.append(colour)
                i += span
                break
        else:
            out.append(words[i])
            i += 1
    return re.sub(r" ([^\w\s'-])", r"\1", " ".join(out))
