"""Quantized and single-file transformers: a GGUF file written here loads and generates; int8 / fp8 on load."""
from __future__ import annotations

import numpy as np
import pytest
import torch
from conftest import cli, t5, tokenizer, wan_transformer, wan_vae

from vidloom.engines import get_engine
from vidloom.engines.diffusers.registry import load_registry
from vidloom.spec import GenerationRequest, VideoSpec

gguf = pytest.importorskip("gguf")
pytest.importorskip("optimum.quanto")

# diffusers' Wan names -> the original Wan checkpoint's (what GGUF files of Wan carry; diffusers converts back)
TO_ORIGINAL = [("condition_embedder.time_embedder.linear_1", "time_embedding.0"),
               ("condition_embedder.time_embedder.linear_2", "time_embedding.2"),
               ("condition_embedder.text_embedder.linear_1", "text_embedding.0"),
               ("condition_embedder.text_embedder.linear_2", "text_embedding.2"),
               ("condition_embedder.time_proj", "time_projection.1"),
               ("attn1.", "self_attn."), ("attn2.", "cross_attn."),
               (".to_out.0.", ".o."), (".to_q.", ".q."), (".to_k.", ".k."), (".to_v.", ".v."),
               ("ffn.net.0.proj", "ffn.0"), ("ffn.net.2", "ffn.2"), (".norm2.", ".norm3.")]


def original_name(key: str) -> str:
    if key == "scale_shift_table":
        return "head.modulation"
    if key.startswith("proj_out."):
        return key.replace("proj_out", "head.head")
    for ours, theirs in TO_ORIGINAL:
        key = key.replace(ours, theirs)
    return key.replace(".scale_shift_table", ".modulation")


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    mse = np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2)
    return float(10 * np.log10(255.0**2 / max(mse, 1e-10)))


@pytest.fixture(scope="module")
def wide_wan(tmp_path_factory, vidloom_home):
    """A tiny Wan T2V 32 wide (Q8_0 packs rows in blocks of 32), registered as it is, in float32."""
    import diffusers as d

    torch.manual_seed(0)
    pipe = d.WanPipeline(vae=wan_vae(), transformer=wan_transformer(attention_head_dim=16, ffn_dim=64),
                         tokenizer=tokenizer(), text_encoder=t5(umt5=True),
                         scheduler=d.UniPCMultistepScheduler(prediction_type="flow_prediction", use_flow_sigmas=True,
                                                             flow_shift=3.0))
    folder = tmp_path_factory.mktemp("wide-wan")
    pipe.save_pretrained(folder)
    assert cli("models", "add", "wide-wan", "--path", str(folder), "--resolution", "32", "--device", "cpu",
               "--dtype", "float32").returncode == 0
    return folder, pipe.transformer.state_dict()


def write_gguf(path, state: dict) -> int:
    """Every 2-D weight 32 wide as Q8_0 (8-bit blocks), the rest as float32; returns how many were quantized."""
    writer = gguf.GGUFWriter(str(path), "wan")
    quantized = 0
    for key, value in state.items():
        array = value.float().numpy()
        if array.ndim == 2 and array.shape[-1] % 32 == 0:
            packed = gguf.quants.quantize(array, gguf.GGMLQuantizationType.Q8_0)
            writer.add_tensor(original_name(key), packed, raw_dtype=gguf.GGMLQuantizationType.Q8_0)
            quantized += 1
        else:
            writer.add_tensor(original_name(key), array)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return quantized


def run(name: str) -> np.ndarray:
    spec = VideoSpec("a red ball moves left", aspect="1:1", seconds=0.5, fps=16, steps=3, seed=0)
    return get_engine(name).generate(GenerationRequest(spec))[0]


def test_a_gguf_transformer_loads_quantized_and_generates(wide_wan, tmp_path):
    folder, state = wide_wan
    file = tmp_path / "wan-q8_0.gguf"
    assert write_gguf(file, state) >= 10
    proc = cli("models", "add", "gguf-wan", "--path", str(folder), "--transformer", str(file), "--resolution", "32",
               "--device", "cpu", "--dtype", "float32")
    assert proc.returncode == 0, proc.stderr
    assert load_registry()["gguf-wan"].transformer == str(file)
    engine = get_engine("gguf-wan")
    from diffusers.quantizers.gguf.utils import GGUFParameter

    weight = engine.pipe.transformer.blocks[0].attn1.to_q.weight
    assert isinstance(weight, GGUFParameter) and weight.dtype == torch.uint8  # kept packed, 8 bits
    assert psnr(run("gguf-wan"), run("wide-wan")) > 40  # Q8_0 of the same weights; 86 dB measured
    from vidloom.engines.diffusers.memory import components

    packed, full = (components(load_registry()[n])["transformer"] for n in ("gguf-wan", "wide-wan"))
    assert packed.params == full.params and packed.stored_bytes < 0.8 * full.params * 4  # planned at its packed size


def test_int8_and_fp8_weight_only_quantization(wide_wan):
    folder, _ = wide_wan
    base = run("wide-wan")
    from optimum.quanto import QLinear

    # stated floors against float32; measured 86 and 81 dB (the tiny random VAE damps what the transformer changes)
    for mode, floor in (("int8", 40), ("fp8", 35)):
        name = f"{mode}-wan"
        proc = cli("models", "add", name, "--path", str(folder), "--quantize", mode, "--resolution", "32",
                   "--device", "cpu", "--dtype", "float32")
        assert proc.returncode == 0, proc.stderr
        engine = get_engine(name)
        assert isinstance(engine.pipe.transformer.blocks[0].attn1.to_q, QLinear)
        out = run(name)
        assert out.shape == base.shape and psnr(out, base) > floor, (mode, psnr(out, base))


def test_combinations_that_cannot_work_are_refused(wide_wan, tiny_model, tmp_path):
    folder, _ = wide_wan
    fake = tmp_path / "fake.gguf"
    fake.write_bytes(b"not gguf at all")
    real = tmp_path / "real.gguf"
    write_gguf(real, {"x": torch.zeros(2, 32)})
    cog, a14b = tiny_model("cogvideox-t2v"), tiny_model("wan-a14b")
    cog, a14b = load_registry()[cog].path, load_registry()[a14b].path
    for path, args, message in [
        (folder, ["--transformer", str(real), "--quantize", "int8"], "loads as it is stored"),
        (folder, ["--transformer", str(fake)], "is not a GGUF file"),
        (folder, ["--transformer", str(tmp_path / "none.gguf")], "does not exist"),
        (folder, ["--transformer", str(tmp_path / "x.ckpt")], "does not exist"),
        (folder, ["--quantize", "int4"], "unknown quantize setting 'int4'"),
        (folder, ["--vram", "10"], "unknown vram setting '10'"),
        (cog, ["--transformer", str(real)], "does not load from a single file"),
        (a14b, ["--transformer", str(real)], "one transformer file cannot replace both"),
    ]:
        proc = cli("models", "add", "bad", "--path", str(path), *args)
        assert proc.returncode == 2 and message in proc.stderr, proc.stderr
    assert "bad" not in load_registry()
    # a GGUF file of another model fails when it loads, with the reason, and nothing is written
    assert cli("models", "add", "wrong-gguf", "--path", str(folder), "--transformer", str(real),
               "--device", "cpu").returncode == 0
    proc = cli("generate", "a red ball", "--engine", "wrong-gguf", "--duration", "0.5", "-o", str(tmp_path / "x.mp4"))
    assert proc.returncode == 2 and "does not load as WanTransformer3DModel" in proc.stderr, proc.stderr
    assert not list(tmp_path.glob("x*"))
