"""What every diffusers adapter shares: loading from local disk, run settings, request -> pipeline -> frames.

A family adapter (wan, ltx, cogvideox, hunyuan) says how one video is made from a sorted request
(`run`); what a model can do comes from the family table (`families.ModelFacts`), the rest lives here.
diffusers is imported only inside functions so `import vidloom` stays light.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch

from ...errors import UserError
from ...spec import GenerationRequest
from ..base import Progress
from ..known_pixels import fit_size, paste_known
from .families import ModelFacts
from .loras import LoraEntry, recipe, resolve
from .memory import apply_profile
from .registry import ModelEntry, check_folder


@dataclass
class Wanted:
    """A request's known pixels, sorted by what pipelines take, on the native frame grid.

    Images are uint8 [H, W, 3] and clips uint8 [T, H, W, 3], already at the output size.
    """

    num_frames: int  # native frames the model makes
    first: np.ndarray | None = None  # image pinned on the first frame
    last: np.ndarray | None = None  # image pinned on the last frame
    frames: list[tuple[int, np.ndarray, float]] = field(default_factory=list)  # (index, clip, strength) elsewhere
    source: tuple[np.ndarray, float] | None = None  # whole clip to re-imagine, and how much of it to keep

    def anywhere(self) -> list[tuple[int, np.ndarray, float]]:
        """Every known frame as (index, clip, strength), for models that condition at any frame."""
        items = list(self.frames)
        if self.first is not None:
            items.insert(0, (0, self.first[None], 1.0))
        if self.last is not None:
            items.append((self.num_frames - 1, self.last[None], 1.0))
        if self.source is not None:
            items.insert(0, (0, self.source[0], self.source[1]))
        return items

    @property
    def empty(self) -> bool:
        return self.first is None and self.last is None and not self.frames and self.source is None


class DiffusersEngine:
    """An Engine over a diffusers pipeline folder on local disk (never downloads)."""

    def __init__(self, entry: ModelEntry, pipe):
        self.entry, self.pipe = entry, pipe
        self.name = entry.name
        self.version = f"{type(pipe).__name__} from {Path(entry.path).name}"
        self.facts = ModelFacts.read(entry)
        self.family = self.facts.family
        self.default_steps = self.family.default_steps
        self.default_guidance = self.family.default_guidance
        self.capabilities = self.facts.capabilities()
        self._offloaded = None  # the pipeline that offload hooks were set up for
        self._running = pipe  # the pipeline sampling now (its current timestep drives PAB)
        self._siblings: dict = {}  # other pipeline classes over the same components
        self._loras: set[str] = set()  # LoRAs loaded into the transformer (kept, switched by weight)
        self._folder_shift = _shift_of(pipe.scheduler)  # the flow shift the folder's scheduler came with

    # ------------------------------------------------------------ per family

    def run(self, wanted: Wanted, call: dict) -> np.ndarray:
        """One video as float [T, H, W, 3] in 0..1; `call` holds the shared pipeline arguments."""
        raise NotImplementedError

    # ------------------------------------------------------------ loading

    @classmethod
    def load(cls, entry: ModelEntry) -> "DiffusersEngine":
        """Load the folder with local_files_only and apply the entry's run settings (its profile's, with --vram)."""
        import diffusers

        folder = Path(entry.path)
        if not folder.is_dir():
            raise UserError(f"the folder of model {entry.name} ({folder}) is gone: register it again")
        check_folder(folder)
        entry = apply_profile(entry, cls._vram_gb(entry))
        facts, dtype = ModelFacts.read(entry), cls._dtype(entry)
        parts = {}
        if entry.transformer:
            parts["transformer"] = cls._transformer_file(entry, facts, dtype)
        if entry.quantize != "none":
            parts["quantization_config"] = cls._quantization(entry, facts)
        # the folder's own pipeline class: the generic DiffusionPipeline drops components passed in
        pipe = getattr(diffusers, facts.pipeline).from_pretrained(folder, local_files_only=True, dtype=dtype, **parts)
        pipe.set_progress_bar_config(disable=True)
        engine = cls(entry, pipe)
        engine._apply_settings()
        return engine

    @classmethod
    def _vram_gb(cls, entry: ModelEntry) -> float | None:
        """The profile's memory: the number given, or with auto the GPU's (None on the CPU: no profile)."""
        if entry.vram is None:
            return None
        if entry.vram != "auto":
            return float(entry.vram)
        device = cls._device(entry)
        if device.type != "cuda":
            return None
        return torch.cuda.get_device_properties(device).total_memory / 1024**3

    @staticmethod
    def _transformer_file(entry: ModelEntry, facts: ModelFacts, dtype: torch.dtype):
        """A single-file transformer with the folder's config (GGUF: packed, dequantized layer by layer as it runs)."""
        import diffusers

        model = getattr(diffusers, facts.index["transformer"][1])
        extra = {}
        if entry.gguf:
            extra["quantization_config"] = diffusers.GGUFQuantizationConfig(compute_dtype=dtype)
        try:
            return model.from_single_file(entry.transformer, config=str(entry.path), subfolder="transformer",
                                          local_files_only=True, torch_dtype=dtype, **extra)
        except (ValueError, KeyError, RuntimeError, OSError, ImportError) as err:
            raise UserError(f"the transformer file {entry.transformer} does not load as {model.__name__}: "
                            f"{err}") from None

    @staticmethod
    def _quantization(entry: ModelEntry, facts: ModelFacts):
        """int8 / fp8 weight-only quantization of the transformer(s) as they load (optimum-quanto)."""
        from diffusers import PipelineQuantizationConfig, QuantoConfig

        try:
            import optimum.quanto  # noqa: F401
        except ImportError:
            raise UserError(f"quantize {entry.quantize} needs optimum-quanto: "
                            "pip install 'vidloom[diffusers]'") from None
        weights = {"int8": "int8", "fp8": "float8"}[entry.quantize]
        experts = [c for c in ("transformer", "transformer_2") if facts.has(c)]
        return PipelineQuantizationConfig(quant_mapping={c: QuantoConfig(weights_dtype=weights) for c in experts})

    @staticmethod
    def _device(entry: ModelEntry) -> torch.device:
        if entry.device == "auto":
            return torch.device("cuda" if torch.cuda.is_available() else "cpu")
        return torch.device(entry.device)

    @classmethod
    def _dtype(cls, entry: ModelEntry) -> torch.dtype:
        if entry.dtype == "auto":
            return torch.bfloat16 if cls._device(entry).type == "cuda" else torch.float32
        return getattr(torch, entry.dtype)

    def transformers(self) -> list:
        """The denoisers (Wan 2.2 A14B has two experts)."""
        return [t for t in (getattr(self.pipe, "transformer", None), getattr(self.pipe, "transformer_2", None)) if t is not None]

    def _apply_settings(self) -> None:
        """Attention backend, step cache, context parallelism, compile, VAE tiling, placement."""
        e = self.entry
        for t in self.transformers():
            if e.attention:
                try:
                    t.set_attention_backend(e.attention)
                except (ValueError, RuntimeError, ImportError) as err:
                    raise UserError(f"attention backend {e.attention!r} cannot be used here: {err}") from None
            if e.cache != "none":
                t.enable_cache(self._cache_config(e.cache))
            if e.context_parallel > 1:
                self._enable_context_parallel(t, e.context_parallel)
            if e.compile:
                if getattr(t, "_repeated_blocks", None):
                    t.compile_repeated_blocks(fullgraph=True)
                else:
                    t.compile()
        if e.vae_tiling:
            self.pipe.vae.enable_tiling()
        if e.offload == "none":
            self.pipe.to(self._device(e))

    def _cache_config(self, name: str):
        from diffusers import FirstBlockCacheConfig, PyramidAttentionBroadcastConfig, TaylorSeerCacheConfig

        if name == "first-block":
            return FirstBlockCacheConfig(threshold=0.05)
        if name == "taylorseer":
            return TaylorSeerCacheConfig()
        return PyramidAttentionBroadcastConfig(spatial_attention_block_skip_range=2,
                                               spatial_attention_timestep_skip_range=(100, 800),
                                               current_timestep_callback=lambda: self._running.current_timestep)

    def _enable_context_parallel(self, transformer, degree: int) -> None:
        import torch.distributed as dist
        from diffusers import ContextParallelConfig

        if not dist.is_available() or not dist.is_initialized() or dist.get_world_size() != degree:
            raise UserError(f"context parallelism over {degree} GPUs needs `torchrun --nproc-per-node {degree}`")
        try:
            transformer.enable_parallelism(config=ContextParallelConfig(ulysses_degree=degree))
        except (ValueError, NotImplementedError) as err:
            raise UserError(f"{self.name} cannot split its sequence over GPUs (context_parallel): {err}") from None

    def _place(self, pipe) -> None:
        """Offload hooks belong to one pipeline: set them up for the one about to run."""
        e = self.entry
        if e.offload == "none" or self._offloaded is pipe:
            return
        device = self._device(e)
        if e.offload == "model":
            pipe.enable_model_cpu_offload(device=device)
        elif e.offload == "sequential":
            pipe.enable_sequential_cpu_offload(device=device)
        elif self._offloaded is None:  # group offload hooks sit on the shared modules: once
            pipe.enable_group_offload(onload_device=device, offload_device=torch.device("cpu"),
                                      offload_type="block_level", num_blocks_per_group=1)
        self._offloaded = pipe

    def use_loras(self, loras: tuple[tuple[str, float], ...]) -> list[LoraEntry]:
        """Load each named LoRA once (diffusers' load_lora_weights; into both transformers of a two-expert Wan)
        and set this request's weights; with none named, loaded LoRAs are switched off so the base model runs
        unchanged."""
        entries = resolve(self.name, loras)
        if not entries:
            if self._loras:
                self.pipe.disable_lora()
            return []
        from safetensors import SafetensorError

        # a two-expert Wan 2.2 (transformer_2: the low-noise steps) takes each LoRA into both experts
        into = ({}, {"load_into_transformer_2": True}) if getattr(self.pipe, "transformer_2", None) is not None else ({},)
        for e in entries:
            if e.name in self._loras:
                continue
            try:
                for where in into:
                    self.pipe.load_lora_weights(e.path, adapter_name=e.name, **where)
            except (ValueError, KeyError, RuntimeError, OSError, SafetensorError) as err:
                if any(e.name in names for names in self.pipe.get_list_adapters().values()):  # half-loaded
                    self.pipe.delete_adapters(e.name)
                raise UserError(f"the LoRA {e.name} ({Path(e.path).name}) does not fit {self.name}: {err}") from None
            self._loras.add(e.name)
        self.pipe.enable_lora()
        self.pipe.set_adapters([e.name for e in entries], adapter_weights=[w for _, w in loras])
        return entries

    def set_shift(self, shift: float | None) -> None:
        """Sample with this flow shift (a LoRA's recipe, else the family's or the folder's)."""
        if shift is None:
            return
        for pipe in (self.pipe, *self._siblings.values()):
            config = pipe.scheduler.config
            key = "flow_shift" if "flow_shift" in config else "shift" if "shift" in config else None
            if key is None:
                raise UserError(f"{self.name}'s scheduler has no flow shift to set (shift {shift:g})")
            if config[key] != shift:
                pipe.scheduler = type(pipe.scheduler).from_config(config, **{key: shift})

    def sibling(self, cls):
        """Another pipeline of the family over the same loaded components (no second copy)."""
        if isinstance(self.pipe, cls):
            return self.pipe
        if cls not in self._siblings:
            self._siblings[cls] = cls.from_pipe(self.pipe)
            self._siblings[cls].set_progress_bar_config(disable=True)
        return self._siblings[cls]

    def call(self, pipe, **kwargs) -> np.ndarray:
        """Run a pipeline of this engine; frames as float [T, H, W, 3] in 0..1."""
        self._place(pipe)
        self._running = pipe
        for t in self.transformers():
            if getattr(t, "is_cache_enabled", False):
                t._reset_stateful_cache()  # a cache must not carry one video's features into the next
        out = pipe(**kwargs).frames[0]
        return np.asarray(out, dtype=np.float32)

    # ------------------------------------------------------------ shapes

    @property
    def native_fps(self) -> int:
        return self.facts.native_fps

    def native_frames(self, seconds: float) -> int:
        """The frame count on the model's grid (step * k + 1) nearest to `seconds`."""
        return self.facts.native_frames(seconds)

    # ------------------------------------------------------------ generation

    def generate(self, request: GenerationRequest, progress: Progress | None = None) -> list[np.ndarray]:
        """Videos as uint8 [T, H, W, 3] at request.spec.fps, T = round(seconds * fps)."""
        spec = request.spec
        try:
            spec.check(self.capabilities.max_seconds)
        except ValueError as e:
            raise UserError(str(e)) from None
        if spec.aspect not in self.capabilities.sizes:
            raise UserError(f"{self.name} makes {' and '.join(self.capabilities.sizes)} videos only, "
                            f"not {spec.aspect} (sizes)")
        width, height = self.capabilities.sizes[spec.aspect]
        count = max(1, round(spec.seconds * spec.fps))
        wanted = sort_conditioning(request, count, self.native_frames(spec.seconds), width, height)
        self.check(wanted)
        brings = recipe(self.use_loras(request.loras), request.loras)
        steps = spec.steps or brings.steps or self.default_steps
        guidance = next(g for g in (spec.guidance, brings.guidance, self.default_guidance) if g is not None)
        self.set_shift(brings.shift or self.family.default_shift or self._folder_shift)
        videos = []
        for k in range(spec.variations):
            def on_step(pipe, i, t, tensors, k=k):
                if progress is not None:
                    total = getattr(pipe, "num_timesteps", None) or steps
                    progress(k * total + i + 1, spec.variations * total)
                return {}

            call = dict(prompt=spec.prompt, negative_prompt=spec.negative_prompt or None, height=height, width=width,
                        num_frames=wanted.num_frames, num_inference_steps=steps, guidance_scale=guidance,
                        generator=torch.Generator("cpu").manual_seed(spec.seed + k), output_type="np",
                        callback_on_step_end=on_step)
            frames = self.run(wanted, call)
            video = (np.clip(frames, 0, 1) * 255).round().astype(np.uint8)
            videos.append(paste_known(video[output_indices(len(video), count)], request))
        return videos

    def check(self, wanted: Wanted) -> None:
        """Raise UserError naming the capability a request needs and this model lacks."""
        caps, name = self.capabilities, self.name
        anywhere = caps.conditioning_frames
        if any(strength < 1.0 for _, _, strength in wanted.frames) and not anywhere:
            raise UserError(f"{name} cannot keep known frames loosely (conditioning_frames): give them at strength 1")
        if wanted.frames and not anywhere:
            raise UserError(f"{name} cannot take known frames in the middle of a video (conditioning_frames): "
                            "give an image for the first" + (" or last" if caps.last_frame else "") + " frame only")
        if wanted.source is not None and not (caps.video_to_video or anywhere):
            raise UserError(f"{name} cannot re-imagine a video (video_to_video): it makes videos from "
                            + ("an image" if caps.first_frame and not caps.text_to_video else "text"))
        if wanted.first is not None and not (caps.first_frame or anywhere):
            raise UserError(f"{name} cannot start from an image (first_frame): use an image-to-video model")
        if wanted.last is not None and not (caps.last_frame or anywhere):
            raise UserError(f"{name} cannot end on a given image (last_frame): use a first-last-frame model")
        if wanted.empty and not caps.text_to_video:
            raise UserError(f"{name} cannot make a video from text alone (text_to_video): give an image for the first frame")


