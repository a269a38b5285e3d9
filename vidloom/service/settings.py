"""Service settings from the environment (VIDLOOM_*); every path defaults to a place under VIDLOOM_HOME."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Where state lives and how jobs run. The defaults give the embedded service under ~/.vidloom."""

    model_config = SettingsConfigDict(env_prefix="VIDLOOM_", extra="ignore")

    home: Path = Field(default_factory=lambda: Path("~/.vidloom").expanduser())
    database_url: str | None = None  # default: SQLite file under home
    broker_url: str | None = None  # None: in-process worker thread; redis://...: Celery workers
    storage_url: str | None = None  # None: media folder under home; s3://bucket/prefix: S3
    s3_endpoint_url: str | None = None
    signing_dir: Path | None = None  # C2PA certificate chain; default home/signing
    engine: str = "vidloom-mini"
    steps: int | None = None  # sampler steps for every job (None: the engine's default)
    fps: int = 8
    lease_seconds: float = 60.0  # a running job whose heartbeat is older than this is re-run
    visibility_timeout: float = 3600.0  # Celery/Redis: seconds before an unacked job message is redelivered
    max_upload_bytes: int = 20 * 1024 * 1024
    max_image_pixels: int = 40_000_000
    cookie_secure: bool = True
    embedded_worker: bool = True  # run the in-process worker when there is no broker
    retention_hours: float | None = None  # media of completed videos is removed this long after completion
    cleanup_every_seconds: float = 600.0  # how often the service looks for expired media
    remote_references: bool = False  # may input_reference be an http(s) URL the service fetches?
    remote_reference_timeout: float = 10.0  # seconds for a whole remote fetch
    webhook_timeout: float = 10.0  # seconds a webhook receiver has to answer
    webhook_max_attempts: int = 8  # then a delivery is marked failed
    webhook_backoff_seconds: float = 5.0  # first retry after this, doubling each time

    def resolved_home(self) -> Path:
        home = Path(self.home).expanduser()
        home.mkdir(parents=True, exist_ok=True)
        return home

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.resolved_home() / 'vidloom.db'}"

    @property
    def media_dir(self) -> Path:
        return self.resolved_home() / "media"

    @property
    def work_dir(self) -> Path:
        """Scratch space for running jobs; one sub-folder per job attempt, removed when it ends."""
        return self.resolved_home() / "work"

    @property
    def signing_path(self) -> Path:
        return Path(self.signing_dir) if self.signing_dir else self.resolved_home() / "signing"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
