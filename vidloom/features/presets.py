"""Style presets: named looks, each a prompt modifier plus a real grade of the finished frames."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import UserError
from ..media.grade import Grade, grade


@dataclass(frozen=True)
class Preset:
    """A named look. `modifier` is added to the prompt; `look` grades the frames afterwards."""

    name: str
    description: str
    modifier: str
    look: Grade

    def style(self, prompt: str) -> str:
        return f"{prompt}, {self.modifier}" if self.modifier else prompt

    def apply(self, frames: np.ndarray, seed: int = 0) -> np.ndarray:
        return grade(frames, self.look, seed)


SEPIA = (1.10, 0.86, 0.62)

PRESETS: dict[str, Preset] = {p.name: p for p in (
    Preset("natural", "the engine's own colours, untouched", "", Grade()),
    Preset("archival", "old film: sepia toned, grainy, dark corners", "old archival film footage",
           Grade(saturation=0.0, tint=SEPIA, contrast=0.9, lift=12, grain=7.0, vignette=0.45)),
    Preset("film-noir", "black and white, hard contrast, deep shadows", "film noir style, hard light",
           Grade(saturation=0.0, contrast=1.45, gain=0.95, grain=3.0, vignette=0.55)),
    Preset("papercraft", "flat cut-paper colours with a paper grain", "made of cut paper, papercraft",
           Grade(saturation=1.25, levels=6, grain=2.0)),
    Preset("neon", "vivid glowing colours on dark shadows", "vivid glowing light",
           Grade(saturation=1.8, contrast=1.35, gain=0.9, vignette=0.3)),
    Preset("pastel", "soft, light, washed-out colours", "soft dreamy light",
           Grade(saturation=0.55, contrast=0.7, lift=60)),
    Preset("stop-motion", "handmade animation shot on twos: stuttering frames", "stop-motion animation",
           Grade(saturation=1.1, grain=2.5, vignette=0.2, hold=2)),
)}


def get_preset(name: str | None) -> Preset:
    """A preset by name ('film noir', 'Film_Noir' and 'film-noir' are the same); None is natural."""
    key = "-".join((name or "natural").strip().lower().replace("_", " ").split())
    if key not in PRESETS:
        raise UserError(f"unknown preset {name!r}: choose one of {', '.join(PRESETS)}")
    return PRESETS[key]
