"""Memory profiles: from a GPU's memory (8 ... 80 GB) to quantization, offload and VAE tiling.

The expected peak is an estimate from parameter counts (read from the safetensors headers, no
weights loaded, no torch) plus a working-memory allowance for the transformer's activations and
the VAE decode at the model's native size. The profile takes the fastest setting whose estimate
fits in 90% of the card.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from ...errors import UserError
from .families import ModelFacts
from .registry import ModelEntry, safetensors_header

GB = 1024**3
HEADROOM = 0.9  # the CUDA context, the allocator's fragmentation
BYTES = {"float32": 4, "bfloat16": 2, "float16": 2, "auto": 2}  # auto on a GPU: bfloat16
QUANTIZED_BYTES = 1  # int8 / fp8 weights
# fastest first: (quantize, offload, vae_tiling)
LADDER = (("none", "none", False), ("none", "none", True), ("int8", "none", True), ("int8", "model", True),
          ("int8", "group", True), ("int8", "sequential", True))


@dataclass(frozen=True)
class Component:
    """One part of a pipeline as far as memory goes."""

    params: int
    largest: int  # parameters of its largest tensor (what sequential offload keeps on the GPU)
    layers: int  # repeated blocks (what group offload moves one at a time)
    stored_bytes: int | None = None  # weights that stay as stored (GGUF): their size, whatever the dtype


@dataclass(frozen=True)
class MemoryPlan:
    """What a profile chooses for one model, and the peak memory it expects."""

    vram_gb: float
    quantize: str
    offload: str
    vae_tiling: bool
    weights_gb: float  # resident on the GPU at the worst moment
    working_gb: float  # activations or VAE decode at that moment
    fits: bool

    @property
    def peak_gb(self) -> float:
        return self.weights_gb + self.working_gb

    def describe(self) -> str:
        fit = "fits" if self.fits else "does NOT fit: expect out-of-memory errors"
        return (f"{self.vram_gb:g} GB: quantize {self.quantize}, offload {self.offload}, VAE tiling "
                f"{'on' if self.vae_tiling else 'off'}; expected peak {self.peak_gb:.1f} GB "
                f"(weights {self.weights_gb:.1f} + working {self.working_gb:.1f}), {fit}")


def components(entry: ModelEntry) -> dict[str, Component]:
    """Parameter counts of each weighted component of the entry's folder (and its transformer file)."""
    facts = ModelFacts.read(entry)
    found = {}
    for name in facts.index:
        folder = Path(entry.path) / name
        if name.startswith("_") or not facts.has(name) or not folder.is_dir():
            continue
        files = sorted(folder.glob("*.safetensors"))
        if name == "transformer" and entry.transformer:
            files = [Path(entry.transformer)]
        if not files:
            continue
        if files[0].suffix == ".gguf":  # quantized already: its packed size is its size in memory
            found[name] = _gguf_component(files[0], _layers(folder))
            continue
        shapes = [t["shape"] for f in files for t in safetensors_header(f).values()]
        counts = [_count(s) for s in shapes]
        found[name] = Component(sum(counts), max(counts, default=0), _layers(folder))
    return found


def _gguf_component(path: Path, layers: int) -> Component:
    try:
        from gguf import GGUFReader
    except ImportError:
        raise UserError("planning a GGUF transformer needs the gguf package: "
                        "pip install 'vidloom[diffusers]'") from None
    tensors = GGUFReader(path).tensors
    counts = [int(t.n_elements) for t in tensors]
    return Component(sum(counts), max(counts), layers, stored_bytes=sum(int(t.n_bytes) for t in tensors))


def _count(shape: list[int]) -> int:
    n = 1
    for d in shape:
        n *= d
    return n


def _layers(folder: Path) -> int:
    config = folder / "config.json"
    if not config.is_file():
        return 1
    c = json.loads(config.read_text())
    text = c.get("text_config", {}) if isinstance(c.get("text_config"), dict) else {}
    return int(c.get("num_layers") or c.get("num_hidden_layers") or text.get("num_hidden_layers") or 1)


def working_memory(entry: ModelEntry, vae_tiling: bool) -> tuple[float, float]:
    """(transformer activations, VAE decode) in GB at the native size and the longest clip, bfloat16.

    Activations: tokens x width x ~12 live tensors; decode: a few 256-channel feature maps of 4 frames at
    the output size, or of one 256x256 tile when tiled. Rough by design: it sizes a profile, not an allocator.
    """
    facts = ModelFacts.read(entry)
    fam = facts.family
    width, height = facts.sizes()["16:9"]
    spatial = 16 if fam.size_step == 32 and entry.family == "wan" else 8
    latent_frames = (fam.max_frames - 1) // 4 + 1
    tokens = latent_frames * (height // (spatial * 2)) * (width // (spatial * 2))
    config = facts.transformer_config()
    hidden = int(config.get("num_attention_heads", 16)) * int(config.get("attention_head_dim", 64))
    activations = tokens * hidden * 2 * 12 / GB
    pixels = 256 * 256 if vae_tiling else width * height
    decode = pixels * 256 * 2 * 4 * 4 / GB
    return activations, decode


def estimate(entry: ModelEntry, parts: dict[str, Component], quantize: str, offload: str, vae_tiling: bool,
             vram_gb: float) -> MemoryPlan:
    """The peak of one setting: weights resident at the worst moment plus the working memory then."""
    per = BYTES.get(entry.dtype, 2)
    sizes = {}
    for name, c in parts.items():
        quantized = quantize != "none" and name.startswith("transformer")
        sizes[name] = (c.stored_bytes or c.params * (QUANTIZED_BYTES if quantized else per)) / GB
    activations, decode = working_memory(entry, vae_tiling)
    working = max(activations, decode)
    if offload == "none":
        weights = sum(sizes.values())
    elif offload == "model":  # one component on the GPU at a time
        weights = max(sizes.values())
    elif offload == "group":  # one block of a component, plus the next one prefetched
        weights = max(2 * sizes[n] / parts[n].layers for n in sizes)
    else:  # sequential: one tensor at a time
        weights = max(2 * c.largest * per / GB for c in parts.values())
    peak = weights + working
    return MemoryPlan(vram_gb, quantize, offload, vae_tiling, round(weights, 2), round(working, 2),
                peak <= vram_gb * HEADROOM)


def plan(entry: ModelEntry, vram_gb: float, parts: dict[str, Component] | None = None) -> MemoryPlan:
    """The fastest setting of the ladder that fits `vram_gb`; the last (sequential offload) when none does."""
    parts = parts if parts is not None else components(entry)
    if not parts:
        raise UserError(f"{entry.path} has no weights to plan for")
    ladder = [step for step in LADDER if not (entry.transformer and step[0] != "none")]  # a file loads as stored
    for quantize, offload, tiling in ladder:
        chosen = estimate(entry, parts, quantize, offload, tiling, vram_gb)
        if chosen.fits:
            return chosen
    return chosen


def apply_profile(entry: ModelEntry, vram_gb: float | None) -> ModelEntry:
    """The entry with its profile's quantize, offload and VAE tiling (unchanged without a profile)."""
    if entry.vram is None or vram_gb is None:
        return entry
    chosen = plan(entry, vram_gb)
    return replace(entry, quantize=chosen.quantize, offload=chosen.offload, vae_tiling=chosen.vae_tiling)
