"""The one table of open-weight families, and what a registered folder can do, read from its JSON alone.

No torch and no diffusers here: the API decides what a model can do before any model loads
(`capabilities_of(name)`), and the adapters use the same facts once loaded, so the two never disagree.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from ...errors import UserError
from ..base import Capabilities


@dataclass(frozen=True)
class Family:
    """A family's fixed facts: pipelines it runs, its native tier and frame grid, defaults and what loads."""

    pipelines: tuple[str, ...]  # model_index.json `_class_name`s the adapter runs
    transformer: str  # the diffusers transformer class (what a single-file / GGUF checkpoint loads as)
    adapter: str  # "module:Class" of the adapter in this package
    native_fps: int
    frame_step: int  # frames = frame_step * k + 1
    size_step: int
    max_frames: int
    resolution: int  # short side of the native tier
    default_steps: int
    default_guidance: float
    default_shift: float | None = None  # flow shift; None: the folder's scheduler as saved
    sizes: dict[str, tuple[int, int]] | None = None  # the published sizes of the native tier, if not computed
    lora: bool = True  # diffusers has a LoRA loader for this family's pipelines
    single_file: bool = True  # the transformer loads from one file (safetensors or GGUF)
    flags: Callable[["ModelFacts"], dict] = field(default=lambda facts: {}, compare=False, repr=False)


def _wan_flags(m: "ModelFacts") -> dict:
    """Which Wan this is, from the pipeline class and transformer config (see the README's table)."""
    kind = m.kind
    return dict(text_to_video=kind != "i2v", conditioning_frames=kind == "vace", first_frame=kind in ("i2v", "ti2v"),
                last_frame=kind == "i2v" and m.takes_last_image, needs_last_frame=kind == "i2v" and m.two_image_embeds,
                video_to_video=kind == "t2v" and not m.two_experts)


def _cogvideox_flags(m: "ModelFacts") -> dict:
    image = m.kind == "i2v"
    return dict(text_to_video=not image, conditioning_frames=False, first_frame=image, video_to_video=not image)


def _hunyuan_flags(m: "ModelFacts") -> dict:
    image = m.kind == "i2v"
    return dict(text_to_video=not image, conditioning_frames=False, first_frame=image)


def _ltx_flags(m: "ModelFacts") -> dict:
    return dict(text_to_video=True, conditioning_frames=True, first_frame=True, last_frame=True, video_to_video=True)


FAMILIES: dict[str, Family] = {
    "wan": Family(("WanPipeline", "WanImageToVideoPipeline", "WanVACEPipeline"), "WanTransformer3DModel",
                  "wan:WanEngine", native_fps=16, frame_step=4, size_step=16, max_frames=81, resolution=480,
                  default_steps=30, default_guidance=5.0,
                  sizes={"16:9": (832, 480), "1:1": (624, 624), "9:16": (480, 832)}, flags=_wan_flags),
    "ltx": Family(("LTXPipeline", "LTXConditionPipeline", "LTXImageToVideoPipeline"), "LTXVideoTransformer3DModel",
                  "ltx:LTXEngine", native_fps=24, frame_step=8, size_step=32, max_frames=257, resolution=512,
                  default_steps=40, default_guidance=3.0, flags=_ltx_flags),
    "cogvideox": Family(("CogVideoXPipeline", "CogVideoXImageToVideoPipeline"), "CogVideoXTransformer3DModel",
                        "cogvideox:CogVideoXEngine", native_fps=8, frame_step=4, size_step=16, max_frames=49,
                        resolution=480, default_steps=50, default_guidance=6.0,
                        sizes={"16:9": (720, 480), "1:1": (480, 480), "9:16": (480, 720)},
                        single_file=False, flags=_cogvideox_flags),
    "hunyuan": Family(("HunyuanVideoPipeline", "HunyuanVideoImageToVideoPipeline"), "HunyuanVideoTransformer3DModel",
                      "hunyuan:HunyuanEngine", native_fps=24, frame_step=4, size_step=16, max_frames=129,
                      resolution=720, default_steps=50, default_guidance=6.0, flags=_hunyuan_flags),
}
# Wan 2.2 TI2V-5B: its VAE compresses 16x (sizes on a 32 grid), 24 fps, 121 frames at 704p
WAN_TI2V = replace(FAMILIES["wan"], size_step=32, native_fps=24, max_frames=121, resolution=704,
                   sizes={"16:9": (1280, 704), "1:1": (960, 960), "9:16": (704, 1280)})
