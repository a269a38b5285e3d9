"""The whole training recipe, a few steps of each stage: it runs, it resumes, it exports."""
import json

import numpy as np
import pytest
import torch

from vidloom.engines.builtin import BuiltinEngine
from vidloom.model.autoencoder import AutoencoderConfig
from vidloom.spec import GenerationRequest, VideoSpec
from vidloom.train import autoencoder, checkpoint, dit, export, latents

from tests.geometry import SHIPPED_AUTOENCODER


def test_recipe_runs_resumes_and_exports(tmp_path, capsys):
    torch.set_num_threads(1)
    ae_dir, lat_dir, dit_dir, out = tmp_path / "ae", tmp_path / "lat", tmp_path / "dit", tmp_path / "weights"
    # 1. autoencoder: two steps, then one more after a restart
    autoencoder.main(["--out", str(ae_dir), "--batch", "1", "--max-steps", "2"])
    autoencoder.main(["--out", str(ae_dir), "--batch", "1", "--max-steps", "3"])
    assert "resumed at step 2" in capsys.readouterr().out
    ae_state = checkpoint.load(ae_dir / "checkpoint.pt")
    assert ae_state["step"] == 3 and ae_state["normalised"]
    assert all(torch.isfinite(v).all() for v in ae_state["model"].values())  # bf16 CPU Conv3d once made NaNs
    # the decoder-only stage leaves the encoder, and so every latent already made, untouched; it trains on
    # 16-frame crops (interior latent frames, with neighbours on both sides, as in a 4 s clip)
    with pytest.raises(SystemExit):
        autoencoder.main(["--out", str(ae_dir), "--decoder-only", "--frames", "6"])  # not whole latent frames
    autoencoder.main(["--out", str(ae_dir), "--batch", "1", "--max-steps", "4", "--decoder-only", "--frames", "16"])
    refined = checkpoint.load(ae_dir / "checkpoint.pt")["model"]
    for name, value in ae_state["model"].items():
        if name.startswith(("frame_encoder", "fold", "latent_")):
            assert torch.equal(value, refined[name]), name
    # 2. latents of two world clips
    latents.main(["--ae", str(ae_dir / "checkpoint.pt"), "--out", str(lat_dir), "--clips", "2", "--shard-size", "2"])
    (item, *_), = [checkpoint.load(p)["items"] for p in lat_dir.glob("shard_*.pt")]
    assert item["latent"].shape[0] == 16 and item["first_still"].shape[0] == 16
    # 3. DiT: two steps, then resume to three
    dit.main(["--latents", str(lat_dir), "--out", str(dit_dir), "--batch", "2", "--max-steps", "2"])
    dit.main(["--latents", str(lat_dir), "--out", str(dit_dir), "--batch", "2", "--max-steps", "3"])
    assert "resumed at step 2" in capsys.readouterr().out
    assert checkpoint.load(dit_dir / "checkpoint.pt")["step"] == 3
    # 4. export, load as an engine, generate
    export.main(["--ae", str(ae_dir / "checkpoint.pt"), "--dit", str(dit_dir / "checkpoint.pt"), "--out", str(out)])
    engine = BuiltinEngine.load(out)
    (video,) = engine.generate(GenerationRequest(VideoSpec("a red ball", aspect="1:1", seconds=1, steps=1)))
    assert video.shape == (8, 128, 128, 3) and video.dtype == np.uint8


def head_args(cfg: AutoencoderConfig) -> list[str]:
    """The autoencoder trainer's arguments for an output head of this shape."""
    widths = ["--decoder-channels", ",".join(map(str, cfg.decoder_channels))] if cfg.decoder_channels else []
    return ["--upscale", str(cfg.upscale), "--frame-rate-factor", str(cfg.frame_rate_factor),
            "--head-channels", str(cfg.head_channels), *widths]


