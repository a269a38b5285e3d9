import numpy as np
import pytest
import torch

from vidloom.world import render, sample_scene
from vidloom.world.render_batch import View, render_batch
from vidloom.world.vocab import AMBIENCES, CAMERAS, OBJECTS, SETTINGS

TEXTURED = ("grass field", "night sky", "outer space")  # grain and stars: torch's generator, not numpy's


def scenes(n: int, seed: int, textured: bool = False):
    rng, out = np.random.default_rng(seed), []
    while len(out) < n:
        s = sample_scene(rng, plain_p=0.2)
        if (s.setting in TEXTURED) == textured:
            out.append(s)
    return out


def reference(batch, w, h, start, frames):
    clips = [render(s, w, h, 8, 4, window=(start, start + frames)) for s in batch]
    return np.stack([c for c, _ in clips]), [t.boxes for _, t in clips]


@pytest.fixture(scope="module", params=[False, True], ids=["one by one", "grouped"])
def drawn(request):
    """Frames drawn one object at a time (the CPU's way) and a kind at a time (a GPU's), against render's."""
    batch = scenes(36, seed=3)
    ref, boxes = reference(batch, 128, 128, 8, 8)
    out, out_boxes = render_batch(batch, [View(128, 128, start=8)] * len(batch), 8, (128, 128), group=request.param)
    return batch, ref, boxes, out.numpy(), out_boxes.numpy()


def test_the_batch_covers_the_world(drawn):
    batch = drawn[0]
    assert {s.camera for s in batch} == set(CAMERAS)
    assert {s.ambience for s in batch} == set(AMBIENCES)
    assert {o.kind for s in batch for o in s.objects} == set(OBJECTS)
    assert {s.setting for s in batch} == set(SETTINGS) - set(TEXTURED)


def test_frames_are_render_s(drawn):
    _, ref, _, out, _ = drawn
    assert out.shape == ref.shape and out.dtype == np.uint8
    diff = np.abs(out.astype(int) - ref.astype(int))
    psnr = 10 * np.log10(255 ** 2 / max((diff ** 2).mean(), 1e-12))
    assert psnr > 60, psnr
    assert (diff > 2).mean() < 1e-4  # float32 vs float64 can tip a threshold, a pixel here and there


def test_boxes_are_render_s(drawn):
    _, _, boxes, _, out_boxes = drawn
    for ref, got in zip(boxes, out_boxes):
        got = got[:, :ref.shape[1]]
        assert np.array_equal(np.isnan(ref), np.isnan(got))
        assert np.nanmax(np.abs(ref - got), initial=0) <= 1
        assert np.isnan(got[:, ref.shape[1]:]).all()  # padding for scenes with fewer objects


def test_a_viewport_is_the_same_pixels_as_the_whole_frame(drawn):
    batch, ref = drawn[0][:6], drawn[1][:6]
    out, boxes = render_batch(batch, [View(128, 128, start=8, x0=32, y0=48)] * 6, 8, (64, 64))
    assert np.abs(out.numpy().astype(int) - ref[:, :, 48:112, 32:96].astype(int)).max() <= 2
    assert ((boxes[..., :2] >= 0) & (boxes[..., 2:] <= 64))[~boxes.isnan()[..., :2].any(-1)].all()


def test_textured_settings_match_in_distribution():
    batch = scenes(6, seed=5, textured=True)
    ref, _ = reference(batch, 224, 128, 0, 4)
    out, _ = render_batch(batch, [View(224, 128)] * len(batch), 4, (224, 128))
    mean_ref, mean_out = ref.reshape(len(batch), -1, 3).mean(1), out.numpy().reshape(len(batch), -1, 3).mean(1)
    assert np.abs(mean_ref - mean_out).max() < 1.5
    assert not np.array_equal(ref, out.numpy())  # the grain and stars are drawn afresh


def test_same_scenes_same_frames():
    batch = scenes(3, seed=8, textured=True)
    a, _ = render_batch(batch, [View(128, 224)] * 3, 4, (128, 224))
    b, _ = render_batch(batch, [View(128, 224)] * 3, 4, (128, 224))
    assert torch.equal(a, b)


def test_grouped_and_one_by_one_agree_on_mixed_views():
    rng = np.random.default_rng(9)
    batch = scenes(10, seed=9) + scenes(4, seed=9, textured=True)
    views = [View(int(w), int(h), fps=8.0 * rate, seconds=4.0, start=int(rng.integers(0, 20)),
                  x0=int(rng.integers(0, w - 48)), y0=int(rng.integers(0, h - 48)))
             for w, h, rate in [((224, 128, 1), (128, 128, 3), (256, 448, 1))[i % 3] for i in range(len(batch))]]
    a, boxes_a = render_batch(batch, views, 6, (48, 48), group=False)
    b, boxes_b = render_batch(batch, views, 6, (48, 48), group=True)
    assert (a.int() - b.int()).abs().max() <= 2
    assert torch.equal(boxes_a.isnan(), boxes_b.isnan()) and (boxes_a - boxes_b).nan_to_num().abs().max() <= 1
