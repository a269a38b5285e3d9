"""An engine that records what it is given: the prompt and settings of every call, and each known
clip's frames (hashed), position, strength and feather. Its frames are noise drawn from the seed."""
from __future__ import annotations

import hashlib
import threading

import numpy as np

from vidloom.engines.catalog import BUILTIN
from vidloom.spec import frame_count


class RecordingEngine:
    name = "recorder"
    version = "1.0"
    default_steps = 3
    default_guidance = 2.5
    capabilities = BUILTIN

    def __init__(self):
        self.calls: list[dict] = []
        self._lock = threading.Lock()

    def generate(self, request, progress=None):
        spec = request.spec
        call = {
            "prompt": spec.prompt, "negative_prompt": spec.negative_prompt, "aspect": spec.aspect,
            "seconds": round(spec.seconds, 6), "fps": spec.fps, "seed": spec.seed, "steps": spec.steps,
            "guidance": spec.guidance, "variations": spec.variations,
            "known": [{"frame": c.frame, "strength": c.strength, "feather": c.feather, "shape": c.frames.shape,
                       "sha256": hashlib.sha256(np.ascontiguousarray(c.media).tobytes()).hexdigest()}
                      for c in request.conditioning],
        }
        with self._lock:
            self.calls.append(call)
        width, height = self.capabilities.sizes[spec.aspect]
        count = frame_count(spec.seconds, spec.fps)
        if progress:
            progress(1, 1)
        return [np.random.default_rng(spec.seed + k).integers(0, 256, (count, height, width, 3), dtype=np.uint8)
                for k in range(spec.variations)]

    def take(self) -> list[dict]:
        with self._lock:
            calls, self.calls = self.calls, []
        return calls
