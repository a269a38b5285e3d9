"""HunyuanVideo through diffusers: text-to-video (HunyuanVideoPipeline), and image-to-video from an I2V folder."""
from __future__ import annotations

import numpy as np

from .adapter import DiffusersEngine, Family, Wanted, to_pil
from .base import Capabilities


class HunyuanEngine(DiffusersEngine):
    """HunyuanVideo is guidance-distilled: the guidance scale is an input of the transformer, and
    the negative prompt is not used. An I2V folder (HunyuanVideoImageToVideoPipeline) starts from an image."""

    family = Family(native_fps=24, frame_step=4, size_step=16, max_frames=129, resolution=720,
                    default_steps=50, default_guidance=6.0)

    @property
    def image_model(self) -> bool:
        from diffusers import HunyuanVideoImageToVideoPipeline

        return isinstance(self.pipe, HunyuanVideoImageToVideoPipeline)

    def describe(self) -> Capabilities:
        return self.base_capabilities(text_to_video=not self.image_model, conditioning_frames=False,
                                      first_frame=self.image_model)

    def run(self, wanted: Wanted, call: dict) -> np.ndarray:
        call.pop("negative_prompt")  # only with true CFG, which the distilled model does not need
        if wanted.first is not None:
            return self.call(self.pipe, image=to_pil(wanted.first[None])[0], **call)
        return self.call(self.pipe, **call)
