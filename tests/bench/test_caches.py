"""bench/caches.py: the wrappers are exact when they skip nothing, and each method skips DiT passes."""
from __future__ import annotations

import numpy as np
import pytest

from bench.caches import METHODS, Counted, FirstBlockCache, TaylorSeer
from vidloom.engines.builtin import WEIGHTS

pytestmark = pytest.mark.skipif(not (WEIGHTS / "dit.safetensors").exists(), reason="weights not trained yet")


def generate(engine, wrap=None, steps=4):
    from vidloom.spec import GenerationRequest, VideoSpec

    dit = engine.dit
    engine.dit = wrap(dit) if wrap else dit
    try:
        video = engine.generate(GenerationRequest(VideoSpec("a red ball moves right", seconds=1, steps=steps, seed=0)))[0]
        return video, engine.dit
    finally:
        engine.dit = dit


def test_wrappers_that_skip_nothing_give_the_engines_own_video():
    from vidloom.engines import get_engine

    engine = get_engine("vidloom-mini")
    plain, _ = generate(engine)
    for wrap in (Counted, lambda dit: FirstBlockCache(dit, 0.0), lambda dit: TaylorSeer(dit, 1)):
        video, wrapped = generate(engine, wrap)
        assert np.array_equal(video, plain) and wrapped.computed == wrapped.calls == 2 * (2 * 4 - 1)
    for name, make in METHODS.items():  # at the engine's own step count, as the benchmark runs them
        if name != "uncached":
            _, wrapped = generate(engine, make, steps=engine.default_steps)
            assert wrapped.computed < wrapped.calls, name
