"""input_reference in every form OpenAI accepts -> one scratch file for the create handler.

A multipart file upload; `{"file_id": ...}` naming one of the caller's /v1/files;
`{"image_url": "data:image/png;base64,..."}`; and, only where the operator allows it, an
`{"image_url": "https://..."}` fetched with size and time limits from a public address
(the host is resolved and every address checked before connecting, to the checked address).
What the file holds is checked afterwards, by the same probe and moderation as any upload.
"""
from __future__ import annotations

import base64
import binascii
import ipaddress
import re
import socket
import time
from pathlib import Path
from urllib.parse import urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from ..service import files
from ..service import scratch as scratch_files
from ..service.context import Service
from ..service.models import User
from .errors import APIError

PARAM = "input_reference"
FORM_KEYS = {f"{PARAM}[file_id]": "file_id", f"{PARAM}[image_url]": "image_url"}  # how the SDK sends the object
DATA_URL = re.compile(r"^data:(?P<type>[\w.+-]+/[\w.+-]+)?(?P<params>(;[^;,]*)*?);base64,(?P<data>.*)$", re.S)


def split_form(form) -> tuple[dict, object]:
    """Multipart fields -> (the other fields, the input_reference value: a file, an object or a string)."""
    fields, reference = {}, None
    for name, value in form.multi_items():
        if name == PARAM:
            reference = value
        elif name in FORM_KEYS:
            reference = reference if isinstance(reference, dict) else {}
            reference[FORM_KEYS[name]] = value
        elif isinstance(value, str):
            fields[name] = value
        else:
            raise APIError(400, f"'{name}' cannot be a file: only input_reference takes one", "invalid_type", name)
    return fields, reference


def scratch(svc: Service) -> Path:
    """A scratch path named for this process, so a later start removes it if this process dies."""
    return scratch_files.new_path(svc.settings.work_dir, "upload")


async def save_upload(file: UploadFile, svc: Service, param: str = PARAM) -> Path:
    """Stream an uploaded file to a scratch file, refusing (413) past the upload limit."""
    limit = svc.settings.max_upload_bytes
    path, size = scratch(svc), 0
    try:
        with open(path, "wb") as out:
            while block := await file.read(1 << 20):
                size += len(block)
                if size > limit:
                    raise APIError(413, f"the upload is larger than {limit // (1024 * 1024)} MB", "file_too_large", param)
                out.write(block)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


async def resolve(value, user: User, svc: Service) -> Path | None:
    """The input_reference as a scratch file the caller removes, None when there is none, or APIError."""
    if value is None:
        return None
    if isinstance(value, UploadFile):
        return await save_upload(value, svc)
    if not isinstance(value, dict):
        raise APIError(400, "Invalid type for 'input_reference': expected a file upload or an object with file_id "
                            f"or image_url, but got {'a string' if isinstance(value, str) else type(value).__name__} "
                            "instead.", "invalid_type", PARAM)
    extra = sorted(set(value) - {"file_id", "image_url"})
    if extra:
        raise APIError(400, f"Unknown parameter: '{PARAM}.{extra[0]}'.", "unknown_parameter", f"{PARAM}.{extra[0]}")
    if len(value) != 1:
        raise APIError(400, "input_reference takes exactly one of file_id or image_url", "invalid_value", PARAM)
    (kind, ref), = value.items()
    if not isinstance(ref, str) or not ref:
        raise APIError(400, f"Invalid type for '{PARAM}.{kind}': expected a non-empty string.", "invalid_type",
                       f"{PARAM}.{kind}")
    if kind == "file_id":
        return await run_in_threadpool(_from_file, ref, user, svc)
    if ref.startswith("data:"):
        return _from_data_url(ref, svc)
    return await run_in_threadpool(_from_remote, ref, svc)


def _from_file(file_id: str, user: User, svc: Service) -> Path:
    with svc.db.sessions() as db:
        row = files.owned(db, user, file_id)
        key = row.key if row else None
    if key is None:
        raise APIError(400, f"No such File object: {file_id!r}.", "invalid_value", f"{PARAM}.file_id")
    return svc.storage.fetch(key, scratch(svc))


def _from_data_url(url: str, svc: Service) -> Path:
    param = f"{PARAM}.image_url"
    m = DATA_URL.match(url)
    if not m:
        raise APIError(400, "image_url must be a base64 data URL (data:image/png;base64,...) or an http(s) URL",
                       "invalid_value", param)
    limit = svc.settings.max_upload_bytes
    if len(m["data"]) * 3 // 4 > limit:
        raise APIError(413, f"the image is larger than {limit // (1024 * 1024)} MB", "file_too_large", param)
    try:
        data = base64.b64decode(m["data"], validate=True)
    except (binascii.Error, ValueError):
        raise APIError(400, "image_url's data is not valid base64", "invalid_value", param) from None
    path = scratch(svc)
    path.write_bytes(data)
    return path


def public_address(host: str, port: int) -> str:
    """The first address `host` resolves to, if every address it resolves to is a public one; else APIError."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise APIError(400, f"the host {host!r} of image_url does not resolve", "invalid_value", f"{PARAM}.image_url") from None
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    for ip in addresses:
        mapped = getattr(ip, "ipv4_mapped", None)
        if not (mapped or ip).is_global or ip.is_multicast:
            raise APIError(400, f"image_url points to a private or local address ({ip}): only public hosts are fetched",
                           "invalid_value", f"{PARAM}.image_url")
    return str(addresses[0])


def _from_remote(url: str, svc: Service) -> Path:
    """Fetch a public http(s) URL within the size and time limits (no redirects: each hop would need checking)."""
    import httpx

    param, settings = f"{PARAM}.image_url", svc.settings
    if not settings.remote_references:
        raise APIError(400, "this server does not fetch remote image URLs: upload the file, use /v1/files, or send "
                            "a data: URL", "invalid_value", param)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise APIError(400, "image_url must be an http(s) URL or a data: URL", "invalid_value", param)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    ip = public_address(parts.hostname, port)
    target = httpx.URL(url).copy_with(host=ip)  # connect to the address that was checked
    headers = {"host": parts.netloc.rsplit("@", 1)[-1]}
    deadline, limit = time.monotonic() + settings.remote_reference_timeout, settings.max_upload_bytes
    path, size = scratch(svc), 0
    try:
        with httpx.stream("GET", target, headers=headers, timeout=settings.remote_reference_timeout,
                          follow_redirects=False, extensions={"sni_hostname": parts.hostname}) as r:
            if r.status_code != 200:
                raise APIError(400, f"image_url answered HTTP {r.status_code}", "invalid_value", param)
            with open(path, "wb") as out:
                for block in r.iter_bytes(1 << 16):
                    size += len(block)
                    if size > limit:
                        raise APIError(413, f"image_url is larger than {limit // (1024 * 1024)} MB", "file_too_large", param)
                    if time.monotonic() > deadline:
                        raise APIError(400, "image_url took too long to download", "invalid_value", param)
                    out.write(block)
    except httpx.HTTPError as e:
        path.unlink(missing_ok=True)
        raise APIError(400, f"image_url could not be fetched ({e.__class__.__name__})", "invalid_value", param) from None
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path
