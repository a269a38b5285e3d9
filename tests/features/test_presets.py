"""Presets: a registry of named looks; noir is grayscale, archival sepia with grain, stop-motion stutters."""
import numpy as np
import pytest

from vidloom.errors import UserError
from vidloom.features import PRESETS, get_preset
from vidloom.operations.files import animate
from vidloom.media import Grade, grade, read_metadata, read_video

from .conftest import needs_weights

NAMES = ("natural", "archival", "film-noir", "papercraft", "neon", "pastel", "stop-motion")


def test_registry_holds_the_named_looks_and_finds_them_by_loose_names():
    assert set(NAMES) <= set(PRESETS)
    assert get_preset("Film Noir") is PRESETS["film-noir"] and get_preset("stop_motion") is PRESETS["stop-motion"]
    assert get_preset(None).name == "natural"
    with pytest.raises(UserError, match="unknown preset 'sepia'.*archival"):
        get_preset("sepia")


def test_every_grade_changes_the_frames_but_natural(red_ball):
    frames = red_ball[0]
    for name, preset in PRESETS.items():
        changed = np.abs(preset.apply(frames).astype(int) - frames).mean()
        assert (changed == 0) == (name == "natural"), name


def test_stop_motion_holds_frames_like_a_camera_on_twos(red_ball):
    out = grade(red_ball[0], Grade(hold=2))
    assert np.array_equal(out[0::2], out[1::2]) and not np.array_equal(out[0], out[2])


def _chroma(frames: np.ndarray) -> float:
    f = frames.astype(int)
    return float(np.abs(f - f.mean(-1, keepdims=True)).max(-1).mean())


def _grain(frames: np.ndarray) -> float:
    """High-frequency energy: difference of each pixel from its horizontal neighbours' mean."""
    g = frames.astype(np.float32).mean(-1)
    return float(np.abs(g[:, :, 1:-1] - (g[:, :, :-2] + g[:, :, 2:]) / 2).mean())


@needs_weights
def test_noir_is_grayscale_and_archival_is_sepia_with_grain(engine, tmp_path, red_ball):
    """On the shipped model, through the MP4 the user gets (H.264 4:2:0 round trip included)."""
    still = tmp_path / "still.png"
    from PIL import Image

    Image.fromarray(red_ball[0][0]).save(still)
    out = {}
    for name in ("natural", "film-noir", "archival"):
        (path,) = animate(still, "a red ball moves right over a grass field", seconds=1, steps=3, preset=name,
                          engine=engine, output=tmp_path / f"{name}.mp4")
        out[name] = read_video(path)[0]
        assert read_metadata(path)["preset"] == name
    assert _chroma(out["natural"]) > 20
    assert _chroma(out["film-noir"]) < 2.0  # gray: R = G = B up to the codec's rounding
    r, g, b = out["archival"].reshape(-1, 3).astype(float).mean(0)
    assert r > g + 10 and g > b + 10  # sepia: warm brown tones, red over green over blue
    assert _chroma(out["archival"]) < _chroma(out["natural"])
    assert _grain(out["archival"]) > _grain(out["natural"]) + 1.0
