"""The torch-free capability lookup by model name says what the loaded engine says, for every family."""
from __future__ import annotations

import subprocess
import sys

import pytest

from vidloom.engines import get_engine
from vidloom.engines.catalog import BUILTIN, capabilities
from vidloom.errors import UserError

from conftest import BUILDERS, REPO


@pytest.mark.parametrize("key", sorted(BUILDERS))
def test_lookup_matches_the_loaded_engine(tiny_model, key):
    name = tiny_model(key)
    assert capabilities(name) == get_engine(name).capabilities


def test_the_builtin_and_unknown_names():
    assert capabilities("vidloom-mini") == BUILTIN == get_engine("vidloom-mini").capabilities
    with pytest.raises(UserError, match="unknown model 'no-such'") as info:
        capabilities("no-such")
    assert info.value.param == "model"


def test_the_lookup_imports_no_torch(tiny_model):
    name = tiny_model("cogvideox-t2v")
    code = ("import sys; from vidloom.engines.catalog import capabilities; "
            f"print(capabilities({name!r}).text_to_video, 'torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True).stdout
    assert out.split() == ["True", "False"]
