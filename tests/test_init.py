"""`import vidloom` stays light: no torch until a model is needed."""
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_import_vidloom_and_the_cli_do_not_import_torch():
    code = ("import sys, vidloom, vidloom.cli; vidloom.generate; from vidloom import UserError; "
            "assert issubclass(UserError, ValueError); assert 'torch' not in sys.modules, 'torch imported'")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_unknown_attribute():
    import pytest

    import vidloom

    with pytest.raises(AttributeError):
        vidloom.no_such_thing