def test_sprint_resumes_from_shipped_weights(tmp_path, capsys):
    """The GPU sprint seeds checkpoints from the shipped weights; each trainer resumes from them. Weights with
    an output head seed the head's checkpoint too (runs/ae_hires, which `sprint --hires` trains), recording its
    shape; the plain decoder's run refuses them."""
    torch.set_num_threads(1)
    from vidloom.train import sprint
    from vidloom.train.export import WEIGHTS

    runs = tmp_path / "runs"
    sprint.seed_from_weights(WEIGHTS, runs)
    steps, cfg = json.loads((WEIGHTS / "config.json").read_text())["training"], SHIPPED_AUTOENCODER
    ae_steps, dit_steps = steps["autoencoder_steps"], steps["dit_steps"]
    shipped = BuiltinEngine.load(WEIGHTS)
    ae_state = checkpoint.load(runs / "ae" / "checkpoint.pt")
    assert ae_state["step"] == ae_steps and ae_state["normalised"]
    assert ae_state.get("config", {}) == (cfg.to_dict() if cfg.hires else {})
    for name, value in shipped.autoencoder.state_dict().items():
        assert torch.equal(ae_state["model"][name], value), name
    # one more step of each trainer, counted on from the shipped totals
    decoder = ["--decoder-only", "--batch", "1", "--max-steps", str(ae_steps + 1)]
    if cfg.hires:
        with pytest.raises(SystemExit, match="another autoencoder shape"):
            autoencoder.main(["--out", str(runs / "ae"), *decoder])
        decoder += [*head_args(cfg), "--workers", "0"]
    autoencoder.main(["--out", str(runs / ("ae_hires" if cfg.hires else "ae")), *decoder])
    latents.main(["--ae", str(runs / "ae" / "checkpoint.pt"), "--out", str(runs / "latents"), "--clips", "2",
                  "--shard-size", "2", "--workers", "2", "--worker", "1"])
    assert not list((runs / "latents").glob("shard_*.pt"))  # worker 1 of 2 owns no shard of one
    latents.main(["--ae", str(runs / "ae" / "checkpoint.pt"), "--out", str(runs / "latents"), "--clips", "2",
                  "--shard-size", "2"])
    dit.main(["--latents", str(runs / "latents"), "--out", str(runs / "dit"), "--batch", "2",
              "--max-steps", str(dit_steps + 1)])
    out = capsys.readouterr().out
    assert f"resumed at step {ae_steps}" in out and f"resumed at step {dit_steps}" in out
    assert checkpoint.load(runs / "dit" / "checkpoint.pt")["step"] == dit_steps + 1


def test_output_head_recipe_trains_exports_and_generates(tmp_path, capsys):
    """The hi-res head: seeded from the shipped plain weights, trained decoder-only, resumed, exported;
    the engine built from it reports and makes 2x the size at 3x the fps, and known frames still come back.
    Where the shipped weights have a head already, it is that head (seeded into runs/ae_hires) that trains on."""
    torch.set_num_threads(1)
    from vidloom.engines.catalog import LATENT_FPS, LATENT_SIZES
    from vidloom.media.metrics import psnr
    from vidloom.spec import Conditioning
    from vidloom.train import sprint
    from vidloom.train.export import WEIGHTS
    from vidloom.world import render, scene_for

    runs, out = tmp_path / "runs", tmp_path / "weights"
    sprint.seed_from_weights(WEIGHTS, runs)
    base = checkpoint.load(runs / "ae" / "checkpoint.pt")
    cfg = SHIPPED_AUTOENCODER if SHIPPED_AUTOENCODER.hires else AutoencoderConfig(upscale=2, frame_rate_factor=3)
    u, r = cfg.upscale, cfg.frame_rate_factor
    head = ["--decoder-only", *head_args(cfg), "--out", str(runs / "ae_hires"), "--batch", "1", "--workers", "0"]
    autoencoder.main([*head, "--init", str(runs / "ae" / "checkpoint.pt"), "--max-steps", str(base["step"] + 1)])
    autoencoder.main([*head, "--max-steps", str(base["step"] + 2)])
    assert f"resumed at step {base['step'] + 1}" in capsys.readouterr().out
    state = checkpoint.load(runs / "ae_hires" / "checkpoint.pt")
    assert state["step"] == base["step"] + 2 and state["config"] == cfg.to_dict()
    for name, value in base["model"].items():  # the encoder, so the DiT's latents, untouched
        if name.startswith(("frame_encoder", "fold", "latent_")):
            assert torch.equal(value, state["model"][name]), name
    # a plain run cannot resume the head's checkpoint by mistake
    try:
        autoencoder.main(["--decoder-only", "--out", str(runs / "ae_hires"), "--batch", "1", "--workers", "0"])
        raise AssertionError("a plain run resumed an output head's checkpoint")
    except SystemExit as e:
        assert "another autoencoder shape" in str(e)

    export.main(["--ae", str(runs / "ae_hires" / "checkpoint.pt"), "--dit", str(runs / "dit" / "checkpoint.pt"),
                 "--out", str(out)])
    assert json.loads((out / "config.json").read_text())["autoencoder"]["frame_rate_factor"] == r
    engine = BuiltinEngine.load(out)
    caps = engine.capabilities
    assert caps.native_fps == r * LATENT_FPS
    assert {a: (w // u, h // u) for a, (w, h) in caps.sizes.items()} == LATENT_SIZES
    spec = VideoSpec("a blue ball moves right in the blue sky", aspect="1:1", seconds=1, steps=1, seed=1,
                     fps=caps.native_fps)
    (video,) = engine.generate(GenerationRequest(spec))
    assert video.shape == (caps.native_fps, *caps.sizes["1:1"][::-1], 3)
    # known frames, given at the output size and fps, are encoded at the latents' and decoded back (half a second)
    frames, _ = render(scene_for("blue", "ball", "right", "blue sky", seed=3), *caps.sizes["1:1"], fps=caps.native_fps,
                       seconds=1)
    half = caps.native_fps // 2
    request = GenerationRequest(spec, (Conditioning(frames[:half], frame=0),))
    assert psnr(engine.generate(request)[0][:half], frames[:half]) >= 30.0
    engine.paste_known = False
    (decoded,) = engine.generate(request)
    assert psnr(decoded[:half], frames[:half]) > psnr(video[:half], frames[:half]) + 3.0
