"""LoRAs on this disk, by name: which model each is for, and the sampling recipe it may carry.

Stored as JSON in $VIDLOOM_HOME/loras.json. No torch here: a LoRA file is checked against its
model by the safetensors headers alone (key names and shapes), before anything loads.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, fields, replace
from pathlib import Path

from ...errors import UserError
from ...spec import GenerationRequest
from .registry import check_name, home, load_registry, safetensors_header, save_entries

WEIGHT_RANGE = (-2.0, 2.0)
LORA_KEY = re.compile(r"\.(lora_A|lora_B|lora_down|lora_up)(\.[\w-]+)?\.weight$")


@dataclass(frozen=True)
class LoraEntry:
    """A LoRA file registered for one model, with the defaults it runs best at (None: the model's)."""

    name: str
    path: str
    model: str  # the registered model it was made for
    family: str
    steps: int | None = None  # a step-distillation LoRA: 4-8
    guidance: float | None = None  # distilled LoRAs: 1 (no classifier-free guidance)
    shift: float | None = None  # flow shift of the scheduler

    def check(self) -> None:
        """Raise UserError naming the default that cannot be used."""
        if self.steps is not None and not 1 <= self.steps <= 200:
            raise UserError(f"steps {self.steps} is out of range: choose 1 to 200")
        if self.guidance is not None and not 0.0 <= self.guidance <= 30.0:
            raise UserError(f"guidance {self.guidance} is out of range: choose 0 to 30")
        if self.shift is not None and not 0.0 < self.shift <= 50.0:
            raise UserError(f"shift {self.shift} is out of range: choose above 0 to 50")


def _file() -> Path:
    return home() / "loras.json"


def load_loras() -> dict[str, LoraEntry]:
    """Every registered LoRA by name (empty when none was added)."""
    path = _file()
    if not path.exists():
        return {}
    try:
        known = {f.name for f in fields(LoraEntry)}
        data = json.loads(path.read_text())
        return {n: LoraEntry(**{k: v for k, v in e.items() if k in known}) for n, e in data.items()}
    except (ValueError, TypeError) as e:
        raise UserError(f"the LoRA registry {path} is damaged ({e}): fix or remove it") from None


EXPERTS = ("transformer", "transformer_2")  # Wan 2.2 A14B: high-noise, then low-noise transformer


def check_lora_file(path: Path, model_folder: Path, model: str) -> None:
    """Raise UserError unless `path` is a LoRA whose layers exist, with matching widths, in the model's transformer
    (and in its second one, transformer_2, where the model has two: the LoRA loads into both).

    LoRAs in diffusers' own layout (`transformer.<module>.lora_A.weight`) are checked layer by layer, so a
    LoRA of another family (other layer names) or another size (other widths) is refused here; other
    layouts (original Wan/Hunyuan trainers) are converted by diffusers when the LoRA loads.
    """
    header = safetensors_header(path)
    lora_keys = [k for k in header if LORA_KEY.search(k)]
    if not lora_keys:
        raise UserError(f"{path} holds no LoRA weights (no lora_A/lora_B or lora_down/lora_up tensors)")
    ours = [k for k in lora_keys if k.startswith("transformer.") and ".lora_" in k]
    for expert in EXPERTS:
        base = {}
        for weights in sorted((model_folder / expert).glob("*.safetensors")):
            base.update(safetensors_header(weights))
        if base and ours:
            _check_layers(path, ours, header, base, f"{model}'s {expert}")


def _check_layers(path: Path, keys: list[str], header: dict, base: dict, where: str) -> None:
    for key in keys:
        module, part = key[len("transformer."):].split(".lora_")[0], key.split(".lora_")[1][0]
        target = base.get(f"{module}.weight")
        if target is None:
            raise UserError(f"{path.name} changes a layer {where} does not have ({module}): "
                            "it is a LoRA for another model family")
        lora_shape, width = header[key]["shape"], target["shape"]
        if len(width) == 2 and len(lora_shape) == 2 and (
                (part == "A" and lora_shape[1] != width[1]) or (part == "B" and lora_shape[0] != width[0])):
            raise UserError(f"{path.name} is for a model of another size: its {module} is "
                            f"{lora_shape} against {width} in {where}")


def add_lora(name: str, path: str | os.PathLike, model: str, steps: int | None = None,
             guidance: float | None = None, shift: float | None = None) -> LoraEntry:
    """Register (or re-register) a LoRA file for a registered model; checked before anything is stored."""
    check_name(name, "the LoRA")
    models = load_registry()
    if model not in models:
        raise UserError(f"no model named {model!r} is registered: LoRAs are added for a model of "
                        f"`vidloom models list`" + (" (vidloom-mini takes none)" if model == "vidloom-mini" else ""))
    file = Path(path).expanduser().resolve()
    if not file.is_file():
        raise UserError(f"the LoRA file {file} does not exist")
    entry = LoraEntry(name, str(file), model, models[model].family, steps, guidance, shift)
    entry.check()
    check_lora_file(file, Path(models[model].path), model)
    entries = load_loras()
    entries[name] = entry
    save_entries(_file(), entries)
    return entry


def remove_lora(name: str) -> None:
    entries = load_loras()
    if name not in entries:
        raise UserError(f"no LoRA named {name!r} is registered")
    del entries[name]
    save_entries(_file(), entries)


def parse_lora(text: str) -> tuple[str, float]:
    """'NAME:0.8' -> ('NAME', 0.8); 'NAME' -> ('NAME', 1.0)."""
    name, _, weight = text.partition(":")
    try:
        value = float(weight) if weight else 1.0
    except ValueError:
        raise UserError(f"the LoRA weight {weight!r} is not a number: write NAME:0.8") from None
    return name.strip(), value


def resolve(model: str, loras: tuple[tuple[str, float], ...]) -> list[LoraEntry]:
    """The registered entries of a request's LoRAs; UserError for unknown names, another model's LoRA or a
    weight out of range."""
    entries = load_loras()
    found = []
    for name, weight in loras:
        if not WEIGHT_RANGE[0] <= weight <= WEIGHT_RANGE[1]:
            raise UserError(f"the LoRA weight {weight:g} of {name} is out of range: "
                            f"choose {WEIGHT_RANGE[0]:g} to {WEIGHT_RANGE[1]:g}")
        if name not in entries:
            choices = ", ".join(n for n, e in sorted(entries.items()) if e.model == model) or "none"
            raise UserError(f"no LoRA named {name!r} is registered (for {model}: {choices}; "
                            "add one with `vidloom loras add NAME --path FILE --for MODEL`)")
        if entries[name].model != model:
            raise UserError(f"the LoRA {name} was made for {entries[name].model}, not {model}")
        found.append(entries[name])
    if len({e.name for e in found}) < len(found):
        raise UserError("a LoRA is named twice in one request: give each once with its weight")
    return found


@dataclass(frozen=True)
class Recipe:
    """The sampling defaults a request's LoRAs bring (None: the model's own)."""

    steps: int | None = None
    guidance: float | None = None
    shift: float | None = None


def recipe(entries: list[LoraEntry], loras: tuple[tuple[str, float], ...]) -> Recipe:
    """The defaults of the LoRAs that act (weight not 0); for each, the first LoRA that sets it wins."""
    acting = [e for e, (_, weight) in zip(entries, loras) if weight != 0]

    def first(attr: str):
        return next((getattr(e, attr) for e in acting if getattr(e, attr) is not None), None)

    return Recipe(first("steps"), first("guidance"), first("shift"))


class WithLoras:
    """An engine whose every request also carries the given LoRAs (the CLI's `--lora NAME:W`)."""

    def __init__(self, engine, loras: tuple[tuple[str, float], ...]):
        if not getattr(engine.capabilities, "loras", False):
            raise UserError(f"{engine.name} takes no LoRAs (loras): use a registered open-weight model")
        brings = recipe(resolve(engine.name, loras), loras)  # unknown names fail before any sampling
        self.engine, self.loras = engine, tuple(loras)
        self.name, self.capabilities = engine.name, engine.capabilities
        # what runs when the request gives none (the provenance records these)
        self.default_steps = brings.steps or engine.default_steps
        self.default_guidance = engine.default_guidance if brings.guidance is None else brings.guidance
        self.version = f"{engine.version} + LoRA " + ", ".join(f"{n}:{w:g}" for n, w in self.loras)

    def generate(self, request: GenerationRequest, progress=None):
        """The wrapped engine's videos, with these LoRAs ahead of the request's own."""
        return self.engine.generate(replace(request, loras=self.loras + tuple(request.loras)), progress)
