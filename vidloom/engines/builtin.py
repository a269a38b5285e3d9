"""vidloom-mini: the built-in engine over the weights shipped in the package."""
from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import load_file

from ..errors import UserError
from ..flow import guided, resolution_shift, sample
from ..model.autoencoder import AutoencoderConfig, VideoAutoencoder, to_pixels
from ..model.dit import DiT, DiTConfig
from ..model.text_encoder import TextEncoder
from ..precision import autocast
from ..spec import Conditioning, GenerationRequest
from ..world.caption import in_caption_words
from ..world.grounding import Grounding, ground
from ..world.object_words import NearestObject, NearestSetting
from ..world.slots import SLOT_NAMES
from .base import Progress
from .catalog import BUILTIN, BUILTIN_WEIGHTS, LATENT_FPS, LATENT_SIZES, builtin_capabilities
from .known_pixels import fit_size, paste_known

WEIGHTS = BUILTIN_WEIGHTS
FRAMES_PER_LATENT = 4  # at LATENT_FPS: known frames are encoded at the latents' size and rate
EXACT, HINT = 1.0, 0.5


class BuiltinEngine:
    """Text (and known frames) to video with the shipped vidloom-mini weights, on the CPU.

    The DiT draws latents of LATENT_SIZES at LATENT_FPS; the autoencoder decodes them to the
    output size and fps in capabilities (larger and faster where it has an output head).
    """

    name = "vidloom-mini"
    capabilities = BUILTIN
    default_steps = 12
    default_guidance = 4.0

    def __init__(self, autoencoder: VideoAutoencoder, dit: DiT, text_encoder: TextEncoder, version: str):
        self.autoencoder, self.dit, self.text_encoder, self.version = autoencoder, dit, text_encoder, version
        self.capabilities = builtin_capabilities(autoencoder.cfg.to_dict())
        # grounding's fallbacks for nouns and places its lexicon lacks
        self.nearest_object, self.nearest_setting = NearestObject(text_encoder), NearestSetting(text_encoder)
        self.paste_known = True  # False shows what the latents alone carry (tests, benchmarks)
        self.deflicker = True  # temporal noise reduction of the decoded frames

    @classmethod
    def load(cls, weights: Path = WEIGHTS) -> "BuiltinEngine":
        missing = [f for f in ("config.json", "autoencoder.safetensors", "dit.safetensors") if not (weights / f).exists()]
        if missing:
            raise FileNotFoundError(f"vidloom-mini weights are incomplete in {weights}: missing {', '.join(missing)}")
        config = json.loads((weights / "config.json").read_text())
        ae = VideoAutoencoder(AutoencoderConfig.from_dict(config["autoencoder"]))
        ae.load_state_dict(load_file(weights / "autoencoder.safetensors"))
        dit = DiT(DiTConfig.from_dict(config["dit"]))
        dit.load_state_dict({k: v.float() for k, v in load_file(weights / "dit.safetensors").items()})
        return cls(ae.eval(), dit.eval(), TextEncoder(), config["version"])

    # ------------------------------------------------------------ shapes

    def latent_shape(self, aspect: str, seconds: float) -> tuple[int, int, int, int]:
        """(C, T, H, W) of the latent for a clip; T covers the duration at LATENT_FPS."""
        w, h = LATENT_SIZES[aspect]
        frames = max(1, round(seconds * LATENT_FPS))
        s = self.autoencoder.cfg.spatial
        return (self.autoencoder.cfg.latent_channels, math.ceil(frames / FRAMES_PER_LATENT), h // s, w // s)

    def dit_inputs(self, aspect: str = "16:9", seconds: float = 4.0, batch: int = 2) -> dict:
        """Example DiT inputs of the real shape (for FLOP counting and benchmarks)."""
        c, t, h, w = self.latent_shape(aspect, seconds)
        text, mask, pooled = self.text_encoder(["a red ball"] * batch)
        x = torch.zeros(batch, c, t, h, w)
        return dict(x=x, t=torch.full((batch,), 0.5), text=text, text_mask=mask, pooled=pooled,
                    cond=torch.zeros_like(x), cond_mask=torch.zeros(batch, 1, t, 1, 1))

    # ------------------------------------------------------------ conditioning

    def ground(self, prompt: str) -> Grounding:
        """The prompt in the world's terms: slots, canonical caption and notices; generate draws this."""
        return ground(prompt, self.nearest_object, self.nearest_setting, self.nearest_object.is_camera)

    def notices(self, prompt: str) -> tuple[str, ...]:
        """What of the prompt is drawn otherwise than asked, or not at all ('"dragon" is not one of the world's
        objects; drawn as the nearest one, a bird'); the operations layer shows these to the user."""
        return self.ground(prompt).notices

    def _encode(self, frames: np.ndarray, aspect: str) -> torch.Tensor:
        """uint8 frames (at LATENT_FPS) -> normalised latents [1, C, T/4, h, w], encoded at the latents' size."""
        return self.autoencoder.encode(to_pixels(fit_size(frames, *LATENT_SIZES[aspect])))

    @torch.no_grad()
    def _conditioning(self, request: GenerationRequest, shape) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor | None, float]:
        """Latent cond, mask, optional init latent and start time from the request's Conditioning list.

        Known frames are retimed to LATENT_FPS and encoded at LATENT_SIZES, whatever the output size.
        A clip that covers whole groups of four such frames pins those latent frames exactly;
        a single image becomes a still-image hint on the latent frame that holds it; a
        condition with strength < 1 over the whole clip starts sampling from it (video-to-video).
        """
        spec = request.spec
        c, t, h, w = shape
        cond = torch.zeros(1, c, t, h, w)
        mask = torch.zeros(1, 1, t, 1, 1)
        init, start = None, 1.0
        for item in request.conditioning:
            frames = _native_frames(item, spec.fps)
            first = round(item.frame * LATENT_FPS / spec.fps)
            if item.strength < 1.0:
                clip = _fit(frames, first, t * FRAMES_PER_LATENT)
                init = self._encode(clip, spec.aspect)
                start = 1.0 - float(item.strength)
                continue
            if len(frames) == 1:
                idx = min(first // FRAMES_PER_LATENT, t - 1)
                still = np.repeat(frames, FRAMES_PER_LATENT, 0)
                cond[:, :, idx] = self._encode(still, spec.aspect)[:, :, 0]
                mask[:, :, idx] = HINT
                continue
            # whole latent groups covered by the clip
            g0 = math.ceil(first / FRAMES_PER_LATENT)
            g1 = min((first + len(frames)) // FRAMES_PER_LATENT, t)
            if g1 <= g0:
                raise UserError("a conditioning clip must cover at least half a second of the output")
            pix = frames[g0 * FRAMES_PER_LATENT - first: g1 * FRAMES_PER_LATENT - first]
            cond[:, :, g0:g1] = self._encode(pix, spec.aspect)
            mask[:, :, g0:g1] = EXACT
        return cond, mask, init, start

    # ------------------------------------------------------------ generation

    @torch.no_grad()
    def generate(self, request: GenerationRequest, progress: Progress | None = None) -> list[np.ndarray]:
        spec = request.spec
        spec.check(self.capabilities.max_seconds)
        if request.loras:  # never drop them silently: the video would not be what was asked for
            raise UserError(f"{self.name} takes no LoRAs (loras): use a registered open-weight model")
        steps = spec.steps or self.default_steps
        guidance = self.default_guidance if spec.guidance is None else spec.guidance
        n = spec.variations
        shape = self.latent_shape(spec.aspect, spec.seconds)
        # 1. the prompt, grounded in the world's words, and the negative prompt as written (the
        # unconditional branch of guidance); the DiT also takes the grounded slots, the negative branch none
        grounding = self.ground(spec.prompt)
        # a prompt already in the captioner's words is drawn as written: the model trained on those phrasings
        said = spec.prompt if in_caption_words(spec.prompt) else grounding.caption or spec.prompt
        text, text_mask, pooled = self.text_encoder([said, spec.negative_prompt])
        slots = torch.tensor([grounding.slots.as_drawn().ids(), [0] * len(SLOT_NAMES)])
        with autocast("cpu"):
            cond, mask, init, start = self._conditioning(request, shape)
        cond, mask = cond.expand(n, *cond.shape[1:]), mask.expand(n, *mask.shape[1:])
        if init is not None:
            init = init.float().expand(n, *init.shape[1:])
        # 2. one noise tensor per variation, each from its own seed
        noise = torch.stack([torch.randn(shape, generator=torch.Generator().manual_seed(spec.seed + k)) for k in range(n)])

        def branch(i):
            def model(x, t, c, m):
                b = x.shape[0]
                with autocast("cpu"):
                    return self.dit(x, t, text[i:i + 1].expand(b, -1, -1), text_mask[i:i + 1].expand(b, -1),
                                    pooled[i:i + 1].expand(b, -1), c, m, slots[i:i + 1].expand(b, -1)).float()
            return model

        tokens = shape[1] * (shape[2] // self.dit.cfg.patch) * (shape[3] // self.dit.cfg.patch)
        model = guided(branch(0), branch(1), guidance)
        # 3. sample latents, 4. decode to pixels
        z = sample(model, noise, cond, mask, steps=steps, shift=resolution_shift(tokens), start=start, init=init,
                   progress=progress)
        with autocast("cpu"):
            pixels = self.autoencoder.decode(z).float()
        frames = ((pixels.clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8).permute(0, 2, 3, 4, 1).numpy()
        native_fps = self.capabilities.native_fps
        native = max(1, round(spec.seconds * native_fps))
        from ..media import deflicker, resample_fps

        count = max(1, round(spec.seconds * spec.fps))
        videos = [deflicker(v[:native]) if self.deflicker else v[:native] for v in frames]
        videos = [resample_fps(v, native_fps, spec.fps)[:count] for v in videos]
        return [paste_known(v, request) for v in videos] if self.paste_known else videos


def _native_frames(item: Conditioning, fps: int) -> np.ndarray:
    from ..media import resample_fps

    media = item.frames
    return media if len(media) == 1 or fps == LATENT_FPS else resample_fps(media, fps, LATENT_FPS)


def _fit(frames: np.ndarray, first: int, total: int) -> np.ndarray:
    """Place frames at `first` in a clip of `total` frames, holding the edge frames outside."""
    idx = np.clip(np.arange(total) - first, 0, len(frames) - 1)
    return frames[idx]
