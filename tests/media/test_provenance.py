"""C2PA provenance means something: valid only for a chain this install trusts, and a video made from
another records it as an ingredient."""
from __future__ import annotations

import numpy as np
import pytest
from cryptography import x509

from vidloom.media import write_mp4
from vidloom.media.provenance import ensure_chain, sign_mp4, trust_anchors, verify

INFO = {"generator": "vidloom 0.2.0", "operation": "generate", "engine": "vidloom-mini", "prompt": "a red ball"}


@pytest.fixture()
def raw(tmp_path):
    frames = np.random.default_rng(0).integers(0, 255, (8, 64, 64, 3), np.uint8)
    return write_mp4(frames, tmp_path / "raw.mp4", 8)


def test_a_file_signed_with_an_attackers_own_chain_is_not_valid(tmp_path, raw):
    ours, attacker = tmp_path / "signing", tmp_path / "attacker"
    anchors = trust_anchors(ours, tmp_path / "trust")
    # the attacker makes a fresh CA chain (cryptography) with exactly our names: only the keys differ
    ensure_chain(attacker)
    root = lambda folder: x509.load_pem_x509_certificate((folder / "root.pem").read_bytes())  # noqa: E731
    assert root(attacker).subject == root(ours).subject and root(attacker) != root(ours)
    forged = verify(sign_mp4(raw, tmp_path / "forged.mp4", INFO, attacker), anchors)
    assert forged.has_manifest and forged.intact  # the signature itself is fine ...
    assert not forged.trusted and not forged.valid  # ... but nobody this install trusts made it
    assert forged.verdict == "signed by an unknown party"
    genuine = verify(sign_mp4(raw, tmp_path / "genuine.mp4", INFO, ours), anchors)
    assert genuine.valid and genuine.verdict == "valid", genuine.problems
    assert not verify(tmp_path / "genuine.mp4").valid  # without trust anchors nothing is valid


def test_roots_in_the_trust_folder_are_trusted_too(tmp_path, raw):
    partner = ensure_chain(tmp_path / "partner")
    (tmp_path / "trust").mkdir()
    (tmp_path / "trust" / "partner.pem").write_text((partner / "root.pem").read_text())
    found = verify(sign_mp4(raw, tmp_path / "p.mp4", INFO, partner), trust_anchors(tmp_path / "signing", tmp_path / "trust"))
    assert found.valid and found.verdict == "valid"


def test_a_video_made_from_another_records_it_as_an_ingredient(tmp_path, raw):
    ours = tmp_path / "signing"
    original = sign_mp4(raw, tmp_path / "original.mp4", INFO, ours)
    remix = sign_mp4(raw, tmp_path / "remix.mp4", {**INFO, "operation": "remix"}, ours,
                     ingredients={"video_0123456789abcdef01234567.mp4": original})
    found = verify(remix, trust_anchors(ours))
    assert found.valid, found.problems
    assert found.ingredients == ({"title": "video_0123456789abcdef01234567.mp4", "relationship": "componentOf"},)
    assert verify(original, trust_anchors(ours)).ingredients == ()
