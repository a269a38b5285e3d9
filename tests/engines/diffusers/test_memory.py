"""Memory profiles: what each picks for a Wan 2.1 14B-shaped model, and a profile applied when a model loads."""
from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import cli

from vidloom.engines import get_engine
from vidloom.engines.diffusers.memory import Component, components, plan
from vidloom.engines.diffusers.registry import load_registry

# Wan 2.1 T2V 14B as published: transformer 14.0 B params (40 blocks), UMT5-XXL encoder 5.7 B (24 layers), VAE 0.13 B
WAN_14B = {"transformer": Component(14_000_000_000, 5120 * 13824, 40),
           "text_encoder": Component(5_700_000_000, 256384 * 4096, 24),
           "vae": Component(127_000_000, 384 * 384 * 27, 1)}


@pytest.fixture()
def wan14(tiny_model):
    """The tiny Wan T2V entry at its native 832x480 tier, planned with the 14B model's parameter counts."""
    name = tiny_model("wan-t2v")
    return replace(load_registry()[name], resolution=None)


@pytest.mark.parametrize("vram, quantize, offload, tiling", [
    (80, "none", "none", False),  # 28 GB of bfloat16 weights and the encoder stay on the card
    (48, "none", "none", False),
    (24, "int8", "model", True),  # 14 GB of int8 transformer, one component at a time
    (16, "int8", "model", True),
    (12, "int8", "group", True),  # blocks streamed from the CPU
    (8, "int8", "group", True),
])
def test_each_profile_picks_what_fits(wan14, vram, quantize, offload, tiling):
    chosen = plan(wan14, vram, WAN_14B)
    assert (chosen.quantize, chosen.offload, chosen.vae_tiling) == (quantize, offload, tiling)
    assert chosen.fits and chosen.peak_gb <= 0.9 * vram
    text = chosen.describe()
    assert f"quantize {quantize}, offload {offload}" in text and "expected peak" in text


def test_the_fastest_setting_that_fits_wins(wan14):
    for vram in (8, 12, 16, 24, 48, 80):
        chosen = plan(wan14, vram, WAN_14B)
        bigger = plan(wan14, vram * 2, WAN_14B)
        assert bigger.peak_gb >= chosen.peak_gb  # more memory never buys a slower, smaller setting


def test_plan_reads_the_folder_and_a_profile_applies_on_load(tiny_model, tmp_path):
    name = tiny_model("wan-t2v")
    parts = components(load_registry()[name])
    assert set(parts) == {"transformer", "text_encoder", "vae"} and parts["transformer"].layers == 2
    proc = cli("models", "plan", name)
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) == 6 and "80 GB: quantize none, offload none" in proc.stdout
    assert cli("models", "add", "profiled", "--path", load_registry()[name].path, "--vram", "8", "--resolution", "32",
               "--device", "cpu").returncode == 0
    entry = load_registry()["profiled"]
    chosen = plan(entry, 8)
    engine = get_engine("profiled")
    assert (engine.entry.quantize, engine.entry.offload, engine.entry.vae_tiling) == (
        chosen.quantize, chosen.offload, chosen.vae_tiling)
    proc = cli("models", "plan", name, "--vram", "10")
    assert proc.returncode == 2 and "unknown vram profile" in proc.stderr
    proc = cli("models", "plan", "nothing")
    assert proc.returncode == 2 and "no model named" in proc.stderr