IMAGE_PIPELINES = {"WanImageToVideoPipeline": "i2v", "WanVACEPipeline": "vace", "CogVideoXImageToVideoPipeline": "i2v",
                   "HunyuanVideoImageToVideoPipeline": "i2v"}


def read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text())
    except OSError:
        raise UserError(f"{path} is missing: register the model folder again") from None
    except ValueError as e:
        raise UserError(f"{path} is not valid JSON ({e})") from None


@dataclass(frozen=True)
class ModelFacts:
    """What one registered folder is, from its model_index.json and component configs (no weights read)."""

    family: Family
    index: dict  # model_index.json
    folder: Path
    resolution: int | None = None  # the entry's short side (None: the family's tier)
    fps: int | None = None  # the entry's frame rate (None: the family's)

    @classmethod
    def read(cls, entry) -> "ModelFacts":
        """Facts of a ModelEntry's folder."""
        if entry.family not in FAMILIES:
            raise UserError(f"unknown model family {entry.family!r}: choose one of {', '.join(FAMILIES)}")
        folder = Path(entry.path)
        index = read_json(folder / "model_index.json")
        family = FAMILIES[entry.family]
        if entry.family == "wan" and index.get("expand_timesteps"):
            family = WAN_TI2V
        return cls(family, index, folder, entry.resolution, entry.fps)

    def config(self, component: str) -> dict:
        return read_json(self.folder / component / "config.json")

    @property
    def pipeline(self) -> str:
        return str(self.index.get("_class_name", ""))

    @property
    def kind(self) -> str:
        """t2v, ti2v (Wan 2.2 5B), i2v or vace."""
        if self.pipeline in IMAGE_PIPELINES:
            return IMAGE_PIPELINES[self.pipeline]
        return "ti2v" if self.index.get("expand_timesteps") else "t2v"

    def has(self, component: str) -> bool:
        spec = self.index.get(component)
        return isinstance(spec, list) and spec[0] is not None

    @property
    def two_experts(self) -> bool:
        """Wan 2.2 A14B: a high-noise transformer and a low-noise transformer_2."""
        return self.has("transformer_2")

    def transformer_config(self) -> dict:
        return self.config("transformer" if self.has("transformer") else "transformer_2")

    @property
    def two_image_embeds(self) -> bool:
        """Wan FLF2V embeds the first and last image together (with positions for both)."""
        config = self.transformer_config()
        return config.get("image_dim") is not None and config.get("pos_embed_seq_len") is not None

    @property
    def takes_last_image(self) -> bool:
        """Wan FLF2V, or Wan 2.2 I2V, which embeds no image and pins frames through the latent mask."""
        return self.transformer_config().get("image_dim") is None or self.two_image_embeds

    @property
    def native_fps(self) -> int:
        return self.fps or self.family.native_fps

    def sizes(self) -> dict[str, tuple[int, int]]:
        """aspect -> (width, height) at the entry's resolution (short side), on the size grid."""
        if self.resolution is None and self.family.sizes:
            return dict(self.family.sizes)
        short = self.resolution or self.family.resolution
        step = self.family.size_step
        s = max(step, short // step * step)
        long = max(step, round(short * 16 / 9 / step) * step)
        return {"16:9": (long, s), "1:1": (s, s), "9:16": (s, long)}

    def native_frames(self, seconds: float) -> int:
        """The frame count on the model's grid (step * k + 1) nearest to `seconds`."""
        step = self.family.frame_step
        k = max(1, round((seconds * self.native_fps - 1) / step))
        return min(k * step + 1, self.family.max_frames)

    def capabilities(self) -> Capabilities:
        """What this folder's model can do."""
        fam = self.family
        sizes = self.sizes()
        config = self.transformer_config() if fam is FAMILIES["cogvideox"] else {}
        if config.get("use_learned_positional_embeddings"):  # trained positions: one size only (720x480 for 5B-I2V)
            scale = 2 ** (len(self.config("vae")["block_out_channels"]) - 1)
            w, h = config["sample_width"] * scale, config["sample_height"] * scale
            sizes = {"16:9" if w > h else "9:16" if w < h else "1:1": (w, h)}
        return Capabilities(sizes=sizes, max_seconds=round(fam.max_frames / self.native_fps, 2),
                            native_fps=self.native_fps, frame_step=fam.frame_step, size_step=fam.size_step,
                            loras=fam.lora, **fam.flags(self))


def capabilities_of(name: str) -> Capabilities:
    """What a registered model can do, without loading it; UserError for an unknown name."""
    from .registry import load_registry

    entries = load_registry()
    if name not in entries:
        raise UserError(f"no model named {name!r} is registered")
    return ModelFacts.read(entries[name]).capabilities()
