"""Tiny randomly initialised diffusers models of each family, built in code (no hub), saved with
save_pretrained and registered with `vidloom models add` in a throwaway VIDLOOM_HOME. Here, above
diffusers/, so the engine contract suite (test_contract.py) runs them next to vidloom-mini."""
from __future__ import annotations

import os
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import numpy as np
import pytest
import torch

# the [diffusers] extra: without it the open-weight tests are not collected
OPEN_WEIGHTS = find_spec("diffusers") is not None and find_spec("transformers") is not None
collect_ignore = [] if OPEN_WEIGHTS else ["diffusers"]

REPO = Path(__file__).resolve().parents[2]
WORDS = ("a red ball blue box green star moves left right over grass field sky sunset the bird flies ocean "
         "describe video by detailing following aspects main content and theme of color shape size texture "
         "quantity text spatial relationships objects actions events behaviors interactions background "
         "environment camera angles movements transitions used in user assistant system header id eot").split()


def tokenizer(eos: bool = True, bos: str | None = None):
    """A word-level fast tokenizer over a small vocabulary: what a T5/Llama/CLIP tokenizer does, in code."""
    from tokenizers import Tokenizer, models, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    specials = ["<pad>", "</s>", "<unk>", "<s>"]
    vocab = {w: i for i, w in enumerate(specials + sorted(set(WORDS)))}
    tk = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    tk.pre_tokenizer = pre_tokenizers.Whitespace()
    single = " ".join(([bos] if bos else []) + ["$A"] + (["</s>"] if eos else []))
    tk.post_processor = processors.TemplateProcessing(single=single, special_tokens=[("</s>", 1), ("<s>", 3)])
    return PreTrainedTokenizerFast(tokenizer_object=tk, pad_token="<pad>", eos_token="</s>", unk_token="<unk>",
                                   bos_token="<s>")


VOCAB = 4 + len(set(WORDS)) + 4


def t5(umt5: bool = False, d_model: int = 32):
    from transformers import T5Config, T5EncoderModel, UMT5Config, UMT5EncoderModel

    cfg = dict(vocab_size=VOCAB, d_model=d_model, d_kv=8, d_ff=64, num_layers=2, num_heads=4,
               relative_attention_num_buckets=8)
    return UMT5EncoderModel(UMT5Config(**cfg)) if umt5 else T5EncoderModel(T5Config(**cfg))


def wan_vae(z48: bool = False):
    """Latent statistics are set to the random encoder's small spread (std ~0.1), as a trained VAE's
    config does for its own, so known pixels carry weight next to the noise."""
    from diffusers import AutoencoderKLWan

    if z48:  # Wan 2.2 TI2V-5B: 48 latent channels, 16x spatial
        return AutoencoderKLWan(base_dim=3, z_dim=48, in_channels=12, out_channels=12, is_residual=True, patch_size=2,
                                latents_mean=[0.0] * 48, latents_std=[0.1] * 48, dim_mult=[1, 1, 1, 1],
                                num_res_blocks=1, scale_factor_spatial=16, scale_factor_temporal=4,
                                temperal_downsample=[False, True, True])
    return AutoencoderKLWan(base_dim=3, z_dim=16, dim_mult=[1, 1, 1, 1], num_res_blocks=1,
                            latents_mean=[0.0] * 16, latents_std=[0.1] * 16, temperal_downsample=[False, True, True])


def wan_transformer(cls=None, **kw):
    from diffusers import WanTransformer3DModel

    cfg = dict(patch_size=(1, 2, 2), num_attention_heads=2, attention_head_dim=12, in_channels=16, out_channels=16,
               text_dim=32, freq_dim=256, ffn_dim=32, num_layers=2, cross_attn_norm=True,
               qk_norm="rms_norm_across_heads", rope_max_seq_len=32)
    return (cls or WanTransformer3DModel)(**{**cfg, **kw})


