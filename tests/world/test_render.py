import time

import numpy as np
import pytest

from vidloom.world import caption, is_held_out, render, sample_scene, scene_for
from vidloom.world.caption import caption_vocabulary
from vidloom.world.scene import combo_key
from vidloom.world.vocab import COLOURS, OBJECTS


@pytest.mark.parametrize("size", [(224, 128), (128, 128), (128, 224)])
def test_render_shapes_and_truth(size):
    w, h = size
    frames, truth = render(scene_for("red", "ball", "right", "grass field", seed=1), w, h, fps=8, seconds=4)
    assert frames.shape == (32, h, w, 3) and frames.dtype == np.uint8
    assert truth.centers.shape == (32, 1, 2)
    # the ball moves right by 0.45 of the frame width
    dx = truth.centers[-1, 0, 0] - truth.centers[0, 0, 0]
    assert dx == pytest.approx(0.45 * w, rel=1e-3)


def test_object_pixels_have_the_named_colour():
    frames, truth = render(scene_for("blue", "box", "still", "desert", seed=2), 128, 128)
    x, y = truth.centers[0, 0].astype(int)
    pixel = frames[0, y, x].astype(int)
    assert np.abs(pixel - np.array(COLOURS["blue"])).max() < 60


def test_static_background_does_not_change():
    frames, truth = render(scene_for("red", "star", "still", "night sky", seed=3), 128, 128)
    assert np.abs(np.diff(frames.astype(int), axis=0)).max() == 0


def test_same_seed_same_clip_and_fast():
    rng_a, rng_b = np.random.default_rng(7), np.random.default_rng(7)
    sa, sb = sample_scene(rng_a), sample_scene(rng_b)
    assert sa == sb
    t = time.perf_counter()
    fa, _ = render(sa, 224, 128, 8, 4)
    elapsed = time.perf_counter() - t
    fb, _ = render(sb, 224, 128, 8, 4)
    assert np.array_equal(fa, fb)
    assert elapsed < 1.0  # "a 4 s clip renders in well under a second"


def test_window_renders_the_same_frames():
    scene = scene_for("pink", "fish", "left", "ocean", seed=4)
    full, _ = render(scene, 128, 128)
    part, _ = render(scene, 128, 128, window=(8, 16))
    assert np.array_equal(full[8:16], part)


def test_train_split_never_contains_held_out_combinations():
    rng = np.random.default_rng(0)
    for _ in range(300):
        assert not is_held_out(*combo_key(sample_scene(rng, holdout="train")))
        assert is_held_out(*combo_key(sample_scene(rng, holdout="test")))


def test_captions_vary_and_name_the_attributes():
    scene = scene_for("green", "heart", "falls", "snow field", seed=5)
    texts = {caption(scene, i) for i in range(30)}
    assert len(texts) > 5
    for text in texts:
        assert "green" in text and "heart" in text
    assert {"green", "heart", "falls"} <= caption_vocabulary()
    assert set(OBJECTS) <= caption_vocabulary()
