"""Mixed precision: bfloat16 autocast where the hardware computes bfloat16, float32 elsewhere.

A CPU without AVX-512 (or AMX) has no bfloat16 kernels: oneDNN emulates them, and autocast there is a
slowdown, not a speed-up. Measured 2026-12-07 on an AMD EPYC with AVX2 only (one thread): the built-in
decoder took 54 s for 8 frames in bfloat16 and 1.1 s in float32; on the Sapphire Rapids machines before it
(AMX) bfloat16 was the faster one.
"""
from __future__ import annotations

import contextlib
from functools import lru_cache

import torch


@lru_cache(maxsize=1)
def cpu_computes_bfloat16() -> bool:
    """True where oneDNN has native bfloat16 kernels on this CPU (AVX-512 core, AVX512-BF16, AMX)."""
    try:
        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):  # a build without oneDNN
        return False


def computes_bfloat16(device: torch.device | str = "cpu") -> bool:
    device = torch.device(device)
    if device.type == "cuda":
        return torch.cuda.is_bf16_supported()
    return device.type == "cpu" and cpu_computes_bfloat16()


def autocast(device: torch.device | str = "cpu") -> contextlib.AbstractContextManager:
    """bfloat16 autocast on `device` where it computes bfloat16 natively; float32 (autocast off) elsewhere."""
    device = torch.device(device)
    if device.type not in ("cpu", "cuda"):
        return contextlib.nullcontext()
    return torch.autocast(device.type, dtype=torch.bfloat16, enabled=computes_bfloat16(device))
