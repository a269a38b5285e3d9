"""DiT: a diffusion transformer over video latents.

Patches of 1x2x2 latent pixels become tokens; 3D rotary position embeddings (time,
height, width) let one model serve every aspect ratio and duration; adaLN injects the
timestep, the pooled prompt and the world's slots (learned embeddings of the grounded
colour, object, motion, setting ..., as DiT does with class labels; index 0 = not given);
cross-attention reads the prompt's token states.
Conditioning frames enter as extra input channels: their clean latents and a mask
(1 = exactly these latents, 0.5 = a still-image hint, 0 = free).
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F


@dataclass(frozen=True)
class DiTConfig:
    latent_channels: int = 16
    width: int = 192
    depth: int = 6
    heads: int = 3
    text_width: int = 384
    patch: int = 2
    slot_vocab: tuple[int, ...] = ()  # table size per slot; () for a text-only model

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "DiTConfig":
        return cls(**{**d, "slot_vocab": tuple(d.get("slot_vocab", ()))})


def _rope_freqs(n: int, dim: int) -> torch.Tensor:
    """Rotation angles [n, dim/2] for positions 0..n-1."""
    inv = 1.0 / (100.0 ** (torch.arange(0, dim, 2, dtype=torch.float32) / dim))
    return torch.outer(torch.arange(n, dtype=torch.float32), inv)


def rope_3d(t: int, h: int, w: int, head_dim: int) -> tuple[torch.Tensor, torch.Tensor]:
    """cos and sin [t*h*w, head_dim/2]: a quarter of the pairs for time, the rest split by height/width."""
    dt = head_dim // 4 // 2 * 2
    dh = (head_dim - dt) // 2 // 2 * 2
    dw = head_dim - dt - dh
    ft, fh, fw = _rope_freqs(t, dt), _rope_freqs(h, dh), _rope_freqs(w, dw)
    angles = torch.cat([
        ft[:, None, None].expand(t, h, w, -1),
        fh[None, :, None].expand(t, h, w, -1),
        fw[None, None, :].expand(t, h, w, -1),
    ], dim=-1).reshape(t * h * w, -1)
    return angles.cos(), angles.sin()


def apply_rope(x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor) -> torch.Tensor:
    x1, x2 = x[..., 0::2], x[..., 1::2]
    return torch.stack([x1 * cos - x2 * sin, x1 * sin + x2 * cos], dim=-1).flatten(-2)


def timestep_embedding(t: torch.Tensor, dim: int) -> torch.Tensor:
    half = dim // 2
    freqs = torch.exp(-math.log(10000) * torch.arange(half, dtype=torch.float32, device=t.device) / half)
    args = t.float()[:, None] * 1000 * freqs[None]
    return torch.cat([args.cos(), args.sin()], dim=-1)


class Block(nn.Module):
    def __init__(self, width: int, heads: int):
        super().__init__()
        self.heads = heads
        self.norm1 = nn.LayerNorm(width, elementwise_affine=False, eps=1e-6)
        self.qkv = nn.Linear(width, 3 * width)
        self.proj = nn.Linear(width, width)
        self.norm_cross = nn.LayerNorm(width, eps=1e-6)
        self.cross_q = nn.Linear(width, width)
        self.cross_kv = nn.Linear(width, 2 * width)
        self.cross_proj = nn.Linear(width, width)
        self.norm2 = nn.LayerNorm(width, elementwise_affine=False, eps=1e-6)
        self.mlp = nn.Sequential(nn.Linear(width, 4 * width), nn.GELU(approximate="tanh"), nn.Linear(4 * width, width))
        self.ada = nn.Linear(width, 6 * width)
        nn.init.zeros_(self.ada.weight)
        nn.init.zeros_(self.ada.bias)

    def _heads(self, x):
        b, n, _ = x.shape
        return x.view(b, n, self.heads, -1).transpose(1, 2)  # [B, heads, N, head_dim]

    def forward(self, x, c, text, text_bias, cos, sin):
        b, n, d = x.shape
        shift1, scale1, gate1, shift2, scale2, gate2 = self.ada(F.silu(c))[:, None].chunk(6, dim=-1)
        # 1. self-attention over all video tokens, with 3D RoPE
        h = self.norm1(x) * (1 + scale1) + shift1
        q, k, v = (self._heads(t) for t in self.qkv(h).chunk(3, dim=-1))
        q, k = apply_rope(q, cos, sin), apply_rope(k, cos, sin)
        a = F.scaled_dot_product_attention(q, k, v).transpose(1, 2).reshape(b, n, d)
        x = x + gate1 * self.proj(a)
        # 2. cross-attention to the prompt's tokens
        q = self._heads(self.cross_q(self.norm_cross(x)))
        k, v = (self._heads(t) for t in self.cross_kv(text).chunk(2, dim=-1))
        a = F.scaled_dot_product_attention(q, k, v, attn_mask=text_bias).transpose(1, 2).reshape(b, n, d)
        x = x + self.cross_proj(a)
        # 3. MLP
        h = self.norm2(x) * (1 + scale2) + shift2
        return x + gate2 * self.mlp(h)


class DiT(nn.Module):
    """Predicts the flow velocity of noisy latents given time, prompt and known frames."""

    def __init__(self, cfg: DiTConfig = DiTConfig()):
        super().__init__()
        self.cfg = cfg
        c, d, p = cfg.latent_channels, cfg.width, cfg.patch
        self.patch_in = nn.Linear((2 * c + 1) * p * p, d)
        self.time_mlp = nn.Sequential(nn.Linear(256, d), nn.SiLU(), nn.Linear(d, d))
        self.pooled_mlp = nn.Sequential(nn.Linear(cfg.text_width, d), nn.SiLU(), nn.Linear(d, d))
        self.text_proj = nn.Sequential(nn.LayerNorm(cfg.text_width), nn.Linear(cfg.text_width, d))
        self.slot_embed = nn.ModuleList(nn.Embedding(n, d) for n in cfg.slot_vocab)
        if cfg.slot_vocab:
            self.slot_mlp = nn.Sequential(nn.SiLU(), nn.Linear(d, d))
            # zero: slots start with no effect, so a text-only model warm-starts exactly
            nn.init.zeros_(self.slot_mlp[1].weight)
            nn.init.zeros_(self.slot_mlp[1].bias)
        self.blocks = nn.ModuleList(Block(d, cfg.heads) for _ in range(cfg.depth))
        self.norm_out = nn.LayerNorm(d, elementwise_affine=False, eps=1e-6)
        self.ada_out = nn.Linear(d, 2 * d)
        self.patch_out = nn.Linear(d, c * p * p)
        for m in (self.ada_out, self.patch_out):
            nn.init.zeros_(m.weight)
            nn.init.zeros_(m.bias)

    def forward(self, x, t, text, text_mask, pooled, cond, cond_mask, slots=None):
        """x, cond: [B, C, T, H, W] latents; cond_mask [B, 1, T, 1, 1]; t [B] in [0, 1];
        text [B, L, 384], text_mask [B, L] bool, pooled [B, 384]; slots [B, S] long (0 = not
        given) or None. Returns velocity like x."""
        b, c, tt, hh, ww = x.shape
        p = self.cfg.patch
        gh, gw = hh // p, ww // p
        # 1. tokens from noisy latents, known latents and the mask
        inp = torch.cat([x, cond * (cond_mask > 0), cond_mask.expand(b, 1, tt, hh, ww)], dim=1)  # [B, 2C+1, T, H, W]
        tokens = inp.reshape(b, -1, tt, gh, p, gw, p).permute(0, 2, 3, 5, 1, 4, 6).reshape(b, tt * gh * gw, -1)
        h = self.patch_in(tokens)  # [B, N, D]
        # 2. conditioning vector and prompt tokens
        cvec = self.time_mlp(timestep_embedding(t, 256)) + self.pooled_mlp(pooled)  # [B, D]
        if self.slot_embed and slots is not None:
            emb = sum(table(slots[:, i]) for i, table in enumerate(self.slot_embed))  # [B, D]
            cvec = cvec + self.slot_mlp(emb)
        txt = self.text_proj(text)  # [B, L, D]
        text_bias = torch.zeros(b, 1, 1, text.shape[1], dtype=h.dtype, device=h.device)
        text_bias = text_bias.masked_fill(~text_mask[:, None, None, :], float("-inf"))
        cos, sin = rope_3d(tt, gh, gw, self.cfg.width // self.cfg.heads)
        cos, sin = cos.to(h.device), sin.to(h.device)
        # 3. transformer blocks
        for blk in self.blocks:
            h = blk(h, cvec, txt, text_bias, cos, sin)
        # 4. back to latent patches
        shift, scale = self.ada_out(F.silu(cvec))[:, None].chunk(2, dim=-1)
        out = self.patch_out(self.norm_out(h) * (1 + scale) + shift)  # [B, N, C*p*p]
        out = out.reshape(b, tt, gh, gw, c, p, p).permute(0, 4, 1, 2, 5, 3, 6).reshape(b, c, tt, hh, ww)
        return out
