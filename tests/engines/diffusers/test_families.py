"""The family table: what a registered model can do is read without torch and agrees with the loaded engine."""
from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO

from vidloom.engines import get_engine
from vidloom.engines.diffusers.families import capabilities_of
from vidloom.errors import UserError


@pytest.mark.parametrize("key", ["wan-t2v", "wan-flf", "ltx", "cogvideox-i2v", "hunyuan"])
def test_capabilities_without_loading_match_the_engine(tiny_model, key):
    name = tiny_model(key)
    assert capabilities_of(name) == get_engine(name).capabilities


def test_the_lookup_imports_neither_torch_nor_diffusers(tiny_model):
    name = tiny_model("wan-t2v")
    code = (f"import sys; from vidloom.engines.catalog import capabilities; "
            f"assert capabilities('vidloom-mini').conditioning_frames; "
            f"print(capabilities({name!r}).frame_step, 'torch' in sys.modules, 'diffusers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True).stdout
    assert out.split() == ["4", "False", "False"]


def test_unknown_names_are_refused(vidloom_home):
    with pytest.raises(UserError, match="no model named 'nothing'"):
        capabilities_of("nothing")