def _shift_of(scheduler) -> float | None:
    config = scheduler.config
    return config.get("flow_shift", config.get("shift"))


# ---------------------------------------------------------------- request -> native grid


def output_indices(native: int, count: int) -> np.ndarray:
    """Which native frame shows at each output frame: both span the same clip, first to last."""
    if count == 1 or native == 1:
        return np.zeros(count, dtype=int)
    return np.round(np.arange(count) * (native - 1) / (count - 1)).astype(int)


def sort_conditioning(request: GenerationRequest, count: int, native: int, width: int, height: int) -> Wanted:
    """Place each Conditioning on the native grid and sort it: first/last image, source clip, or elsewhere."""
    wanted = Wanted(num_frames=native)
    scale = (native - 1) / (count - 1) if count > 1 else 0.0
    for item in request.conditioning:
        media = fit_size(item.frames, width, height)
        exact = item.strength >= 1.0
        if len(media) > 1 and not exact and item.frame <= 0 and item.frame + len(media) >= count:
            # a clip under the whole video at a strength: video-to-video
            picks = np.clip(output_indices(count, native) - item.frame, 0, len(media) - 1)
            wanted.source = (media[picks], float(item.strength))
            continue
        # the native frames whose time falls on the item's output frames
        first_out, last_out = max(item.frame, 0), min(item.frame + len(media), count) - 1
        if last_out < first_out:
            raise UserError(f"a known frame at {item.frame} lies outside the {count}-frame video")
        lo, hi = round(first_out * scale), round(last_out * scale)
        picks = np.round(np.arange(lo, hi + 1) / scale).astype(int) if scale else np.zeros(1, dtype=int)
        clip = media[np.clip(picks - item.frame, 0, len(media) - 1)]
        if exact and len(clip) == 1 and lo == 0 and wanted.first is None:
            wanted.first = clip[0]
        elif exact and len(clip) == 1 and lo == native - 1 and wanted.last is None:
            wanted.last = clip[0]
        else:
            wanted.frames.append((lo, clip, float(item.strength)))
    return wanted


def to_pil(frames: np.ndarray) -> list:
    """uint8 [T, H, W, 3] -> PIL images, the form diffusers' image and video inputs take."""
    from PIL import Image

    return [Image.fromarray(f) for f in frames]
