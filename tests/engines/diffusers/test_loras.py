"""LoRAs through diffusers' own loading: registry, weights per request, a distillation LoRA's recipe, refusals."""
from __future__ import annotations

import numpy as np
import pytest
import torch
from conftest import cli
from safetensors.torch import save_file

from vidloom.engines import get_engine
from vidloom.engines.diffusers.loras import WithLoras, load_loras
from vidloom.errors import UserError
from vidloom.media import read_metadata, read_video
from vidloom.spec import GenerationRequest, VideoSpec

WAN_LAYERS = ("attn1.to_q", "attn1.to_v", "attn2.to_q", "ffn.net.2")


def write_lora(path, seed=0, rank=4, width=24, prefix="transformer.blocks", layers=WAN_LAYERS, blocks=2):
    """A LoRA in diffusers' layout over the tiny Wan transformer's linear layers (inner width 24)."""
    g = torch.Generator().manual_seed(seed)
    state = {}
    for i in range(blocks):
        for layer in layers:
            cols = 32 if layer == "ffn.net.2" else width  # the tiny Wan's feed-forward is 32 wide
            state[f"{prefix}.{i}.{layer}.lora_A.weight"] = torch.randn(rank, cols, generator=g)
            state[f"{prefix}.{i}.{layer}.lora_B.weight"] = torch.randn(width, rank, generator=g)
    save_file(state, str(path))
    return path


def spec(**kw) -> VideoSpec:
    base = {"prompt": "a red ball moves left", "aspect": "1:1", "seconds": 0.5, "fps": 16, "steps": 2, "seed": 0}
    return VideoSpec(**{**base, **kw})


@pytest.fixture(scope="module")
def wan(tiny_model, tmp_path_factory):
    """The tiny Wan T2V with a style LoRA, a second LoRA and a 3-step distillation LoRA registered."""
    name = tiny_model("wan-t2v")
    folder = tmp_path_factory.mktemp("loras")
    for lora, seed, extra in (("style", 0, []), ("detail", 1, []),
                              ("turbo", 2, ["--steps", "3", "--guidance", "1", "--shift", "5"])):
        proc = cli("loras", "add", lora, "--path", str(write_lora(folder / f"{lora}.safetensors", seed)),
                   "--for", name, *extra)
        assert proc.returncode == 0, proc.stderr
    return name


def run(name, loras=(), progress=None, **kw) -> np.ndarray:
    return get_engine(name).generate(GenerationRequest(spec(**kw), loras=tuple(loras)), progress)[0]


def test_a_lora_changes_the_output_and_weight_zero_is_the_base_exactly(wan):
    base = run(wan)
    styled = run(wan, [("style", 0.8)])
    # the tiny random VAE damps what the transformer changes: a LoRA moves pixels by ~1 level of 255 on average
    assert np.abs(styled.astype(int) - base).mean() > 0.25
    assert np.array_equal(run(wan, [("style", 0.0)]), base)
    both = run(wan, [("style", 0.8), ("detail", 0.8)])
    assert np.abs(both.astype(int) - styled).mean() > 0.25  # several per request, each counts
    assert np.array_equal(run(wan), base)  # none named: the LoRAs are switched off again
    assert np.array_equal(run(wan, [("style", 0.8)]), styled)


def test_a_distillation_loras_recipe_reaches_the_engine(wan):
    engine = get_engine(wan)
    totals = []
    run(wan, [("turbo", 1.0)], progress=lambda done, total: totals.append(total), steps=None)
    assert totals[-1] == 3 and engine.pipe.guidance_scale == 1.0 and engine.pipe.scheduler.config.flow_shift == 5.0
    totals.clear()
    run(wan, [("turbo", 1.0)], progress=lambda done, total: totals.append(total), steps=2, guidance=4.0)
    assert totals[-1] == 2 and engine.pipe.guidance_scale == 4.0  # what the user asks for wins
    run(wan, steps=None, progress=lambda done, total: totals.append(total))
    assert totals[-1] == 30 and engine.pipe.scheduler.config.flow_shift == 3.0  # back to the model's own
    cli_engine = WithLoras(engine, (("turbo", 1.0),))  # what `--lora turbo` runs, and provenance records
    assert (cli_engine.default_steps, cli_engine.default_guidance) == (3, 1.0)
    assert WithLoras(engine, (("turbo", 0.0),)).default_steps == 30  # a LoRA at weight 0 brings nothing


