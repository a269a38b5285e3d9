"""LTX-Video through diffusers' LTXConditionPipeline: known images and clips at any frame, at any strength."""
from __future__ import annotations

import numpy as np

from .adapter import DiffusersEngine, Wanted, to_pil
from .base import Capabilities
from .catalog import FAMILIES


class LTXEngine(DiffusersEngine):
    """One mechanism serves everything: each known image or clip becomes an LTXVideoCondition at its
    frame with its strength (1 keeps it, lower lets the model depart). A clip under the whole video
    at a strength is video-to-video; an image on the last frame closes a loop or a blend."""

    family = FAMILIES["ltx"]

    def describe(self) -> Capabilities:
        return self.base_capabilities(text_to_video=True, conditioning_frames=True, first_frame=True,
                                      last_frame=True, video_to_video=True)

    def run(self, wanted: Wanted, call: dict) -> np.ndarray:
        from diffusers import LTXConditionPipeline
        from diffusers.pipelines.ltx.pipeline_ltx_condition import LTXVideoCondition

        conditions = []
        for index, clip, strength in wanted.anywhere():
            media = dict(image=to_pil(clip)[0]) if len(clip) == 1 else dict(video=to_pil(clip))
            conditions.append(LTXVideoCondition(frame_index=index, strength=strength, **media))
        pipe = self.sibling(LTXConditionPipeline)
        if pipe.vae.config.timestep_conditioning:  # 0.9.1+ decoders denoise a little as they decode
            call.update(decode_timestep=0.05, decode_noise_scale=0.025)
        return self.call(pipe, conditions=conditions or None, frame_rate=self.native_fps, **call)
