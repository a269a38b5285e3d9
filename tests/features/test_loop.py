"""Loop: the seam (last frame -> first) is no larger than the changes inside the clip."""

import numpy as np
import pytest

from vidloom.errors import UserError
from vidloom.features import LENGTHS, loop
from vidloom.features.loop import seam_ratio
from vidloom.spec import VideoSpec

from .conftest import STEPS, frame_steps, needs_weights

pytestmark = needs_weights
SPEC = VideoSpec("a yellow star moves left in the blue sky", seconds=4, steps=STEPS, seed=1)


def test_a_loop_of_a_clip_has_no_seam(engine, red_ball):
    (video,) = loop(engine, SPEC, red_ball[0], 8, "normal")
    assert len(video) == LENGTHS["normal"] * 8
    assert seam_ratio(video) <= 1.0  # the seam is no larger than the median frame-to-frame change


@pytest.mark.parametrize("length", ["short", "long"])
def test_a_loop_of_a_prompt_has_the_length_asked_and_no_jump_at_the_seam(engine, length):
    (video,) = loop(engine, SPEC, length=length)
    assert len(video) == LENGTHS[length] * 8
    seam = np.abs(video[0].astype(np.float32) - video[-1]).mean()
    # vidloom-mini's own clips change most across its 4-frame latent groups; the seam is no worse than those
    assert seam <= frame_steps(video).max()
    assert seam_ratio(video) < 4.0


def test_unknown_length_and_short_clip_are_refused(engine, red_ball):
    with pytest.raises(UserError, match="unknown loop length 'forever'"):
        loop(engine, SPEC, length="forever")
    with pytest.raises(UserError, match="too short"):
        loop(engine, SPEC, red_ball[0][:6], 8, "normal")
