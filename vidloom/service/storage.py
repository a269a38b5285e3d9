"""Content-addressed file storage: a key is the SHA-256 of the bytes plus an extension.

Local folder (files written to a temporary sibling, then renamed) or S3 (boto3). Putting the
same bytes twice stores them once; callers delete a key only when no video refers to it.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import time
from pathlib import Path
from typing import Iterator, Protocol

from ..media import atomic_path

KEY = re.compile(r"^[0-9a-f]{64}\.[a-z0-9]{1,5}$")
CHUNK = 1 << 20


def file_key(path: Path, ext: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(CHUNK), b""):
            digest.update(block)
    return f"{digest.hexdigest()}.{ext}"


def _check(key: str) -> str:
    if not KEY.match(key):
        raise ValueError(f"not a storage key: {key!r}")
    return key


class Storage(Protocol):
    def put(self, path: Path, ext: str) -> str:
        """Store the file at `path`; returns its key."""

    def size(self, key: str) -> int: ...

    def read(self, key: str, start: int = 0, end: int | None = None) -> Iterator[bytes]:
        """The bytes [start, end] (inclusive end; None: to the end of the file)."""

    def fetch(self, key: str, dest: Path) -> Path:
        """Copy the stored file to a local path."""

    def delete(self, key: str) -> None: ...

    def keys(self, older_than: float = 0.0) -> list[str]:
        """Every stored key last written at least `older_than` seconds ago."""


class LocalStorage:
    """Files under `root`, fanned out by the first two hex digits of the key."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    def path(self, key: str) -> Path:
        return self.root / _check(key)[:2] / key

    def put(self, path: Path, ext: str) -> str:
        key = file_key(path, ext)
        target = self.path(key)
        if target.exists():
            os.utime(target)  # fresh again, so garbage collection's grace period covers the new user
            return key
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(target) as tmp:
            shutil.copyfile(path, tmp)
        return key

    def size(self, key: str) -> int:
        return self.path(key).stat().st_size

    def read(self, key: str, start: int = 0, end: int | None = None) -> Iterator[bytes]:
        with open(self.path(key), "rb") as f:
            f.seek(start)
            left = None if end is None else end - start + 1
            while left is None or left > 0:
                block = f.read(CHUNK if left is None else min(CHUNK, left))
                if not block:
                    break
                if left is not None:
                    left -= len(block)
                yield block

    def fetch(self, key: str, dest: Path) -> Path:
        shutil.copyfile(self.path(key), dest)
        return dest

    def delete(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)

    def keys(self, older_than: float = 0.0) -> list[str]:
        cutoff = time.time() - older_than
        return sorted(p.name for p in self.root.glob("*/*") if KEY.match(p.name) and p.stat().st_mtime <= cutoff)


class S3Storage:
    """Objects in an S3-compatible bucket under `prefix`."""

    def __init__(self, bucket: str, prefix: str = "", endpoint_url: str | None = None):
        import boto3

        self.bucket, self.prefix = bucket, prefix.strip("/")
        self.client = boto3.client("s3", endpoint_url=endpoint_url)

    def _name(self, key: str) -> str:
        return f"{self.prefix}/{_check(key)}" if self.prefix else _check(key)

    def put(self, path: Path, ext: str) -> str:
        key = file_key(path, ext)
        self.client.upload_file(str(path), self.bucket, self._name(key))  # S3 puts are atomic
        return key

    def size(self, key: str) -> int:
        return self.client.head_object(Bucket=self.bucket, Key=self._name(key))["ContentLength"]

    def read(self, key: str, start: int = 0, end: int | None = None) -> Iterator[bytes]:
        span = f"bytes={start}-{'' if end is None else end}"
        body = self.client.get_object(Bucket=self.bucket, Key=self._name(key), Range=span)["Body"]
        yield from body.iter_chunks(CHUNK)

    def fetch(self, key: str, dest: Path) -> Path:
        self.client.download_file(self.bucket, self._name(key), str(dest))
        return dest

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self._name(key))

    def keys(self, older_than: float = 0.0) -> list[str]:
        cutoff = time.time() - older_than
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=self.prefix)
        return sorted(o["Key"].rsplit("/", 1)[-1] for page in pages for o in page.get("Contents", [])
                      if KEY.match(o["Key"].rsplit("/", 1)[-1]) and o["LastModified"].timestamp() <= cutoff)


def open_storage(settings) -> Storage:
    """The storage the settings name: S3 for s3://bucket/prefix, else the local media folder."""
    url = settings.storage_url
    if url and url.startswith("s3://"):
        bucket, _, prefix = url[5:].partition("/")
        return S3Storage(bucket, prefix, settings.s3_endpoint_url)
    if url:
        return LocalStorage(Path(url.removeprefix("file://")))
    return LocalStorage(settings.media_dir)
