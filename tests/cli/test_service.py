"""`vidloom keys create`, `vidloom users plan` and `vidloom verify`: one clear `error:` line and exit code 2 on bad
input."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from sqlalchemy import select

from vidloom.media import write_mp4
from vidloom.media.provenance import sign_mp4
from vidloom.service import jobs
from vidloom.service.db import Database
from vidloom.service.models import User, Video
from vidloom.service.plans import get_plan
from vidloom.service.settings import Settings

from ..service.helpers import cli, service_env


def one_error(proc, words: str, code: int = 2) -> None:
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == code, proc.stderr
    assert len(lines) == 1 and lines[0].startswith("error: ") and words in lines[0], proc.stderr


def test_keys_create_prints_the_key_last_and_rejects_bad_input(tmp_path):
    env = service_env(tmp_path / "home")
    proc = cli(env, "keys", "create", "--user", "new@example.com", "--plan", "pro")
    assert proc.returncode == 0 and proc.stdout.split()[-1].startswith("sk-vl-")
    again = cli(env, "keys", "create", "--user", "new@example.com", "--plan", "pro").stdout.split()[-1]
    assert again != proc.stdout.split()[-1]  # a second key for the same user
    one_error(cli(env, "keys", "create", "--user", "not-an-email", "--plan", "pro"), "not an email")
    one_error(cli(env, "keys", "create", "--user", "x@example.com", "--plan", "gold"), "unknown plan")
    one_error(cli(env, "keys", "create"), "--user")


def test_users_plan_moves_a_user_and_their_queued_jobs_to_another_plan(tmp_path):
    env = service_env(tmp_path / "home")
    assert cli(env, "keys", "create", "--user", "up@example.com").returncode == 0
    settings = Settings(home=env["VIDLOOM_HOME"])
    db = Database(settings.db_url)
    with db.session() as s:
        user = s.scalar(select(User).where(User.email == "up@example.com"))
        queued = jobs.submit(s, user, model="vidloom-mini", prompt="a red ball", seconds="1", size="224x128",
                             params={"aspect": "16:9", "seed": 0}).id
    proc = cli(env, "users", "plan", "Up@Example.com", "pro")
    assert proc.returncode == 0 and proc.stdout.strip() == ("up@example.com is now on the pro plan: 500 videos a month, "
                                                            "5 at once"), proc.stderr
    with db.session() as s:
        assert s.scalar(select(User.plan).where(User.email == "up@example.com")) == "pro"
        assert s.get(Video, queued).priority == get_plan("pro").priority  # served first from now on
    db.engine.dispose()
    one_error(cli(env, "users", "plan", "nobody@example.com", "pro"), "no account for nobody@example.com")
    one_error(cli(env, "users", "plan", "up@example.com", "gold"), "unknown plan")


def test_verify_accepts_signed_files_and_rejects_unsigned_or_tampered_ones(tmp_path):
    env = service_env(tmp_path / "home")
    frames = np.random.default_rng(0).integers(0, 255, (8, 64, 64, 3), np.uint8)
    raw = write_mp4(frames, tmp_path / "raw.mp4", 8)
    signed = sign_mp4(raw, tmp_path / "signed.mp4", {"generator": "vidloom 0.1.0", "operation": "generate",
                                                     "engine": "vidloom-mini", "prompt": "noise"},
                      Path(env["VIDLOOM_HOME"]) / "signing")
    ok = cli(env, "verify", str(signed))
    assert ok.returncode == 0 and "Trusted" in ok.stdout and "vidloom-mini" in ok.stdout, ok.stdout + ok.stderr
    one_error(cli(env, "verify", str(raw)), "no C2PA manifest", 1)
    data = bytearray(signed.read_bytes())
    at = data.find(b"mdat") + 64
    data[at:at + 16] = bytes(16)
    (tmp_path / "tampered.mp4").write_bytes(bytes(data))
    proc = cli(env, "verify", str(tmp_path / "tampered.mp4"))
    assert proc.returncode == 1 and "mismatch" in proc.stderr, proc.stdout + proc.stderr
    one_error(cli(env, "verify", str(tmp_path / "missing.mp4")), "no file")
    # another install's chain is not this install's: intact, but signed by an unknown party (exit 1) ...
    other = service_env(tmp_path / "other")
    sign_mp4(raw, tmp_path / "other.mp4", {"generator": "vidloom 0.1.0"}, Path(other["VIDLOOM_HOME"]) / "signing")
    untrusted = cli(env, "verify", str(tmp_path / "other.mp4"))
    assert untrusted.returncode == 1 and "Trusted" not in untrusted.stdout, untrusted.stdout + untrusted.stderr
    assert "signed by an unknown party" in untrusted.stderr
    # ... until the operator adds its root to the trust folder
    trust = Path(env["VIDLOOM_HOME"]) / "trust"
    trust.mkdir()
    (trust / "other.pem").write_text((Path(other["VIDLOOM_HOME"]) / "signing" / "root.pem").read_text())
    trusted = cli(env, "verify", str(tmp_path / "other.mp4"))
    assert trusted.returncode == 0 and "verdict: valid" in trusted.stdout, trusted.stdout + trusted.stderr