def build_wan(kind: str):
    import diffusers as d

    torch.manual_seed(0)
    common = dict(tokenizer=tokenizer(), text_encoder=t5(umt5=True),
                  scheduler=d.UniPCMultistepScheduler(prediction_type="flow_prediction", use_flow_sigmas=True,
                                                      flow_shift=3.0))
    if kind == "t2v":
        return d.WanPipeline(vae=wan_vae(), transformer=wan_transformer(), **common)
    if kind == "a14b":  # two experts: high-noise transformer, low-noise transformer_2
        return d.WanPipeline(vae=wan_vae(), transformer=wan_transformer(), transformer_2=wan_transformer(),
                             boundary_ratio=0.875, **common)
    if kind == "ti2v":
        return d.WanPipeline(vae=wan_vae(z48=True), transformer=wan_transformer(in_channels=48, out_channels=48),
                             expand_timesteps=True, **common)
    if kind in ("i2v", "flf"):  # Wan 2.1 I2V / FLF2V: CLIP image encoder, 36 input channels
        from transformers import CLIPImageProcessor, CLIPVisionConfig, CLIPVisionModel

        encoder = CLIPVisionModel(CLIPVisionConfig(hidden_size=4, num_hidden_layers=2, num_attention_heads=2,
                                                   image_size=8, intermediate_size=16, patch_size=1))
        tokens = 8 * 8 + 1  # FLF2V embeds both images' tokens, with positions
        transformer = wan_transformer(in_channels=36, image_dim=4, pos_embed_seq_len=2 * tokens if kind == "flf" else None)
        return d.WanImageToVideoPipeline(vae=wan_vae(), transformer=transformer, image_encoder=encoder,
                                         image_processor=CLIPImageProcessor(crop_size=8, size=8), **common)
    if kind == "a14b-i2v":  # Wan 2.2 I2V A14B: no image encoder, two experts; frames pinned by the latent mask
        return d.WanImageToVideoPipeline(vae=wan_vae(), transformer=wan_transformer(in_channels=36),
                                         transformer_2=wan_transformer(in_channels=36), boundary_ratio=0.9, **common)
    if kind == "vace":
        vae = wan_vae()
        with torch.no_grad():  # the random encoder's biases drown its input (latents 1e-4 apart for different
            for name, p in [*vae.encoder.named_parameters(), *vae.quant_conv.named_parameters()]:  # images), and
                if name.endswith("bias"):  # some CPUs then round the control video's effect to no change at all
                    p.zero_()
        return d.WanVACEPipeline(vae=vae, transformer=wan_transformer(
            d.WanVACETransformer3DModel, num_layers=3, vace_layers=[0, 2], vace_in_channels=96), **common)
    raise ValueError(kind)


BUILDERS = {f"wan-{k}": (lambda k=k: build_wan(k)) for k in ("t2v", "a14b", "a14b-i2v", "ti2v", "i2v", "flf", "vace")}


@pytest.fixture(scope="session")
def vidloom_home(tmp_path_factory):
    """One registry for the session (the CLI runs in subprocesses and reads it from the environment)."""
    home = tmp_path_factory.mktemp("vidloom-home")
    old = os.environ.get("VIDLOOM_HOME")
    os.environ["VIDLOOM_HOME"] = str(home)
    yield home
    if old is None:
        os.environ.pop("VIDLOOM_HOME", None)
    else:
        os.environ["VIDLOOM_HOME"] = old


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO), OMP_NUM_THREADS="1")
    return subprocess.run([sys.executable, "-m", "vidloom", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600)


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory, vidloom_home):
    """tiny_model(key) -> registered engine name, built and registered once per session."""
    made: dict[str, str] = {}

    def make(key: str) -> str:
        if not OPEN_WEIGHTS:
            pytest.skip("needs the [diffusers] extra")
        if key not in made:
            folder = tmp_path_factory.mktemp(key)
            BUILDERS[key]().save_pretrained(folder)
            name = f"tiny-{key}"
            resolution = "16" if key.startswith(("cogvideox", "hunyuan")) else "32"  # the tiny VAEs want 16
            proc = cli("models", "add", name, "--path", str(folder), "--resolution", resolution, "--device", "cpu")
            assert proc.returncode == 0, proc.stderr
            made[key] = name
        return made[key]

    return make


