"""The built-in engine over the shipped weights, beyond the engine contract (test_contract.py): how far
variations differ, what the latents carry of known frames, progress and grounding."""
import numpy as np
import pytest

from vidloom.engines import get_engine
from vidloom.engines.builtin import WEIGHTS, BuiltinEngine
from vidloom.media.metrics import psnr
from vidloom.spec import Conditioning, GenerationRequest, VideoSpec
from vidloom.world import render, scene_for

from tests.geometry import native

pytestmark = pytest.mark.skipif(not (WEIGHTS / "dit.safetensors").exists(), reason="weights not trained yet")


@pytest.fixture(scope="module")
def engine():
    return get_engine("vidloom-mini")


def test_variations_differ_visibly(engine):
    spec = VideoSpec("a red ball moves left over a grass field", aspect="1:1", seconds=2, steps=4, seed=11,
                     variations=2)
    a = engine.generate(GenerationRequest(spec))
    assert np.abs(a[0].astype(int) - a[1].astype(int)).mean() > 1.0


def test_conditioning_frames_come_back(engine):
    """A given clip prefix (the mechanism behind extend, loop and blend) comes back at >= 30 dB,
    and the model's own decoding of it, before the known pixels are put back, is close too."""
    frames, _ = render(scene_for("blue", "ball", "right", "blue sky", seed=3), *native("1:1"), fps=8, seconds=4)
    spec = VideoSpec("a blue ball moves right in the blue sky", aspect="1:1", seconds=4, steps=4, seed=1)
    request = GenerationRequest(spec, (Conditioning(frames[:8], frame=0),))
    (video,) = engine.generate(request)
    assert psnr(video[:8], frames[:8]) >= 30.0
    raw = BuiltinEngine.load()
    raw.paste_known = False
    (decoded,) = raw.generate(request)
    free = raw.generate(GenerationRequest(spec))[0]
    assert psnr(decoded[:8], frames[:8]) >= 20.0
    assert psnr(decoded[:8], frames[:8]) > psnr(free[:8], frames[:8]) + 3.0


def test_progress_reports_every_step(engine):
    seen = []
    spec = VideoSpec("a green fish", aspect="1:1", seconds=1, steps=3)
    engine.generate(GenerationRequest(spec), progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_draws_the_grounded_caption(engine):
    """A free prompt is drawn as its canonical caption: the same video for the same seed."""
    prompt = "a crimson sphere drifting leftwards over a meadow"
    grounding = engine.ground(prompt)
    assert grounding.caption == "a red ball moves left in grass field" and grounding.slots.kind == "ball"
    free, canonical = (engine.generate(GenerationRequest(VideoSpec(p, aspect="1:1", seconds=1, steps=2, seed=3)))[0]
                       for p in (prompt, grounding.caption))
    assert np.array_equal(free, canonical)
