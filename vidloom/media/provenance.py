"""C2PA provenance: sign MP4s with a manifest (c2pa-python) and read/check it back.

The signing key and its certificate chain (a local root CA and an ES256 signing
certificate it issued) are made on first use under the signing folder, so every
install signs from its first video; point the folder at a real chain to replace them.
"""
from __future__ import annotations

import datetime
import json
import os
from dataclasses import dataclass
from pathlib import Path

from ._atomic import atomic_path

ALG = "es256"
FILES = ("signer.key", "chain.pem", "root.pem")


def ensure_chain(folder: Path) -> Path:
    """Create folder/{signer.key, chain.pem, root.pem} unless they exist; returns the folder."""
    folder = Path(folder)
    if all((folder / f).exists() for f in FILES):
        return folder
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    folder.mkdir(parents=True, exist_ok=True)
    now = datetime.datetime.now(datetime.timezone.utc)
    root_key, leaf_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())

    def name(cn: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "vidloom"),
                          x509.NameAttribute(NameOID.COMMON_NAME, cn)])

    root = (x509.CertificateBuilder().subject_name(name("vidloom local root CA")).issuer_name(name("vidloom local root CA"))
            .public_key(root_key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), critical=False)
            .sign(root_key, hashes.SHA256()))
    leaf = (x509.CertificateBuilder().subject_name(name("vidloom signer")).issuer_name(root.subject)
            .public_key(leaf_key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=825))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(leaf_key.public_key()), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), critical=False)
            .sign(root_key, hashes.SHA256()))
    pem = serialization.Encoding.PEM
    key_bytes = leaf_key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    for file, data in (("root.pem", root.public_bytes(pem)), ("chain.pem", leaf.public_bytes(pem) + root.public_bytes(pem)),
                       ("signer.key", key_bytes)):
        with atomic_path(folder / file) as tmp:
            tmp.write_bytes(data)
    os.chmod(folder / "signer.key", 0o600)
    return folder


def _manifest(info: dict) -> dict:
    """A C2PA manifest: created by a trained algorithm (vidloom), with the generator, model and operation."""
    return {
        "claim_generator_info": [{"name": "vidloom", "version": str(info.get("generator", "")).split()[-1]}],
        "title": f"{info.get('video_id') or 'video'}.mp4",
        "format": "video/mp4",
        "assertions": [
            {"label": "c2pa.actions", "data": {"actions": [{
                "action": "c2pa.created",
                "digitalSourceType": "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia",
                "softwareAgent": {"name": "vidloom", "version": str(info.get("generator", ""))},
                "parameters": {"operation": info.get("operation"), "model": info.get("engine"),
                               "model_version": info.get("engine_version")},
            }]}},
            {"label": "org.vidloom.generation", "data": {k: v for k, v in info.items() if v is not None}},
        ],
    }


def sign_mp4(source: Path, dest: Path, info: dict, signing_folder: Path,
             ingredients: dict[str, Path] | None = None) -> Path:
    """Write `source` to `dest` with a signed C2PA manifest describing `info`; returns dest.

    `ingredients` (title -> MP4) are the videos it was made from: each is recorded as a componentOf
    ingredient, with its own C2PA manifest when it has one, so the record links back to the original."""
    import c2pa

    folder = ensure_chain(signing_folder)
    signer_info = c2pa.C2paSignerInfo(alg=ALG.encode(), sign_cert=(folder / "chain.pem").read_bytes(),
                                      private_key=(folder / "signer.key").read_bytes(), ta_url=None)
    with c2pa.Signer.from_info(signer_info) as signer, \
            c2pa.Builder(json.dumps(_manifest(info), default=str)) as builder, atomic_path(dest) as tmp:
        for title, path in (ingredients or {}).items():
            with open(path, "rb") as stream:
                builder.add_ingredient({"title": title, "relationship": "componentOf"}, "video/mp4", stream)
        tmp.unlink()  # c2pa writes the file itself
        builder.sign_file(str(source), str(tmp.with_suffix(".mp4")), signer)
        os.replace(tmp.with_suffix(".mp4"), tmp)
    return Path(dest)


def trust_anchors(signing_folder: Path, trust_folder: Path | None = None) -> str:
    """The roots this install trusts, as one PEM bundle: its own signing root, plus every *.pem an operator
    put in `trust_folder` (other installs or certificate authorities whose videos count as valid here)."""
    pems = [(ensure_chain(signing_folder) / "root.pem").read_text()]
    if trust_folder is not None and Path(trust_folder).is_dir():
        pems += [p.read_text() for p in sorted(Path(trust_folder).glob("*.pem"))]
    return "\n".join(pem.strip() for pem in pems) + "\n"


@dataclass(frozen=True)
class Verification:
    """What `verify` found: whether the manifest is intact, whether a trusted chain signed it, what it says."""

    has_manifest: bool
    intact: bool  # signature and content hashes check out
    trusted: bool  # its certificate chain ends at one of the trust anchors
    state: str | None
    problems: tuple[str, ...]
    generation: dict  # the org.vidloom.generation assertion
    signer: str | None
    ingredients: tuple[dict, ...] = ()  # {"title", "relationship"} of the videos it was made from

    @property
    def valid(self) -> bool:
        """Intact and signed by a party this install trusts: anyone can make an intact signature."""
        return self.intact and self.trusted

    @property
    def verdict(self) -> str:
        if not self.has_manifest:
            return "no provenance record"
        if not self.intact:
            return "tampered or damaged"
        return "valid" if self.trusted else "signed by an unknown party"


def verify(path: Path, trust_pem: str | None = None) -> Verification:
    """Read and check the C2PA manifest of a file; its chain is trusted only when it ends at a root in
    `trust_pem` (a PEM bundle, see trust_anchors)."""
    import c2pa

    context = None
    if trust_pem:
        settings = {"verify": {"verify_trust": True}, "trust": {"trust_anchors": trust_pem}}
        context = c2pa.Context(settings=c2pa.Settings.from_json(json.dumps(settings)))
    try:
        with c2pa.Reader(str(path), context=context) as reader:
            store = json.loads(reader.json())
    except c2pa.C2paError as e:
        if "ManifestNotFound" in type(e).__name__ or "not found" in str(e).lower():
            return Verification(False, False, False, None, ("no C2PA manifest",), {}, None)
        raise ValueError(f"{Path(path).name}: cannot read its C2PA data ({e})") from None
    manifest = store.get("manifests", {}).get(store.get("active_manifest"), {})
    statuses = store.get("validation_status") or []
    problems = tuple(f"{s.get('code')}: {s.get('explanation', '')}".strip() for s in statuses)
    failures = [s for s in statuses if "untrusted" not in str(s.get("code", ""))]
    generation = next((a.get("data", {}) for a in manifest.get("assertions", []) if a.get("label") == "org.vidloom.generation"), {})
    state = store.get("validation_state")
    ingredients = tuple({"title": i.get("title"), "relationship": i.get("relationship")}
                        for i in manifest.get("ingredients", []))
    return Verification(True, not failures, bool(trust_pem) and state == "Trusted", state, problems, generation,
                        (manifest.get("signature_info") or {}).get("common_name"), ingredients)
