"""bench/gpu_engines.py runs end to end on the CPU with --tiny, and vidloom's engine matches stock diffusers."""
from __future__ import annotations

import math
import re

import pytest

pytest.importorskip("diffusers")

from bench.gpu_engines import main  # noqa: E402


def test_tiny_run_prints_the_table(capsys):
    assert main(["--tiny"]) == 0
    table = capsys.readouterr().out
    rows = {m.group(1).strip(): m.groups()[1:] for m in
            re.finditer(r"^\| ([^|]+?)\s+\| +([\d.]+) \| +([\d.]+) \| +(\S+) \| +([\d.]+)x \| +(\S+) \|$", table, re.M)}
    assert set(rows) == {"stock diffusers WanPipeline", "vidloom WanEngine", "+ attention native",
                         "+ FirstBlockCache (0.05)", "+ TaylorSeer cache", "+ pyramid attention broadcast"}
    # the same settings through vidloom and through a stock pipeline call give the same frames
    assert math.isinf(float(rows["stock diffusers WanPipeline"][4]))
    assert all(float(r[0]) > 0 for r in rows.values())
