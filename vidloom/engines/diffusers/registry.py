"""The local model registry: open-weight models on this disk, by name, with how to run them.

Stored as JSON in $VIDLOOM_HOME/models.json (default ~/.vidloom). No torch here: listing
and adding models must stay quick, and a folder is checked by its files alone.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from ...errors import UserError
from .families import FAMILIES
from ...spec import DEFAULT_ENGINE

OFFLOADS = ("none", "model", "sequential", "group")
CACHES = ("none", "first-block", "taylorseer", "pab")
DTYPES = ("auto", "float32", "bfloat16", "float16")
QUANTIZE = ("none", "int8", "fp8")  # weight-only, on load, through diffusers' quanto back-end
VRAM = ("8", "12", "16", "24", "48", "80", "auto")  # memory profiles (GB of the GPU)
WEIGHT_SUFFIXES = (".safetensors", ".bin", ".gguf")
TOKENIZER_FILES = ("tokenizer.json", "tokenizer.model", "spiece.model", "vocab.json", "vocab.txt")
RESERVED = (DEFAULT_ENGINE,)


@dataclass(frozen=True)
class ModelEntry:
    """A registered model folder (diffusers layout) and the settings it runs with."""

    name: str
    path: str
    family: str
    device: str = "auto"  # auto: cuda when present, else cpu
    dtype: str = "auto"  # auto: bfloat16 on a GPU, float32 on the CPU
    offload: str = "none"  # none | model | sequential | group (CPU offloading of idle weights)
    vae_tiling: bool = False  # decode in tiles: less memory at high resolution
    attention: str | None = None  # a diffusers attention backend: flash, sage, _native_cudnn ...
    cache: str = "none"  # step caching: first-block, taylorseer, pab (pyramid attention broadcast)
    compile: bool = False  # torch.compile the transformer's repeated blocks
    context_parallel: int = 1  # GPUs that split the sequence (run under torchrun)
    resolution: int | None = None  # short side in pixels; None: the family's native tier
    fps: int | None = None  # None: the family's native frame rate
    transformer: str | None = None  # one file (.gguf or .safetensors) that replaces the folder's transformer
    quantize: str = "none"  # none | int8 | fp8: weight-only quantization of the transformer(s) on load
    vram: str | None = None  # a memory profile (8 ... 80 GB, or auto): it picks quantize, offload and VAE tiling

    def check(self) -> None:
        """Raise UserError naming the setting that cannot be used."""
        if self.family not in FAMILIES:
            raise UserError(f"unknown model family {self.family!r}: choose one of {', '.join(FAMILIES)}")
        for value, allowed, what in ((self.offload, OFFLOADS, "offload"), (self.cache, CACHES, "cache"),
                                     (self.dtype, DTYPES, "dtype"), (self.quantize, QUANTIZE, "quantize"),
                                     (self.vram or "auto", VRAM, "vram")):
            if value not in allowed:
                raise UserError(f"unknown {what} setting {value!r}: choose one of {', '.join(allowed)}")
        if self.attention and self.attention.endswith("_hub"):
            raise UserError(f"attention backend {self.attention!r} downloads kernels: choose a local one")
        if self.context_parallel < 1:
            raise UserError("context parallelism must be 1 or more GPUs")
        if self.resolution is not None and not 16 <= self.resolution <= 2160:
            raise UserError(f"resolution {self.resolution} is out of range: choose 16 to 2160 pixels")
        if self.fps is not None and not 1 <= self.fps <= 60:
            raise UserError(f"fps {self.fps} is out of range: choose 1 to 60")
        if self.transformer is not None:
            family = FAMILIES[self.family]
            if not family.single_file:
                raise UserError(f"a {self.family} transformer ({family.transformer}) does not load from a single "
                                "file in diffusers: use the folder's own transformer")
            if not self.transformer.endswith((".gguf", ".safetensors")):
                raise UserError(f"the transformer file {self.transformer} must be .gguf or .safetensors")
            if self.quantize != "none":
                raise UserError("a transformer file loads as it is stored, so quantize applies to the folder's own "
                                "transformer only: give a GGUF file for a quantized one")

    @property
    def gguf(self) -> bool:
        """The transformer comes from a GGUF file (quantized weights, dequantized per layer as it runs)."""
        return bool(self.transformer and self.transformer.endswith(".gguf"))


def home() -> Path:
    """vidloom's own folder: $VIDLOOM_HOME, or ~/.vidloom."""
    return Path(os.environ.get("VIDLOOM_HOME") or Path.home() / ".vidloom")


def _file() -> Path:
    return home() / "models.json"


def load_registry() -> dict[str, ModelEntry]:
    """Every registered model by name (empty when none was added)."""
    path = _file()
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text())
        known = {f.name for f in fields(ModelEntry)}
        return {name: ModelEntry(**{k: v for k, v in entry.items() if k in known}) for name, entry in data.items()}
    except (ValueError, TypeError) as e:
        raise UserError(f"the model registry {path} is damaged ({e}): fix or remove it") from None


def check_name(name: str, what: str) -> None:
    """Raise UserError unless `name` is a plain registry name (it is typed on command lines and stored as a key)."""
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}", name or ""):
        raise UserError(f"{what} name {name!r} is not allowed: use letters, digits, '.', '_' and '-'")


