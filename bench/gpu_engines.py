"""vidloom's Wan engine vs a stock diffusers pipeline call, and what each optimisation buys.

A Wan 2.1 T2V 1.3B-shaped pipeline (the real transformer and VAE architecture, random weights,
built in code: nothing is downloaded) is saved to a temporary folder. Then, with the same
prompt, size, frames, steps, guidance and seed:

1. stock: WanPipeline.from_pretrained(folder).to(device) and one pipeline call;
2. vidloom: the same folder through WanEngine (what `vidloom generate --engine NAME` runs);
3. vidloom with one optimisation each: an attention backend, FirstBlockCache, TaylorSeer,
   pyramid attention broadcast, torch.compile of the transformer blocks.

Each row: median seconds per denoising step (the callback's step-to-step time, first step
excluded so compile time stays out), total seconds of the call (text encoding + steps + VAE
decode), peak GPU memory, speed-up per step against vidloom's plain run and PSNR of the frames
against it (inf: identical). The stock row's PSNR checks that both run the same computation.

    python bench/gpu_engines.py               # on a CUDA GPU: 480x832, 33 frames (16 fps), 20 steps
    python bench/gpu_engines.py --tiny        # on the CPU: tiny model, to check the script runs

The text encoder is a one-layer UMT5 of the real width (4096): it runs once per video, not per
step, and a random 5.7B-parameter encoder would only cost start-up time.
"""
from __future__ import annotations

import argparse
import math
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PROMPT = "a red ball bounces on green grass under a blue sky"

# Wan2.1-T2V-1.3B's transformer config (diffusers layout), and its VAE's
WAN_1_3B = dict(patch_size=(1, 2, 2), num_attention_heads=12, attention_head_dim=128, in_channels=16, out_channels=16,
                text_dim=4096, freq_dim=256, ffn_dim=8960, num_layers=30, cross_attn_norm=True,
                qk_norm="rms_norm_across_heads", eps=1e-6, rope_max_seq_len=1024)
WAN_VAE = dict(base_dim=96, z_dim=16, dim_mult=[1, 2, 4, 4], num_res_blocks=2, temperal_downsample=[False, True, True])
TINY = dict(patch_size=(1, 2, 2), num_attention_heads=2, attention_head_dim=12, in_channels=16, out_channels=16,
            text_dim=32, freq_dim=256, ffn_dim=32, num_layers=2, cross_attn_norm=True, qk_norm="rms_norm_across_heads",
            rope_max_seq_len=32)
TINY_VAE = dict(base_dim=3, z_dim=16, dim_mult=[1, 1, 1, 1], num_res_blocks=1, temperal_downsample=[False, True, True])


