"""CogVideoX through diffusers: text-to-video, image-to-video (the -I2V models), video-to-video."""
from __future__ import annotations

import numpy as np

from ..errors import UserError
from .adapter import DiffusersEngine, Wanted, to_pil
from .base import Capabilities
from .catalog import FAMILIES


class CogVideoXEngine(DiffusersEngine):
    """A T2V folder (CogVideoXPipeline) makes videos from text and re-imagines videos
    (CogVideoXVideoToVideoPipeline over the same weights); an I2V folder starts from an image."""

    family = FAMILIES["cogvideox"]

    @property
    def image_model(self) -> bool:
        from diffusers import CogVideoXImageToVideoPipeline

        return isinstance(self.pipe, CogVideoXImageToVideoPipeline)

    def describe(self) -> Capabilities:
        caps = self.base_capabilities(text_to_video=not self.image_model, conditioning_frames=False,
                                      first_frame=self.image_model, video_to_video=not self.image_model)
        config = self.pipe.transformer.config
        if config.use_learned_positional_embeddings:  # trained positions: one size only (720x480 for 5B-I2V)
            scale = self.pipe.vae_scale_factor_spatial
            w, h = config.sample_width * scale, config.sample_height * scale
            aspect = "16:9" if w > h else "9:16" if w < h else "1:1"
            caps = type(caps)(**{**caps.__dict__, "sizes": {aspect: (w, h)}})
        return caps

    def run(self, wanted: Wanted, call: dict) -> np.ndarray:
        from diffusers import CogVideoXImageToVideoPipeline, CogVideoXVideoToVideoPipeline

        call["max_sequence_length"] = self.pipe.transformer.config.max_text_seq_length
        if wanted.source is not None:
            if wanted.first is not None:
                raise UserError(f"{self.name} cannot mix a video to re-imagine with a first image "
                                "(conditioning_frames): give one or the other")
            clip, keep = wanted.source
            call.pop("num_frames")
            return self.call(self.sibling(CogVideoXVideoToVideoPipeline), video=to_pil(clip), strength=1.0 - keep,
                             **call)
        if wanted.first is not None:
            return self.call(self.sibling(CogVideoXImageToVideoPipeline), image=to_pil(wanted.first[None])[0], **call)
        return self.call(self.pipe, **call)
