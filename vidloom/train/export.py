"""Export trained checkpoints to the shipped weights folder (safetensors + config).

    python -m vidloom.train.export --ae runs/ae/checkpoint.pt --dit runs/dit/checkpoint.pt
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import torch
from safetensors.torch import save_file

from ..model.autoencoder import AutoencoderConfig
from . import checkpoint
from .dit import MODEL_CONFIG

WEIGHTS = Path(__file__).resolve().parents[1] / "weights" / "vidloom-mini"


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--ae", type=Path, default=Path("runs/ae/checkpoint.pt"))
    ap.add_argument("--dit", type=Path, default=Path("runs/dit/checkpoint.pt"))
    ap.add_argument("--out", type=Path, default=WEIGHTS)
    ap.add_argument("--version", default="0.1.0")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    ae, dit = checkpoint.load(args.ae), checkpoint.load(args.dit)
    # The AE stays fp32 (it is small and decodes the final pixels); the DiT ships its EMA in bf16.
    save_file({k: v.contiguous() for k, v in ae["model"].items()}, args.out / "autoencoder.safetensors")
    save_file({k: v.to(torch.bfloat16).contiguous() for k, v in dit["ema"].items()}, args.out / "dit.safetensors")
    config = {
        "name": "vidloom-mini", "version": args.version,
        # a checkpoint with an output head records its shape; a plain one is the default shape
        "autoencoder": AutoencoderConfig.from_dict(ae.get("config") or {}).to_dict(), "dit": MODEL_CONFIG.to_dict(),
        "training": {"autoencoder_steps": ae["step"], "dit_steps": dit["step"]},
    }
    (args.out / "config.json").write_text(json.dumps(config, indent=2) + "\n")
    print(f"exported to {args.out}")


if __name__ == "__main__":
    main()