def build(folder: Path, tiny: bool) -> None:
    """Save a random-weight Wan T2V pipeline (real architecture unless tiny) with an in-code tokenizer."""
    import diffusers as d
    from tokenizers import Tokenizer, models, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast, UMT5Config, UMT5EncoderModel

    words = sorted(set(PROMPT.split()))
    vocab = {w: i for i, w in enumerate(["<pad>", "</s>", "<unk>", *words])}
    tk = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    tk.pre_tokenizer = pre_tokenizers.Whitespace()
    tk.post_processor = processors.TemplateProcessing(single="$A </s>", special_tokens=[("</s>", 1)])
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=tk, pad_token="<pad>", eos_token="</s>", unk_token="<unk>")
    width = 32 if tiny else 4096
    torch.manual_seed(0)
    text_encoder = UMT5EncoderModel(UMT5Config(vocab_size=len(vocab), d_model=width, d_kv=64 if not tiny else 8,
                                               d_ff=2 * width, num_layers=1, num_heads=width // 64 if not tiny else 4))
    transformer = d.WanTransformer3DModel(**(TINY if tiny else WAN_1_3B))
    vae = d.AutoencoderKLWan(**(TINY_VAE if tiny else WAN_VAE))
    scheduler = d.UniPCMultistepScheduler(prediction_type="flow_prediction", use_flow_sigmas=True, flow_shift=3.0)
    dtype = torch.float32 if tiny else torch.bfloat16
    pipe = d.WanPipeline(tokenizer=tokenizer, text_encoder=text_encoder.to(dtype), transformer=transformer.to(dtype),
                         vae=vae, scheduler=scheduler)
    pipe.save_pretrained(folder)


class Timer:
    """Step times from the pipeline's step callback, wall time and peak memory of one call."""

    def __init__(self, device: torch.device):
        self.device, self.stamps = device, []

    def __enter__(self):
        self._sync()
        if self.device.type == "cuda":
            torch.cuda.empty_cache()
            torch.cuda.reset_peak_memory_stats()
        self.start = time.perf_counter()
        return self

    def step(self, *_):
        self._sync()
        self.stamps.append(time.perf_counter())

    def __exit__(self, *exc):
        self._sync()
        self.total = time.perf_counter() - self.start
        self.peak_gib = torch.cuda.max_memory_allocated() / 2**30 if self.device.type == "cuda" else float("nan")

    def _sync(self):
        if self.device.type == "cuda":
            torch.cuda.synchronize()

    @property
    def per_step(self) -> float:
        gaps = np.diff(self.stamps)
        return float(median(gaps)) if len(gaps) else float("nan")


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    mse = float(np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2))
    return math.inf if mse == 0 else 10 * math.log10(255**2 / mse)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tiny", action="store_true", help="tiny random model on the CPU (checks the script runs)")
    parser.add_argument("--steps", type=int, default=None, help="denoising steps (default 20; 3 with --tiny)")
    parser.add_argument("--attention", default=None, help="attention backend to time (default: flash if installed, "
                                                          "else _native_cudnn)")
    parser.add_argument("--skip-compile", action="store_true", help="leave out the torch.compile row")
    args = parser.parse_args(argv)
    cuda = torch.cuda.is_available()
    if not cuda and not args.tiny:
        print("skip: no CUDA GPU here (bench/gpu_engines.py --tiny checks the script on the CPU)")
        return 0

    from diffusers import WanPipeline

    from vidloom.engines.diffusers.registry import ModelEntry
    from vidloom.engines.diffusers.wan import WanEngine
    from vidloom.spec import GenerationRequest, VideoSpec

    device = torch.device("cuda" if cuda and not args.tiny else "cpu")
    steps = args.steps or (3 if args.tiny else 20)
    # 480x832, 33 frames at 16 fps (2 s), as Wan 1.3B runs at 480p; tiny: 32x64, 9 frames
    resolution, seconds, fps = (32, 0.5, 16) if args.tiny else (None, 2.0, 16)  # None: Wan's 832x480
    attention = args.attention or ("native" if args.tiny else _best_attention())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "wan-1.3b-random"
        t0 = time.perf_counter()
        build(folder, args.tiny)
        print(f"built and saved the {'tiny' if args.tiny else 'Wan 2.1 1.3B-shaped'} pipeline in "
              f"{time.perf_counter() - t0:.0f} s", file=sys.stderr)
        entry = ModelEntry(name="wan-bench", path=str(folder), family="wan", device=device.type,
                           dtype="float32" if args.tiny else "bfloat16", resolution=resolution)
        spec = VideoSpec(PROMPT, negative_prompt="blurry", aspect="16:9", seconds=seconds, fps=fps, seed=0,
                         steps=steps, guidance=5.0)
        rows, frames = [], {}

        # 1. stock diffusers, the same settings the engine will use
        engine = WanEngine.load(entry)
        width, height = engine.capabilities.sizes["16:9"]
        num_frames = engine.native_frames(seconds)
        del engine
        pipe = WanPipeline.from_pretrained(folder, local_files_only=True, dtype=WanEngine._dtype(entry)).to(device)
        pipe.set_progress_bar_config(disable=True)
        with Timer(device) as timer:
            out = pipe(prompt=PROMPT, negative_prompt="blurry", height=height, width=width, num_frames=num_frames,
                       num_inference_steps=steps, guidance_scale=5.0, generator=torch.Generator("cpu").manual_seed(0),
                       output_type="np", callback_on_step_end=lambda *a: timer.step() or {}).frames[0]
        stock = (np.clip(out, 0, 1) * 255).round().astype(np.uint8)
        rows.append(("stock diffusers WanPipeline", timer))
        del pipe
        _free(device)

        # 2. vidloom's engine, plain and with each optimisation
        variants = [("vidloom WanEngine", {}), (f"+ attention {attention}", dict(attention=attention)),
                    ("+ FirstBlockCache (0.05)", dict(cache="first-block")), ("+ TaylorSeer cache", dict(cache="taylorseer")),
                    ("+ pyramid attention broadcast", dict(cache="pab"))]
        if not args.skip_compile and not args.tiny:
            variants.append(("+ torch.compile (blocks)", dict(compile=True)))
        for label, settings in variants:
            engine = WanEngine.load(ModelEntry(**{**entry.__dict__, **settings}))
            with Timer(device) as timer:
                video = engine.generate(GenerationRequest(spec), progress=lambda *a: timer.step())[0]
            frames[label] = video
            rows.append((label, timer))
            del engine
            _free(device)

    # stock frames on the engine's output grid, to compare like with like
    from vidloom.engines.diffusers.adapter import output_indices

    frames["stock diffusers WanPipeline"] = stock[output_indices(len(stock), len(frames["vidloom WanEngine"]))]
    base = rows[1][1].per_step
    print(f"\nWan 2.1 T2V 1.3B-shaped, random weights | {width}x{height}, {num_frames} frames, {steps} steps, CFG 5.0 | "
          f"{torch.cuda.get_device_name() if device.type == 'cuda' else 'CPU'} | "
          f"{'float32' if args.tiny else 'bfloat16'}\n")
    print(f"| {'run':32} | s/step | total s | peak GiB | speed-up/step | PSNR vs vidloom dB |")
    print(f"|{'-' * 34}|--------|---------|----------|---------------|-------------------|")
    for label, t in rows:
        print(f"| {label:32} | {t.per_step:6.3f} | {t.total:7.2f} | {t.peak_gib:8.2f} | {base / t.per_step:13.2f}x "
              f"| {psnr(frames[label], frames['vidloom WanEngine']):17.1f} |")
    return 0


def _best_attention() -> str:
    try:
        import flash_attn  # noqa: F401

        return "flash"
    except ImportError:
        return "_native_cudnn"


def _free(device: torch.device) -> None:
    import gc

    gc.collect()
    if device.type == "cuda":
        torch.cuda.empty_cache()


if __name__ == "__main__":
    sys.exit(main())
