"""Variations: 1, 2 or 4 distinct videos from one request, the same again for the same seed."""
from dataclasses import replace

import numpy as np

from vidloom.features import loop, remix
from vidloom.operations.files import animate
from vidloom.media import read_metadata, read_video
from vidloom.spec import VideoSpec

from ..videos import same_decoded_video
from .conftest import needs_weights

pytestmark = needs_weights


def test_four_variations_are_distinct_and_reproducible(engine, tmp_path, red_ball):
    from PIL import Image

    Image.fromarray(red_ball[0][0]).save(tmp_path / "still.png")
    runs = []
    for name in ("a", "b"):
        paths = animate(tmp_path / "still.png", "a red ball moves right over a grass field", seconds=1, steps=2,
                        seed=7, variations=4, engine=engine, output=tmp_path / f"{name}.mp4")
        assert [p.name for p in paths] == [f"{name}.mp4", f"{name}-2.mp4", f"{name}-3.mp4", f"{name}-4.mp4"]
        runs.append([read_video(p)[0] for p in paths])
        assert [read_metadata(p)["variation"] for p in paths] == [1, 2, 3, 4]
    for a, b in zip(*runs):  # the same seed gives the same videos
        assert same_decoded_video(a, b)
    first = runs[0]
    for i in range(4):
        for j in range(i + 1, 4):
            assert np.abs(first[i][1:].astype(int) - first[j][1:]).mean() > 1.0  # distinct after the shared still


def test_multi_call_features_number_variations_like_the_engine(engine, red_ball):
    spec = VideoSpec("a red ball moves right over a grass field", seconds=2, steps=2, seed=4, variations=2)
    both = loop(engine, spec, red_ball[0], 8, "short")
    second = loop(engine, replace(spec, seed=5, variations=1), red_ball[0], 8, "short")
    assert np.array_equal(both[1], second[0]) and not np.array_equal(both[0], both[1])
    a, b = remix(engine, red_ball[0], 8, spec, "mild")
    assert np.abs(a.astype(int) - b).mean() > 1.0