def image(seed: int, size: int = 32) -> np.ndarray:
    """A random colour image with structure (blocks), uint8 [H, W, 3]."""
    rng = np.random.default_rng(seed)
    blocks = rng.integers(0, 256, (4, 4, 3), dtype=np.uint8)
    return np.kron(blocks, np.ones((size // 4, size // 4, 1), dtype=np.uint8))


def build_ltx():
    import diffusers as d

    torch.manual_seed(0)
    transformer = d.LTXVideoTransformer3DModel(in_channels=8, out_channels=8, patch_size=1, patch_size_t=1,
                                               num_attention_heads=4, attention_head_dim=8, cross_attention_dim=32,
                                               num_layers=1, caption_channels=32)
    vae = d.AutoencoderKLLTXVideo(
        in_channels=3, out_channels=3, latent_channels=8, block_out_channels=(8, 8, 8, 8),
        decoder_block_out_channels=(8, 8, 8, 8), layers_per_block=(1, 1, 1, 1, 1),
        decoder_layers_per_block=(1, 1, 1, 1, 1), spatio_temporal_scaling=(True, True, False, False),
        decoder_spatio_temporal_scaling=(True, True, False, False), decoder_inject_noise=(False,) * 5,
        upsample_residual=(False,) * 4, upsample_factor=(1,) * 4, timestep_conditioning=False, patch_size=1,
        patch_size_t=1, encoder_causal=True, decoder_causal=False)
    return d.LTXConditionPipeline(transformer=transformer, vae=vae, scheduler=d.FlowMatchEulerDiscreteScheduler(),
                                  text_encoder=t5(), tokenizer=tokenizer())


BUILDERS["ltx"] = build_ltx


def build_cogvideox(kind: str):
    import diffusers as d

    torch.manual_seed(0)
    vae = d.AutoencoderKLCogVideoX(
        in_channels=3, out_channels=3, down_block_types=("CogVideoXDownBlock3D",) * 4,
        up_block_types=("CogVideoXUpBlock3D",) * 4, block_out_channels=(8, 8, 8, 8), latent_channels=4,
        layers_per_block=1, norm_num_groups=2, temporal_compression_ratio=4)
    cfg = dict(time_embed_dim=2, text_embed_dim=32, num_layers=1, sample_width=2, sample_height=2, sample_frames=9,
               patch_size=2, temporal_compression_ratio=4, max_text_seq_length=16)
    common = dict(vae=vae, scheduler=d.CogVideoXDDIMScheduler(), text_encoder=t5(), tokenizer=tokenizer())
    if kind == "t2v":
        transformer = d.CogVideoXTransformer3DModel(num_attention_heads=4, attention_head_dim=8, in_channels=4,
                                                    out_channels=4, **cfg)
        return d.CogVideoXPipeline(transformer=transformer, **common)
    # I2V: the image latents ride along as extra channels; learned positions fix the size (16x16 here)
    transformer = d.CogVideoXTransformer3DModel(num_attention_heads=2, attention_head_dim=16, in_channels=8,
                                                out_channels=4, use_rotary_positional_embeddings=True,
                                                use_learned_positional_embeddings=True, **cfg)
    return d.CogVideoXImageToVideoPipeline(transformer=transformer, **common)


BUILDERS["cogvideox-t2v"] = lambda: build_cogvideox("t2v")
BUILDERS["cogvideox-i2v"] = lambda: build_cogvideox("i2v")


def build_hunyuan():
    import diffusers as d
    from transformers import CLIPTextConfig, CLIPTextModel, LlamaConfig, LlamaModel

    torch.manual_seed(0)
    transformer = d.HunyuanVideoTransformer3DModel(
        in_channels=4, out_channels=4, num_attention_heads=2, attention_head_dim=10, num_layers=1,
        num_single_layers=1, num_refiner_layers=1, patch_size=1, patch_size_t=1, guidance_embeds=True,
        text_embed_dim=16, pooled_projection_dim=8, rope_axes_dim=(2, 4, 4))
    vae = d.AutoencoderKLHunyuanVideo(
        in_channels=3, out_channels=3, latent_channels=4, down_block_types=("HunyuanVideoDownBlock3D",) * 4,
        up_block_types=("HunyuanVideoUpBlock3D",) * 4, block_out_channels=(8, 8, 8, 8), layers_per_block=1,
        act_fn="silu", norm_num_groups=4, scaling_factor=0.476986, spatial_compression_ratio=8,
        temporal_compression_ratio=4, mid_block_add_attention=True)
    llama = LlamaModel(LlamaConfig(bos_token_id=3, eos_token_id=1, pad_token_id=0, hidden_size=16,
                                   intermediate_size=37, num_attention_heads=4, num_hidden_layers=2,
                                   vocab_size=VOCAB, hidden_act="gelu"))
    clip = CLIPTextModel(CLIPTextConfig(bos_token_id=3, eos_token_id=1, pad_token_id=0, hidden_size=8,
                                        intermediate_size=37, num_attention_heads=4, num_hidden_layers=2,
                                        vocab_size=VOCAB, hidden_act="gelu", projection_dim=32))
    return d.HunyuanVideoPipeline(transformer=transformer, vae=vae, scheduler=d.FlowMatchEulerDiscreteScheduler(shift=7.0),
                                  text_encoder=llama, tokenizer=tokenizer(eos=False, bos="<s>"),
                                  text_encoder_2=clip, tokenizer_2=tokenizer(bos="<s>"))


BUILDERS["hunyuan"] = build_hunyuan


def llama3_tokenizer():
    """A word-level tokenizer that splits HunyuanVideo-I2V's Llama-3 chat template the way Llama 3 does
    where the pipeline looks: <|start_header_id|>, system, <|end_header_id|>, "\\n\\n", <image> ..."""
    from tokenizers import AddedToken, Regex, Tokenizer, models, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    specials = ["<pad>", "</s>", "<unk>", "<s>", "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>", "<image>"]
    pieces = ["\n\n", "\n", " ", ".", ",", ":", *[str(i) for i in range(10)]]
    vocab = {w: i for i, w in enumerate(specials + pieces + sorted(set(WORDS)))}
    tk = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    tk.pre_tokenizer = pre_tokenizers.Split(Regex(r"\n+|\s|\w+|[^\w\s]"), behavior="isolated")
    tk.add_special_tokens([AddedToken(t, special=True, normalized=False) for t in specials[4:]])
    tk.post_processor = processors.TemplateProcessing(single="<s> $A", special_tokens=[("<s>", 3)])
    return PreTrainedTokenizerFast(tokenizer_object=tk, pad_token="<pad>", eos_token="</s>", unk_token="<unk>",
                                   bos_token="<s>")


def build_hunyuan_i2v():
    """HunyuanVideo-I2V: a Llava text encoder that reads the image (576 tokens, like the real one's 24x24)."""
    import diffusers as d
    from transformers import (CLIPImageProcessor, CLIPTextConfig, CLIPTextModel, CLIPVisionConfig, LlamaConfig,
                              LlavaConfig, LlavaForConditionalGeneration)

    torch.manual_seed(0)
    tok = llama3_tokenizer()
    transformer = d.HunyuanVideoTransformer3DModel(
        in_channels=2 * 4 + 1, out_channels=4, num_attention_heads=2, attention_head_dim=10, num_layers=1,
        num_single_layers=1, num_refiner_layers=1, patch_size=1, patch_size_t=1, guidance_embeds=False,
        text_embed_dim=16, pooled_projection_dim=8, rope_axes_dim=(2, 4, 4), image_condition_type="latent_concat")
    vae = d.AutoencoderKLHunyuanVideo(
        in_channels=3, out_channels=3, latent_channels=4, down_block_types=("HunyuanVideoDownBlock3D",) * 4,
        up_block_types=("HunyuanVideoUpBlock3D",) * 4, block_out_channels=(8, 8, 8, 8), layers_per_block=1,
        act_fn="silu", norm_num_groups=4, scaling_factor=0.476986, spatial_compression_ratio=8,
        temporal_compression_ratio=4, mid_block_add_attention=True)
    text = LlamaConfig(bos_token_id=3, eos_token_id=1, pad_token_id=0, hidden_size=16, intermediate_size=37,
                       num_attention_heads=4, num_hidden_layers=2, vocab_size=len(tok), hidden_act="gelu")
    vision = CLIPVisionConfig(hidden_size=8, intermediate_size=37, num_attention_heads=4, num_hidden_layers=2,
                              image_size=24, patch_size=1)
    llava = LlavaForConditionalGeneration(LlavaConfig(vision_config=vision, text_config=text, pad_token_id=0,
                                                      image_token_index=tok.convert_tokens_to_ids("<image>")))
    clip = CLIPTextModel(CLIPTextConfig(bos_token_id=3, eos_token_id=1, pad_token_id=0, hidden_size=8,
                                        intermediate_size=37, num_attention_heads=4, num_hidden_layers=2,
                                        vocab_size=VOCAB, hidden_act="gelu", projection_dim=32))
    return d.HunyuanVideoImageToVideoPipeline(
        transformer=transformer, vae=vae, scheduler=d.FlowMatchEulerDiscreteScheduler(shift=7.0), text_encoder=llava,
        tokenizer=tok, text_encoder_2=clip, tokenizer_2=tokenizer(bos="<s>"),
        image_processor=CLIPImageProcessor(size=24, crop_size=24))


BUILDERS["hunyuan-i2v"] = build_hunyuan_i2v
