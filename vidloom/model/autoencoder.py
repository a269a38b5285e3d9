"""VideoAutoencoder: 16x spatial, 4x temporal compression of RGB clips.

Factorised for CPU speed: a 2D conv encoder per frame, then groups of four frames are
folded into one latent frame; the decoder unfolds each latent frame (looking at its
neighbours, for smooth joins) and decodes every frame with a 2D conv decoder.

An optional output head decodes the same latents larger and smoother than they were
encoded: `upscale` times the size and `frame_rate_factor` times the frames (the encoder,
and so the latent space the DiT learned, stay as they are). With both at 1 the decoder
is exactly the plain one.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F


@dataclass(frozen=True)
class AutoencoderConfig:
    channels: tuple[int, ...] = (32, 64, 128, 128, 128)  # at 1, 1/2, 1/4, 1/8, 1/16 of the frame
    frame_channels: int = 32  # per-frame code before temporal folding
    latent_channels: int = 16
    temporal: int = 4  # frames per latent frame
    upscale: int = 1  # decoded frames are this many times the encoded size (a power of two)
    frame_rate_factor: int = 1  # and this many times the encoded frames (in-between frames are decoded)
    head_channels: int = 16  # width of the output head at the upscaled size, where it dominates the FLOPs
    decoder_channels: tuple[int, ...] | None = None  # the frame decoder's, 1/16 to 1; None: channels reversed

    def __post_init__(self):
        if self.upscale < 1 or self.upscale & (self.upscale - 1):
            raise ValueError(f"upscale must be a power of two, not {self.upscale}")
        if self.frame_rate_factor < 1:
            raise ValueError(f"frame_rate_factor must be at least 1, not {self.frame_rate_factor}")
        if self.decoder_channels is not None and len(self.decoder_channels) != len(self.channels):
            raise ValueError("decoder_channels must have one width per level, like channels")
        widths = (*self.decoder_widths, *([self.head_channels] * (self.upscale.bit_length() - 1)))
        if widths[0] % self.frame_channels or any(4 * b % a for a, b in zip(widths, widths[1:])):
            raise ValueError(f"decoder widths {widths}: each Up's shortcut needs 4 * out to be a multiple of in")

    @property
    def decoder_widths(self) -> tuple[int, ...]:
        return self.channels[::-1] if self.decoder_channels is None else self.decoder_channels

    @property
    def spatial(self) -> int:
        """Pixels per latent cell, at the size the encoder takes."""
        return 2 ** (len(self.channels) - 1)

    @property
    def frames_out(self) -> int:
        """Decoded frames per latent frame."""
        return self.temporal * self.frame_rate_factor

    @property
    def hires(self) -> bool:
        return self.upscale > 1 or self.frame_rate_factor > 1

    @classmethod
    def from_dict(cls, d: dict) -> "AutoencoderConfig":
        return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in d.items()})

    def to_dict(self) -> dict:
        return asdict(self)


def channel_average(x: torch.Tensor, out: int) -> torch.Tensor:
    """Average groups of channels down to `out` (a parameter-free shortcut, as in DC-AE)."""
    b, c, *rest = x.shape
    return x.reshape(b, out, c // out, *rest).mean(2)


def channel_repeat(x: torch.Tensor, out: int) -> torch.Tensor:
    return x.repeat_interleave(out // x.shape[1], dim=1)


class ResBlock(nn.Module):
    def __init__(self, ch: int):
        super().__init__()
        self.conv1 = nn.Conv2d(ch, ch, 3, padding=1)
        self.conv2 = nn.Conv2d(ch, ch, 3, padding=1)

    def forward(self, x):
        return x + self.conv2(F.silu(self.conv1(F.silu(x))))


class Down(nn.Module):
    """Halve the size: a strided conv plus a space-to-channel shortcut that keeps colour flowing."""

    def __init__(self, cin: int, cout: int, res: bool):
        super().__init__()
        self.cout = cout
        self.conv = nn.Conv2d(cin, cout, 3, stride=2, padding=1)
        self.res = ResBlock(cout) if res else nn.Identity()

    def forward(self, x):
        x = self.conv(F.silu(x)) + channel_average(F.pixel_unshuffle(x, 2), self.cout)
        return self.res(x)


class Up(nn.Module):
    """Double the size: upsample + conv plus a channel-to-space shortcut."""

    def __init__(self, cin: int, cout: int, res: bool):
        super().__init__()
        self.cout = cout
        self.conv = nn.Conv2d(cin, cout, 3, padding=1)
        self.res = ResBlock(cout) if res else nn.Identity()

    def forward(self, x):
        up = F.interpolate(F.silu(x), scale_factor=2.0, mode="nearest")
        x = self.conv(up) + F.pixel_shuffle(channel_repeat(x, 4 * self.cout), 2)
        return self.res(x)


class FrameEncoder(nn.Module):
    def __init__(self, cfg: AutoencoderConfig):
        super().__init__()
        ch = cfg.channels
        self.stem = nn.Conv2d(3, ch[0], 3, padding=1)
        self.downs = nn.Sequential(*(Down(ch[i - 1], ch[i], res=i >= 2) for i in range(1, len(ch))))
        self.out = nn.Conv2d(ch[-1], cfg.frame_channels, 1)
        self.frame_channels = cfg.frame_channels

    def forward(self, x):
        h = self.downs(self.stem(x))
        return self.out(F.silu(h)) + channel_average(h, self.frame_channels)


class FrameDecoder(nn.Module):
    def __init__(self, cfg: AutoencoderConfig):
        super().__init__()
        ch = cfg.decoder_widths
        self.ch0 = ch[0]
        self.stem = nn.Conv2d(cfg.frame_channels, ch[0], 3, padding=1)
        self.mid = ResBlock(ch[0])
        self.ups = nn.Sequential(*(Up(ch[i - 1], ch[i], res=i <= len(ch) - 3) for i in range(1, len(ch))))
        self.out = nn.Conv2d(ch[-1], 3, 3, padding=1)
        self.head = OutputHead(ch[-1], cfg.head_channels, cfg.upscale) if cfg.upscale > 1 else None

    def forward(self, z):
        h = self.mid(self.stem(z) + channel_repeat(z, self.ch0))
        h = self.ups(h)
        rgb = self.out(F.silu(h))
        return rgb if self.head is None else self.head(h, rgb)


class OutputHead(nn.Module):
    """Frames `upscale` times larger: the base decoder's RGB upsampled, plus a residual drawn from its
    last features. The residual starts at zero, so training starts from the base decoder's picture."""

    def __init__(self, cin: int, ch: int, upscale: int):
        super().__init__()
        self.upscale = upscale
        n = upscale.bit_length() - 1
        self.ups = nn.Sequential(*(Up(cin if i == 0 else ch, ch, res=False) for i in range(n)))
        self.out = nn.Conv2d(ch, 3, 3, padding=1)
        nn.init.zeros_(self.out.weight)
        nn.init.zeros_(self.out.bias)

    def forward(self, h, rgb):
        base = F.interpolate(rgb, scale_factor=float(self.upscale), mode="bilinear", align_corners=False)
        return base + self.out(F.silu(self.ups(h)))


