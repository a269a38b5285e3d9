"""HunyuanVideo through diffusers: text-to-video (HunyuanVideoPipeline), and image-to-video from an I2V folder."""
from __future__ import annotations

import numpy as np

from .adapter import DiffusersEngine, Wanted, to_pil
from .base import Capabilities
from .catalog import FAMILIES


class HunyuanEngine(DiffusersEngine):
    """HunyuanVideo T2V is guidance-distilled: the guidance scale is an input of the transformer and
    the negative prompt goes unused. An I2V folder (HunyuanVideoImageToVideoPipeline, a Llava text
    encoder that reads the image too) starts from an image and guides with the negative prompt."""

    family = FAMILIES["hunyuan"]

    @property
    def image_model(self) -> bool:
        from diffusers import HunyuanVideoImageToVideoPipeline

        return isinstance(self.pipe, HunyuanVideoImageToVideoPipeline)

    def describe(self) -> Capabilities:
        return self.base_capabilities(text_to_video=not self.image_model, conditioning_frames=False,
                                      first_frame=self.image_model)

    def run(self, wanted: Wanted, call: dict) -> np.ndarray:
        negative = call.pop("negative_prompt")
        if not self.pipe.transformer.config.guidance_embeds:  # not distilled: classifier-free guidance
            call.update(true_cfg_scale=call["guidance_scale"], negative_prompt=negative or "")
        if wanted.first is not None:
            return self.call(self.pipe, image=to_pil(wanted.first[None])[0], **call)
        return self.call(self.pipe, **call)
