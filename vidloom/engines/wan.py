"""Wan 2.1 / 2.2 through diffusers: T2V, I2V (+ first-last-frame), TI2V-5B, A14B two experts, VACE, V2V."""
from __future__ import annotations

import numpy as np

from ..errors import UserError
from .adapter import DiffusersEngine, Wanted, to_pil
from .base import Capabilities
from .catalog import FAMILIES


class WanEngine(DiffusersEngine):
    """Which pipeline runs is read from the folder: its pipeline class and transformer config.

    - WanPipeline: text-to-video (Wan 2.1, 2.2 A14B with transformer_2 + boundary_ratio);
      video-to-video for single-expert models; image-to-video too for TI2V-5B (expand_timesteps).
    - WanImageToVideoPipeline: image-to-video, with a last frame (first-last-frame).
    - WanVACEPipeline: known frames anywhere (first, last, middle, clips), and text-to-video.
    """

    family = FAMILIES["wan"]

    @property
    def kind(self) -> str:
        from diffusers import WanImageToVideoPipeline, WanVACEPipeline

        if isinstance(self.pipe, WanVACEPipeline):
            return "vace"
        if isinstance(self.pipe, WanImageToVideoPipeline):
            return "i2v"
        return "ti2v" if self.pipe.config.get("expand_timesteps") else "t2v"

    def describe(self) -> Capabilities:
        kind = self.kind
        two_experts = getattr(self.pipe, "transformer_2", None) is not None
        if kind == "ti2v":  # the 5B model's VAE compresses 16x: sizes on a 32 grid
            self.family = FAMILIES["wan-ti2v"]
        return self.base_capabilities(
            text_to_video=kind != "i2v",
            conditioning_frames=kind == "vace",
            first_frame=kind in ("i2v", "ti2v"),
            last_frame=kind == "i2v" and self._takes_last_image(),
            video_to_video=kind == "t2v" and not two_experts,
        )

    def _config(self):
        return (self.pipe.transformer or self.pipe.transformer_2).config

    def _two_image_embeds(self) -> bool:
        """FLF2V embeds the first and last image together (with positions for both)."""
        return self._config().image_dim is not None and self._config().pos_embed_seq_len is not None

    def _takes_last_image(self) -> bool:
        """FLF2V, or Wan 2.2 I2V, which embeds no image and pins frames through the latent mask."""
        return self._config().image_dim is None or self._two_image_embeds()

    def run(self, wanted: Wanted, call: dict) -> np.ndarray:
        from diffusers import WanImageToVideoPipeline, WanVideoToVideoPipeline

        kind = self.kind
        if kind == "vace":
            return self._vace(wanted, call)
        if wanted.source is not None:
            if wanted.first is not None or wanted.last is not None or wanted.frames:
                raise UserError(f"{self.name} cannot mix a video to re-imagine with other known frames "
                                "(conditioning_frames): give one or the other")
            clip, keep = wanted.source
            call.pop("num_frames")
            return self.call(self.sibling(WanVideoToVideoPipeline), video=to_pil(clip), strength=1.0 - keep, **call)
        if wanted.first is None and wanted.last is not None:
            raise UserError(f"{self.name} ends on an image only after starting from one (first_frame): "
                            "give a first image too")
        if wanted.first is not None:
            if wanted.last is None and self._two_image_embeds():
                raise UserError(f"{self.name} is a first-last-frame model: give a last image too (last_frame)")
            last = to_pil(wanted.last[None])[0] if wanted.last is not None else None
            return self.call(self.sibling(WanImageToVideoPipeline), image=to_pil(wanted.first[None])[0],
                             last_image=last, **call)
        return self.call(self.pipe, **call)

    def _vace(self, wanted: Wanted, call: dict) -> np.ndarray:
        """Known frames go into the control video with a black (keep) mask; the rest is grey and generated."""
        from PIL import Image

        items = wanted.anywhere()
        if not items:
            return self.call(self.pipe, **call)
        if any(strength < 1.0 for _, _, strength in items):
            raise UserError(f"{self.name} keeps known frames exactly: a strength below 1 (video_to_video) "
                            "needs another model")
        n, (w, h) = wanted.num_frames, (call["width"], call["height"])
        video = np.full((n, h, w, 3), 128, dtype=np.uint8)
        known = np.zeros(n, dtype=bool)
        for index, clip, _ in items:
            span = slice(index, min(index + len(clip), n))
            video[span] = clip[: span.stop - span.start]
            known[span] = True
        masks = [Image.new("L", (w, h), 0 if k else 255) for k in known]
        return self.call(self.pipe, video=to_pil(video), mask=masks, **call)