def test_generate_with_lora_through_the_cli(wan, tmp_path):
    out = tmp_path / "lora.mp4"
    proc = cli("generate", "a red ball", "--engine", wan, "--aspect", "1:1", "--duration", "0.5", "--fps", "16",
               "--steps", "2", "--lora", "style:0.8", "--lora", "detail", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert read_video(out)[0].shape == (8, 32, 32, 3)
    assert "LoRA style:0.8, detail:1" in str(read_metadata(out))
    listing = cli("loras", "list").stdout
    assert "turbo" in listing and "steps=3 guidance=1 shift=5" in listing


def test_bad_loras_are_refused_with_a_reason(wan, tiny_model, tmp_path):
    junk = tmp_path / "junk.safetensors"
    junk.write_bytes(b"not a tensor file at all")
    plain = tmp_path / "plain.safetensors"
    save_file({"weight": torch.zeros(2, 2)}, str(plain))
    ltx_style = write_lora(tmp_path / "ltx.safetensors", prefix="transformer.transformer_blocks")
    wide = write_lora(tmp_path / "wide.safetensors", width=48)
    for path, model, message in [
        (junk, wan, "is not a readable .safetensors file"),
        (plain, wan, "holds no LoRA weights"),
        (ltx_style, wan, "it is a LoRA for another model family"),
        (wide, wan, "is for a model of another size"),
        (tmp_path / "missing.safetensors", wan, "does not exist"),
        (plain, "vidloom-mini", "vidloom-mini takes none"),
    ]:
        proc = cli("loras", "add", "bad", "--path", str(path), "--for", model)
        assert proc.returncode == 2 and proc.stderr.startswith("error: ") and message in proc.stderr, proc.stderr
    assert "bad" not in load_loras()
    ltx = tiny_model("ltx")
    for args, message in [
        (["--engine", wan, "--lora", "nothing"], "no LoRA named 'nothing'"),
        (["--engine", wan, "--lora", "style:lots"], "is not a number"),
        (["--engine", wan, "--lora", "style:7"], "out of range"),
        (["--engine", ltx, "--lora", "style"], f"the LoRA style was made for {wan}, not {ltx}"),
        (["--lora", "style"], "vidloom-mini takes no LoRAs"),
    ]:
        proc = cli("generate", "a red ball", "--duration", "0.5", *args, "-o", str(tmp_path / "x.mp4"))
        assert proc.returncode == 2 and message in proc.stderr, proc.stderr
        assert not list(tmp_path.glob("x*"))
    with pytest.raises(UserError, match="weight 5 of style is out of range"):  # the request field, as the API sends it
        run(wan, [("style", 5.0)])
    broken = write_lora(tmp_path / "broken.safetensors", seed=3)
    assert cli("loras", "add", "broken", "--path", str(broken), "--for", wan).returncode == 0
    broken.write_bytes(b"damaged after it was registered")
    with pytest.raises(UserError, match="the LoRA broken .* does not fit"):
        run(wan, [("broken", 1.0)])
    assert np.array_equal(run(wan), run(wan, [("style", 0.0)]))  # the engine still runs, the base unchanged
    with pytest.raises(UserError, match="named twice"):
        WithLoras(get_engine(wan), (("style", 1.0), ("style", 0.5)))
    assert cli("loras", "remove", "detail").returncode == 0 and "detail" not in load_loras()
    proc = cli("loras", "remove", "detail")
    assert proc.returncode == 2 and "no LoRA named 'detail'" in proc.stderr


def test_a_two_expert_wan_takes_a_lora_into_both_transformers(tiny_model, tmp_path):
    """Wan 2.2 A14B samples its high-noise steps with `transformer`, its low-noise ones with `transformer_2`:
    a LoRA loads into both, so the second stage is styled too, and weight 0 is the base exactly."""
    name = tiny_model("wan-a14b")
    wide = write_lora(tmp_path / "wide.safetensors", width=48)
    proc = cli("loras", "add", "wide", "--path", str(wide), "--for", name)  # checked against both experts
    assert proc.returncode == 2 and "is for a model of another size" in proc.stderr, proc.stderr
    proc = cli("loras", "add", "experts", "--path", str(write_lora(tmp_path / "experts.safetensors", 5)),
               "--for", name)
    assert proc.returncode == 0, proc.stderr
    base = run(name)
    styled = run(name, [("experts", 0.8)])
    assert np.abs(styled.astype(int) - base).mean() > 0.25
    assert np.array_equal(run(name, [("experts", 0.0)]), base)
    pipe = get_engine(name).pipe
    assert all("experts" in pipe.get_list_adapters()[t] for t in ("transformer", "transformer_2"))
    # the second-stage transformer alone, on one latent, timestep and prompt: the LoRA moves its output,
    # at weight 0 it is the base transformer's exactly
    second = pipe.transformer_2
    g, on = torch.Generator().manual_seed(0), dict(device=second.device, dtype=second.dtype)
    latent, text = torch.randn(1, 16, 1, 4, 4, generator=g).to(**on), torch.randn(1, 8, 32, generator=g).to(**on)
    out = {}
    with torch.no_grad():
        for weight in (0.8, 0.0):
            pipe.set_adapters(["experts"], adapter_weights=[weight])
            out[weight] = second(latent, torch.tensor([300]), text, return_dict=False)[0]
        pipe.disable_lora()
        out["base"] = second(latent, torch.tensor([300]), text, return_dict=False)[0]
    pipe.enable_lora()
    assert (out[0.8] - out["base"]).abs().mean() > 1e-3 * out["base"].abs().mean()
    assert torch.equal(out[0.0], out["base"])
