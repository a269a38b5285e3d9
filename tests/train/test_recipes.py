"""The whole training recipe, a few steps of each stage: it runs, it resumes, it exports."""
import numpy as np
import torch

from vidloom.engines.builtin import BuiltinEngine
from vidloom.spec import GenerationRequest, VideoSpec
from vidloom.train import autoencoder, checkpoint, dit, export, latents


def test_recipe_runs_resumes_and_exports(tmp_path, capsys):
    torch.set_num_threads(1)
    ae_dir, lat_dir, dit_dir, out = tmp_path / "ae", tmp_path / "lat", tmp_path / "dit", tmp_path / "weights"
    # 1. autoencoder: two steps, then one more after a restart
    autoencoder.main(["--out", str(ae_dir), "--batch", "1", "--max-steps", "2"])
    autoencoder.main(["--out", str(ae_dir), "--batch", "1", "--max-steps", "3"])
    assert "resumed at step 2" in capsys.readouterr().out
    ae_state = checkpoint.load(ae_dir / "checkpoint.pt")
    assert ae_state["step"] == 3 and ae_state["normalised"]
    # the decoder-only stage leaves the encoder, and so every latent already made, untouched
    autoencoder.main(["--out", str(ae_dir), "--batch", "1", "--max-steps", "4", "--decoder-only"])
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
