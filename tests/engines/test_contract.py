"""The contract every engine keeps, checked through the Engine protocol alone, over vidloom-mini and a
tiny random-weight model of every open-weight family (as diffusers' common pipeline tests do):
shape and frame count, determinism, known frames back, and refusals that name the missing capability."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import BUILDERS

from vidloom.engines import Engine, get_engine
from vidloom.engines.builtin import WEIGHTS
from vidloom.errors import UserError
from vidloom.media.metrics import psnr
from vidloom.spec import DEFAULT_ENGINE, Conditioning, GenerationRequest, VideoSpec, frame_count

SECONDS, FPS = 0.5, 12  # 12 fps is no engine's native rate: every engine retimes to it
PROMPT = "a red ball moves left over a grass field"

ENGINES = [
    pytest.param(
        DEFAULT_ENGINE,
        marks=pytest.mark.skipif(not (WEIGHTS / "dit.safetensors").exists(), reason="weights not trained yet"),
    ),
    *BUILDERS,
]


@pytest.fixture(params=ENGINES)
def engine(request, tiny_model) -> Engine:
    """The engine under test, loaded once per process (get_engine caches it)."""
    key = request.param
    return get_engine(key if key == DEFAULT_ENGINE else tiny_model(key))


def aspect_of(engine: Engine) -> str:
    """A non-square aspect where the engine has one, so a width/height swap shows."""
    sizes = engine.capabilities.sizes
    return "9:16" if "9:16" in sizes else next(iter(sizes))


def picture(engine: Engine, seed: int) -> np.ndarray:
    """A structured colour image (4x4 blocks) at the engine's size for the aspect, uint8 [H, W, 3]."""
    width, height = engine.capabilities.sizes[aspect_of(engine)]
    blocks = np.random.default_rng(seed).integers(0, 256, (4, 4, 3), dtype=np.uint8)
    return np.kron(blocks, np.ones((height // 4, width // 4, 1), dtype=np.uint8))


def request(engine: Engine, *conditioning: Conditioning, loras=(), **spec) -> GenerationRequest:
    spec = {**dict(aspect=aspect_of(engine), seconds=SECONDS, fps=FPS, steps=2, guidance=1.0), **spec}
    return GenerationRequest(VideoSpec(PROMPT, **spec), conditioning, loras)


def ends(engine: Engine) -> tuple[Conditioning, ...]:
    """A first frame, and a last one where the engine takes it (a first-last-frame model needs both)."""
    caps, last = engine.capabilities, frame_count(SECONDS, FPS) - 1
    return (
        Conditioning(picture(engine, 0), 0),
        *([Conditioning(picture(engine, 1), last)] if caps.last_frame or caps.conditioning_frames else []),
    )


def plain(engine: Engine, **spec) -> GenerationRequest:
    """The simplest request the engine can make: from text, or from images for image-to-video models."""
    if engine.capabilities.text_to_video:
        return request(engine, **spec)
    return request(engine, *ends(engine), **spec)


def test_videos_have_the_advertised_shape_and_frame_count(engine):
    caps = engine.capabilities
    assert all(w % caps.size_step == 0 and h % caps.size_step == 0 for w, h in caps.sizes.values())
    width, height = caps.sizes[aspect_of(engine)]
    seen = []
    videos = engine.generate(plain(engine, variations=2), progress=lambda done, total: seen.append((done, total)))
    assert len(videos) == 2
    for video in videos:
        assert video.dtype == np.uint8 and video.shape == (frame_count(SECONDS, FPS), height, width, 3)
    # progress counts up to its total, over both variations
    dones = [done for done, _ in seen]
    assert dones == sorted(set(dones)) and seen[-1][0] == seen[-1][1]


def test_same_seed_same_frames_other_seed_other_frames(engine):
    a = engine.generate(plain(engine, variations=2))
    b = engine.generate(plain(engine, variations=2))
    (other,) = engine.generate(plain(engine, seed=1))
    assert all(np.array_equal(x, y) for x, y in zip(a, b))
    assert not np.array_equal(a[0], a[1])  # variations are seeds of their own
    assert not np.array_equal(a[0], other)


def test_given_first_and_last_frames_come_back(engine):
    caps = engine.capabilities
    if not (caps.first_frame or caps.conditioning_frames):
        pytest.skip(f"{engine.name} takes no first frame")
    given = ends(engine)
    (video,) = engine.generate(request(engine, *given))
    assert video.shape[0] == frame_count(SECONDS, FPS)
    for item in given:
        assert psnr(video[item.frame], item.media) >= 30.0, item.frame


def needs(engine: Engine) -> dict[str, GenerationRequest]:
    """capability -> a request that needs it, for each capability the engine lacks (and nothing stands in for)."""
    caps, count = engine.capabilities, frame_count(SECONDS, FPS)
    clip = np.stack([picture(engine, s) for s in range(count)])
    anywhere = caps.conditioning_frames  # known pixels at any frame cover the narrower capabilities
    wants = {
        "text_to_video": (caps.text_to_video, request(engine)),
        "first_frame": (caps.first_frame or anywhere, request(engine, Conditioning(picture(engine, 1), 0))),
        "last_frame": (caps.last_frame or anywhere, request(engine, Conditioning(picture(engine, 1), count - 1))),
        "conditioning_frames": (anywhere, request(engine, Conditioning(picture(engine, 1), count // 2))),
        "video_to_video": (caps.video_to_video or anywhere, request(engine, Conditioning(clip, 0, strength=0.5))),
        "loras": (caps.loras, request(engine, loras=(("contract-lora", 1.0),))),
    }
    return {name: req for name, (can, req) in wants.items() if not can}


def test_refusals_name_the_missing_capability(engine):
    missing = needs(engine)
    if not missing:
        pytest.skip(f"{engine.name} lacks no capability a request can ask for")
    for capability, req in missing.items():
        with pytest.raises(UserError, match=rf"\b{capability}\b"):
            engine.generate(req)
