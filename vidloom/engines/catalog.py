"""What each engine can do, known without loading it (and without torch): the one lookup by model name.

The built-in model's capabilities are fixed; a registered open-weight model's come from its
registry entry, its family's facts (FAMILIES, the one family table the adapters use too) and
the pipeline class and configs in its folder. The API checks requests against this, before
queueing, for the engine the worker will run.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import UserError
from ..spec import DEFAULT_ENGINE
from .base import Capabilities
from .registry import ModelEntry, load_registry

BUILTIN = Capabilities(
    text_to_video=True, conditioning_frames=True, video_to_video=True,
    sizes={"16:9": (224, 128), "1:1": (128, 128), "9:16": (128, 224)},
    max_seconds=16.0, native_fps=8,
)


@dataclass(frozen=True)
class Family:
    """A family's fixed facts: its native tier, frame grid and defaults."""

    native_fps: int
    frame_step: int  # frames = frame_step * k + 1
    size_step: int
    max_frames: int
    resolution: int  # short side of the native tier
    default_steps: int
    default_guidance: float
    sizes: dict[str, tuple[int, int]] | None = None  # the published sizes of the native tier, if not computed


FAMILIES: dict[str, Family] = {
    "wan": Family(native_fps=16, frame_step=4, size_step=16, max_frames=81, resolution=480, default_steps=30,
                  default_guidance=5.0, sizes={"16:9": (832, 480), "1:1": (624, 624), "9:16": (480, 832)}),
    # Wan 2.2 TI2V-5B: its VAE compresses 16x, so sizes sit on a 32 grid; 24 fps
    "wan-ti2v": Family(native_fps=24, frame_step=4, size_step=32, max_frames=121, resolution=704, default_steps=30,
                       default_guidance=5.0, sizes={"16:9": (1280, 704), "1:1": (960, 960), "9:16": (704, 1280)}),
    "ltx": Family(native_fps=24, frame_step=8, size_step=32, max_frames=257, resolution=512, default_steps=40,
                  default_guidance=3.0),
    "cogvideox": Family(native_fps=8, frame_step=4, size_step=16, max_frames=49, resolution=480, default_steps=50,
                        default_guidance=6.0, sizes={"16:9": (720, 480), "1:1": (480, 480), "9:16": (480, 720)}),
    "hunyuan": Family(native_fps=24, frame_step=4, size_step=16, max_frames=129, resolution=720, default_steps=50,
                      default_guidance=6.0),
}


def names() -> list[str]:
    """Every engine this install can run: the built-in model, then the registered ones."""
    return [DEFAULT_ENGINE, *sorted(load_registry())]


def capabilities(name: str) -> Capabilities:
    """What the engine `name` can do; UserError (param `model`) for a name that is not an engine here."""
    if name == DEFAULT_ENGINE:
        return BUILTIN
    entries = load_registry()
    if name not in entries:
        raise UserError(f"unknown model {name!r}: choose one of {', '.join(names())}", param="model")
    return describe(entries[name])


def sizes(entry: ModelEntry, family: Family) -> dict[str, tuple[int, int]]:
    """aspect -> (width, height) at the entry's resolution (short side), on the size grid."""
    if entry.resolution is None and family.sizes:
        return dict(family.sizes)
    short = entry.resolution or family.resolution
    step = family.size_step
    s = max(step, short // step * step)
    long = max(step, round(short * 16 / 9 / step) * step)
    return {"16:9": (long, s), "1:1": (s, s), "9:16": (s, long)}


def _config(folder: Path, component: str) -> dict:
    path = folder / component / "config.json"
    return json.loads(path.read_text()) if path.is_file() else {}


def wan_kind(index: dict) -> str:
    """vace, i2v, ti2v (Wan 2.2 5B, expand_timesteps) or t2v, from a Wan folder's model_index.json."""
    cls = index.get("_class_name")
    if cls == "WanVACEPipeline":
        return "vace"
    if cls == "WanImageToVideoPipeline":
        return "i2v"
    return "ti2v" if index.get("expand_timesteps") else "t2v"


def family_of(entry: ModelEntry, index: dict) -> Family:
    """The family facts that hold for this folder (Wan TI2V-5B has its own)."""
    if entry.family == "wan" and wan_kind(index) == "ti2v":
        return FAMILIES["wan-ti2v"]
    return FAMILIES[entry.family]


def describe(entry: ModelEntry) -> Capabilities:
    """A registered model's capabilities from its folder's pipeline class and configs (no weights loaded)."""
    folder = Path(entry.path)
    index = json.loads((folder / "model_index.json").read_text())
    cls = index.get("_class_name")
    family = family_of(entry, index)
    fps = entry.fps or family.native_fps
    base = Capabilities(text_to_video=False, conditioning_frames=False, sizes=sizes(entry, family),
                        max_seconds=round(family.max_frames / fps, 2), native_fps=fps,
                        frame_step=family.frame_step, size_step=family.size_step)
    if entry.family == "wan":
        kind = wan_kind(index)
        two_experts = (index.get("transformer_2") or [None])[0] is not None
        config = _config(folder, "transformer") or _config(folder, "transformer_2")
        flf = config.get("image_dim") is not None and config.get("pos_embed_seq_len") is not None
        takes_last = config.get("image_dim") is None or flf
        return replace(base, text_to_video=kind != "i2v", conditioning_frames=kind == "vace",
                       first_frame=kind in ("i2v", "ti2v"), last_frame=kind == "i2v" and takes_last,
                       video_to_video=kind == "t2v" and not two_experts)
    if entry.family == "ltx":
        return replace(base, text_to_video=True, conditioning_frames=True, first_frame=True, last_frame=True,
                       video_to_video=True)
    if entry.family == "cogvideox":
        image_model = cls == "CogVideoXImageToVideoPipeline"
        caps = replace(base, text_to_video=not image_model, first_frame=image_model, video_to_video=not image_model)
        config = _config(folder, "transformer")
        if config.get("use_learned_positional_embeddings"):  # trained positions: one size only
            scale = 2 ** (len(_config(folder, "vae").get("block_out_channels", [0] * 4)) - 1)
            w, h = config["sample_width"] * scale, config["sample_height"] * scale
            caps = replace(caps, sizes={"16:9" if w > h else "9:16" if w < h else "1:1": (w, h)})
        return caps
    image_model = cls == "HunyuanVideoImageToVideoPipeline"  # hunyuan
    return replace(base, text_to_video=not image_model, first_frame=image_model)