def save_entries(path: Path, entries: dict) -> None:
    """Write registry entries (dataclasses by name) as JSON, atomically: a crash never leaves half a registry."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps({n: asdict(e) for n, e in sorted(entries.items())}, indent=2) + "\n")
    os.replace(tmp, path)


def model_index(path: Path) -> dict:
    index = path / "model_index.json"
    if not index.is_file():
        raise UserError(f"{path} is not a diffusers model folder: model_index.json is missing")
    try:
        return json.loads(index.read_text())
    except ValueError as e:
        raise UserError(f"{index} is not valid JSON ({e})") from None


def detect_family(path: Path) -> str:
    """The family of a diffusers folder, from the pipeline class in its model_index.json."""
    cls = str(model_index(path).get("_class_name", ""))
    for family, facts in FAMILIES.items():
        if cls in facts.pipelines:
            return family
    known = ", ".join(c for facts in FAMILIES.values() for c in facts.pipelines)
    raise UserError(f"{path} holds a {cls or 'unknown'} pipeline, which vidloom cannot run: it runs {known}")


def missing_files(path: Path) -> list[str]:
    """What a diffusers folder lacks to load without downloading: one entry per missing part."""
    index = model_index(path)
    missing = []
    for component, spec in index.items():
        if component.startswith("_") or not isinstance(spec, list) or spec[0] is None:
            continue
        folder = path / component
        if not folder.is_dir():
            missing.append(f"{component}/")
            continue
        names = {p.name for p in folder.iterdir()}
        if component.startswith("tokenizer"):
            if not names & set(TOKENIZER_FILES):
                missing.append(f"{component}/tokenizer.json")
        elif component.startswith("scheduler"):
            if "scheduler_config.json" not in names:
                missing.append(f"{component}/scheduler_config.json")
        elif any(n.endswith("_config.json") for n in names) and "config.json" not in names:
            continue  # processors (image_processor, feature_extractor) carry only a config
        else:
            if "config.json" not in names:
                missing.append(f"{component}/config.json")
            missing += [f"{component}/{shard}" for shard in _missing_weights(folder, names)]
    return missing


def _missing_weights(folder: Path, names: set[str]) -> list[str]:
    indexes = [n for n in names if n.endswith(".index.json")]
    if indexes:  # sharded: every shard named by the index must be there
        shards = set(json.loads((folder / indexes[0]).read_text()).get("weight_map", {}).values())
        return sorted(s for s in shards if s not in names)
    if not any(n.endswith(WEIGHT_SUFFIXES) for n in names):
        return ["*.safetensors (no weights)"]
    return []


def safetensors_header(path: Path) -> dict[str, dict]:
    """Tensor name -> {dtype, shape} of a .safetensors file, from its JSON header alone (no weights read)."""
    try:
        with open(path, "rb") as f:
            size = int.from_bytes(f.read(8), "little")
            if not 2 <= size <= 100_000_000:
                raise ValueError("no safetensors header")
            header = json.loads(f.read(size))
    except (OSError, ValueError, UnicodeDecodeError) as e:
        raise UserError(f"{path} is not a readable .safetensors file ({e})") from None
    header.pop("__metadata__", None)
    return header


def check_folder(path: Path) -> None:
    """Raise UserError listing what is missing, so nothing is ever fetched from a hub."""
    missing = missing_files(path)
    if missing:
        raise UserError(f"the model folder {path} is incomplete: missing {', '.join(missing)}")


def add_model(name: str, path: str | os.PathLike, family: str | None = None, **settings) -> ModelEntry:
    """Register (or re-register) a model folder under `name`; check it before anything is stored."""
    check_name(name, "model")
    if name in RESERVED:
        raise UserError(f"{name} is the built-in model's name: choose another")
    folder = Path(path).expanduser().resolve()
    if not folder.is_dir():
        raise UserError(f"the model folder {folder} does not exist")
    if settings.get("transformer"):
        file = Path(settings["transformer"]).expanduser().resolve()
        if not file.is_file():
            raise UserError(f"the transformer file {file} does not exist")
        settings["transformer"] = str(file)
        if file.suffix == ".gguf":
            with open(file, "rb") as f:
                if f.read(4) != b"GGUF":
                    raise UserError(f"{file} is not a GGUF file (no GGUF magic number)")
        else:
            safetensors_header(file)
    entry = ModelEntry(name=name, path=str(folder), family=family or detect_family(folder), **settings)
    entry.check()
    index = model_index(folder)
    if entry.transformer and isinstance(index.get("transformer_2"), list) and index["transformer_2"][0]:
        raise UserError(f"{folder} has two experts (transformer and transformer_2): one transformer file "
                        "cannot replace both")
    cls = model_index(folder).get("_class_name")
    if cls not in FAMILIES[entry.family].pipelines:
        raise UserError(f"{folder} holds a {cls} pipeline, not one of the {entry.family} family's "
                        f"({', '.join(FAMILIES[entry.family].pipelines)})")
    check_folder(folder)
    entries = load_registry()
    entries[name] = entry
    save_entries(_file(), entries)
    return entry


def remove_model(name: str) -> None:
    entries = load_registry()
    if name not in entries:
        raise UserError(f"no model named {name!r} is registered")
    del entries[name]
    save_entries(_file(), entries)
