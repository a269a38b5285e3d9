"""`vidloom models add | list | remove`, folder checks, run settings and errors, through the CLI."""
from __future__ import annotations

import shutil

import numpy as np
import pytest
from conftest import cli, image

from vidloom.engines import get_engine
from vidloom.engines.diffusers.registry import load_registry
from vidloom.media import read_video


@pytest.fixture()
def wan_folder(tiny_model, tmp_path):
    """A private copy of the tiny Wan T2V folder, free to damage."""
    folder, name = tmp_path / "wan", tiny_model("wan-t2v")
    shutil.copytree(load_registry()[name].path, folder)
    return folder


def test_add_list_remove(wan_folder):
    proc = cli("models", "add", "reg-wan", "--path", str(wan_folder), "--cache", "first-block", "--dtype", "float32")
    assert proc.returncode == 0, proc.stderr
    assert "added reg-wan (wan)" in proc.stdout
    entry = load_registry()["reg-wan"]
    assert entry.family == "wan" and entry.cache == "first-block" and entry.path == str(wan_folder.resolve())
    listing = cli("models", "list").stdout
    assert "vidloom-mini" in listing and "reg-wan" in listing and "cache=first-block" in listing
    assert cli("models", "remove", "reg-wan").returncode == 0
    assert "reg-wan" not in load_registry()


@pytest.mark.parametrize("args, message", [
    (["--cache", "sometimes"], "unknown cache setting 'sometimes'"),
    (["--attention", "flash_hub"], "downloads kernels"),
    (["--family", "sora"], "unknown model family 'sora'"),
    (["--family", "ltx"], "holds a WanPipeline pipeline, not one of the ltx family's"),
    (["--offload", "disk"], "unknown offload setting"),
])
def test_bad_settings_are_refused(wan_folder, args, message):
    proc = cli("models", "add", "bad", "--path", str(wan_folder), *args)
    assert proc.returncode == 2 and proc.stderr.startswith("error: ") and message in proc.stderr
    assert "bad" not in load_registry()


def test_incomplete_folders_list_what_is_missing(wan_folder, tmp_path):
    (wan_folder / "transformer" / "diffusion_pytorch_model.safetensors").unlink()
    shutil.rmtree(wan_folder / "tokenizer")
    proc = cli("models", "add", "broken", "--path", str(wan_folder))
    assert proc.returncode == 2
    assert "missing tokenizer/, transformer/*.safetensors (no weights)" in proc.stderr
    proc = cli("models", "add", "nothing", "--path", str(tmp_path / "nowhere"))
    assert proc.returncode == 2 and "does not exist" in proc.stderr
    index = (wan_folder / "model_index.json").read_text().replace('"WanPipeline"', '"WanAnimatePipeline"')
    (wan_folder / "model_index.json").write_text(index)
    proc = cli("models", "add", "animate", "--path", str(wan_folder))
    assert proc.returncode == 2 and "holds a WanAnimatePipeline pipeline, which vidloom cannot run" in proc.stderr
    (tmp_path / "empty").mkdir()
    proc = cli("models", "add", "empty", "--path", str(tmp_path / "empty"))
    assert proc.returncode == 2 and "model_index.json is missing" in proc.stderr


def test_a_folder_broken_after_registration_fails_before_loading(wan_folder, tmp_path):
    assert cli("models", "add", "later-broken", "--path", str(wan_folder)).returncode == 0
    (wan_folder / "vae" / "config.json").unlink()
    proc = cli("generate", "a red ball", "--engine", "later-broken", "-o", str(tmp_path / "x.mp4"))
    assert proc.returncode == 2 and "missing vae/config.json" in proc.stderr
    assert not list(tmp_path.glob("x*"))  # nothing half-written


def test_unknown_engine_names_the_choices(vidloom_home, tmp_path):
    proc = cli("generate", "a red ball", "--engine", "no-such-model", "-o", str(tmp_path / "x.mp4"))
    assert proc.returncode == 2 and "available engines are vidloom-mini" in proc.stderr
    assert "vidloom models add" in proc.stderr


def test_run_settings_are_applied(wan_folder):
    from vidloom.engines.diffusers.registry import add_model

    add_model("tuned-wan", wan_folder, cache="first-block", attention="native", vae_tiling=True,
              offload="group", resolution=32, device="cpu")
    engine = get_engine("tuned-wan")
    assert engine.pipe.transformer.is_cache_enabled and engine.pipe.vae.use_tiling
    from vidloom.spec import GenerationRequest, VideoSpec

    spec = VideoSpec("a red ball", aspect="1:1", seconds=0.5, fps=16, steps=3)
    assert engine.generate(GenerationRequest(spec))[0].shape == (8, 32, 32, 3)
    add_model("pab-wan", wan_folder, cache="pab", resolution=32, device="cpu")  # reads the running timestep
    engine = get_engine("pab-wan")
    assert engine.pipe.transformer.is_cache_enabled
    assert engine.generate(GenerationRequest(spec))[0].shape == (8, 32, 32, 3)


def test_conditioning_through_the_cli(tiny_model, tmp_path):
    from vidloom.media import write_mp4
    from PIL import Image

    Image.fromarray(image(1)).save(tmp_path / "first.png")
    Image.fromarray(image(2)).save(tmp_path / "last.png")
    flf = tmp_path / "flf.mp4"
    proc = cli("generate", "a red ball", "--engine", tiny_model("wan-flf"), "--aspect", "1:1", "--duration", "0.5",
               "--fps", "16", "--steps", "2", "--image", str(tmp_path / "first.png"),
               "--last-image", str(tmp_path / "last.png"), "-o", str(flf))
    assert proc.returncode == 0, proc.stderr
    frames, _ = read_video(flf)
    assert np.abs(frames[0].astype(int) - image(1)).mean() < 6 and np.abs(frames[-1].astype(int) - image(2)).mean() < 6
    source = tmp_path / "source.mp4"
    write_mp4(np.stack([image(s) for s in range(12)]), source, 24)
    proc = cli("generate", "a blue box", "--engine", tiny_model("ltx"), "--aspect", "1:1", "--duration", "0.5",
               "--fps", "24", "--steps", "2", "--video", str(source), "--strength", "0.7", "-o", str(tmp_path / "v.mp4"))
    assert proc.returncode == 0, proc.stderr
    assert read_video(tmp_path / "v.mp4")[0].shape == (12, 32, 32, 3)
    proc = cli("generate", "a blue box", "--duration", "2", "--video", str(source), "-o", str(tmp_path / "long.mp4"))
    assert proc.returncode == 2 and "source.mp4 lasts 0.5 s" in proc.stderr  # checked before any model loads
    # a capability the model lacks is one error line, exit 2, and no file
    proc = cli("generate", "a red ball", "--engine", tiny_model("hunyuan"), "--aspect", "1:1", "--duration", "0.5",
               "--image", str(tmp_path / "first.png"), "-o", str(tmp_path / "no.mp4"))
    assert proc.returncode == 2 and "(first_frame)" in proc.stderr and not (tmp_path / "no.mp4").exists()