def to_pixels(frames) -> torch.Tensor:
    """uint8 frames [T, H, W, 3] (numpy) -> autoencoder input [1, 3, T, H, W] in [-1, 1]."""
    return torch.from_numpy(frames).permute(3, 0, 1, 2)[None].float() / 127.5 - 1


class VideoAutoencoder(nn.Module):
    """Pixels in [-1, 1] shaped [B, 3, T, H, W] <-> latents [B, C, T/4, H/16, W/16].

    T must be a multiple of 4; H and W multiples of 16. Latents come out normalised
    with the stored shift and scale, ready for diffusion. With an output head, decode
    gives [B, 3, T * frame_rate_factor, H * upscale, W * upscale].
    """

    def __init__(self, cfg: AutoencoderConfig = AutoencoderConfig()):
        super().__init__()
        self.cfg = cfg
        k, fc, lc = cfg.temporal, cfg.frame_channels, cfg.latent_channels
        self.frame_encoder = FrameEncoder(cfg)
        self.fold = nn.Sequential(nn.Conv2d(k * fc, 128, 1), nn.SiLU(), nn.Conv2d(128, lc, 1))
        self.unfold = nn.Sequential(nn.Conv3d(lc, 128, (3, 1, 1), padding=(1, 0, 0)), nn.SiLU(),
                                    nn.Conv3d(128, cfg.frames_out * fc, (3, 3, 3), padding=1))
        self.frame_decoder = FrameDecoder(cfg)
        self.register_buffer("latent_shift", torch.zeros(lc))
        self.register_buffer("latent_scale", torch.ones(lc))

    def encode(self, video: torch.Tensor) -> torch.Tensor:
        b, _, t, h, w = video.shape
        k = self.cfg.temporal
        frames = video.transpose(1, 2).reshape(b * t, 3, h, w)
        codes = self.frame_encoder(frames)  # [B*T, fc, h, w]
        fc, hh, ww = codes.shape[1:]
        groups = codes.reshape(b, t // k, k * fc, hh, ww).reshape(b * (t // k), k * fc, hh, ww)
        z = self.fold(groups) + channel_average(groups, self.cfg.latent_channels)
        z = z.reshape(b, t // k, -1, hh, ww).transpose(1, 2)  # [B, C, T/4, h, w]
        return (z - self.latent_shift.view(1, -1, 1, 1, 1)) / self.latent_scale.view(1, -1, 1, 1, 1)

    def decode(self, z: torch.Tensor) -> torch.Tensor:
        z = z * self.latent_scale.view(1, -1, 1, 1, 1) + self.latent_shift.view(1, -1, 1, 1, 1)
        b, _, tl, hh, ww = z.shape
        k, fc, r = self.cfg.temporal, self.cfg.frame_channels, self.cfg.frame_rate_factor
        skip = channel_repeat(z, k * fc)
        if r > 1:  # each in-between frame starts from the frame before it
            skip = skip.reshape(b, k, fc, tl, hh, ww).repeat_interleave(r, dim=1).reshape(b, k * r * fc, tl, hh, ww)
        k *= r
        codes = self.unfold(z) + skip  # [B, k*fc, T/4, h, w]
        codes = codes.reshape(b, k, fc, tl, hh, ww).permute(0, 3, 1, 2, 4, 5).reshape(b * tl * k, fc, hh, ww)
        frames = self.frame_decoder(codes)  # [B*T, 3, H, W]
        return frames.reshape(b, tl * k, 3, *frames.shape[-2:]).transpose(1, 2)

    def forward(self, video):
        return self.decode(self.encode(video))


def seed_hires(ae: VideoAutoencoder, state: dict[str, torch.Tensor]) -> list[str]:
    """Load a plain autoencoder's weights into one with an output head; returns the names left at
    their initial values (the head, and decoder layers whose width changed).

    The encoder and latent normalisation must map exactly: they define the latents the DiT
    learned. The unfold's last layer has its per-frame outputs repeated for the in-between
    frames, so with the same decoder widths the result decodes what the plain one does
    (upsampled, each frame held) until it is trained.
    """
    cfg, r = ae.cfg, ae.cfg.frame_rate_factor
    own = ae.state_dict()
    seeded = {}
    for name, v in state.items():
        if name in ("unfold.2.weight", "unfold.2.bias"):
            v = v.reshape(cfg.temporal, -1, *v.shape[1:]).repeat_interleave(r, 0).reshape(-1, *v.shape[1:])
        if name in own and own[name].shape == v.shape:
            seeded[name] = v
        elif not name.startswith("frame_decoder."):
            raise ValueError(f"{name} does not fit: the encoder side must match the plain autoencoder's")
    ae.load_state_dict(seeded, strict=False)
    return [name for name in own if name not in seeded]
