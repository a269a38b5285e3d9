"""S3Storage over real HTTP with boto3, against moto's S3-compatible server (no AWS account needed)."""
from __future__ import annotations

import boto3
import pytest

from vidloom.service import jobs
from vidloom.service.settings import Settings
from vidloom.service.storage import S3Storage, open_storage

from .helpers import free_port


@pytest.fixture()
def s3(monkeypatch):
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    server.start()
    for name, value in (("AWS_ACCESS_KEY_ID", "test"), ("AWS_SECRET_ACCESS_KEY", "test"), ("AWS_DEFAULT_REGION", "us-east-1")):
        monkeypatch.setenv(name, value)
    url = f"http://127.0.0.1:{port}"
    boto3.client("s3", endpoint_url=url).create_bucket(Bucket="media")
    yield url
    server.stop()


def test_s3_backend_stores_reads_ranges_lists_and_deletes(s3, tmp_path):
    storage = open_storage(Settings(home=tmp_path, storage_url="s3://media/videos", s3_endpoint_url=s3))
    assert isinstance(storage, S3Storage)
    src = tmp_path / "clip.bin"
    src.write_bytes(bytes(range(256)) * 64)
    key = storage.put(src, "mp4")
    assert storage.put(src, "mp4") == key  # same bytes, same key
    assert storage.size(key) == 256 * 64
    assert b"".join(storage.read(key, 10, 19)) == bytes(range(10, 20))
    assert b"".join(storage.read(key)) == src.read_bytes()
    assert storage.keys() == [key]
    names = [o["Key"] for o in boto3.client("s3", endpoint_url=s3).list_objects_v2(Bucket="media")["Contents"]]
    assert names == [f"videos/{key}"]
    storage.fetch(key, tmp_path / "back.bin")
    assert (tmp_path / "back.bin").read_bytes() == src.read_bytes()
    storage.delete(key)
    assert storage.keys() == []


def test_garbage_collection_on_s3(s3, tmp_path):
    from vidloom.service.db import Database, migrate

    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    migrate(url)
    db = Database(url)
    storage = S3Storage("media", "", s3)
    (tmp_path / "orphan").write_bytes(b"left by a killed worker")
    orphan = storage.put(tmp_path / "orphan", "jpg")
    with db.sessions() as s:
        assert jobs.collect_garbage(s, storage, grace_seconds=0) == [orphan]
    assert storage.keys() == []
    db.engine.dispose()
