"""Service settings from the environment (VIDLOOM_*); every path defaults to a place under VIDLOOM_HOME."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from ..spec import DEFAULT_ENGINE


class Settings(BaseSettings):
    """Where state lives and how jobs run. The defaults give the embedded service under ~/.vidloom."""

    model_config = SettingsConfigDict(env_prefix="VIDLOOM_", extra="ignore")

    home: Path = Field(default_factory=lambda: Path("~/.vidloom").expanduser())
    database_url: str | None = None  # default: SQLite file under home
    broker_url: str | None = None  # None: the embedded worker; redis://...: Celery workers
    storage_url: str | None = None  # None: media folder under home; s3://bucket/prefix: S3
    s3_endpoint_url: str | None = None
    signing_dir: Path | None = None  # C2PA certificate chain; default home/signing
    engine: str = DEFAULT_ENGINE  # the engine of OpenAI model names (sora-2); any registered model works
    steps: int | None = None  # sampler steps for every job (None: the engine's default)
    fps: int = 8
    lease_seconds: float = 60.0  # a running job whose heartbeat is older than this is re-run
    visibility_timeout: float = 3600.0  # Celery/Redis: seconds before an unacked job message is redelivered
    max_upload_bytes: int = 20 * 1024 * 1024
    max_image_pixels: int = 40_000_000
    cookie_secure: bool = True
    embedded_worker: bool = True  # run the embedded worker when there is no broker
    worker_process: bool = True  # ... in a child process that gets the CPU the API leaves (False: on a thread of the API's)
    worker_wake: str | None = None  # set by `vidloom serve --processes N` in its API processes: wakes its one worker
    signup: Literal["open", "invite"] = "open"  # invite: sign-up needs a code from `vidloom keys invite`
    signups_per_address: int = 10  # new accounts per client address per hour
    login_failures_per_account: int = 5  # then that account's log-in is refused for login_lockout_seconds
    login_failures_per_address: int = 30  # then every log-in from that address is, too
    login_lockout_seconds: float = 900.0
    event_streams_per_user: int = 8  # open /v1/videos/{id}/events streams per user, across every API process
    event_stream_lease_seconds: float = 30.0  # a stream's slot is renewed each third of this; a dead process's expire
    event_heartbeat_seconds: float = 15.0  # a comment line on a quiet event stream, so proxies keep it open
    max_body_bytes: int = 1024 * 1024  # any request body but a multipart upload (max_upload_bytes)
    trust_dir: Path | None = None  # extra C2PA trust anchors (*.pem) besides this install's root; default home/trust
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
    def trust_path(self) -> Path:
        return Path(self.trust_dir) if self.trust_dir else self.resolved_home() / "trust"

    @property
    def signing_path(self) -> Path:
        return Path(self.signing_dir) if self.signing_dir else self.resolved_home() / "signing"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
