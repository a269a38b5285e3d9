import subprocess
import sys

import pytest
import torch

from vidloom.model.text_encoder import TextEncoder


@pytest.fixture(scope="module")
def encoder():
    return TextEncoder()


def test_matches_shapes_and_masks_padding(encoder):
    states, mask, pooled = encoder(["a red ball", "a blue box falls in outer space"])
    assert states.shape == (2, 32, 384) and mask.shape == (2, 32) and pooled.shape == (2, 384)
    assert mask[0].sum() < mask[1].sum()
    assert torch.allclose(pooled.norm(dim=-1), torch.ones(2), atol=1e-5)


def test_calling_encodes_the_text_as_written(encoder):
    # grounding happens before the encoder (vidloom.world.grounding), so both paths are the same
    prompts = ["a crimson parrot flying left over the ocean"]
    for a, b in zip(encoder(prompts), encoder.encode(prompts)):
        assert torch.equal(a, b)


def test_similar_phrasings_land_near_each_other(encoder):
    _, _, pooled = encoder(["a ball moves left over a grass field", "a sphere drifting leftwards over a meadow",
                            "a fish swims in the ocean"])
    assert pooled[0] @ pooled[1] > pooled[0] @ pooled[2]


def test_the_encoder_does_not_import_the_world():
    # model/ holds networks only; grounding lives in vidloom.world (VISION.md: model never imports world)
    code = "import sys, vidloom.model.text_encoder; print(any(m.startswith('vidloom.world') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
