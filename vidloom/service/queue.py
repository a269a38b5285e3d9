"""How queued jobs reach a worker: the embedded thread, or Celery tasks over Redis."""
from __future__ import annotations

from typing import Protocol


class Queue(Protocol):
    def notify(self, video_id: str) -> None:
        """A job was queued (or needs a worker again)."""

    def stop(self) -> None: ...


class CeleryQueue:
    """Sends one task per job; whichever Celery worker takes it runs the most urgent job (see celery_app)."""

    def __init__(self, settings):
        from .celery_app import make_celery

        self.app = make_celery(settings)

    def notify(self, video_id: str) -> None:
        self.app.send_task("vidloom.run_job", args=[video_id])

    def stop(self) -> None:
        pass


class NoQueue:
    """The API alone (workers run elsewhere and poll the database)."""

    def notify(self, video_id: str) -> None:
        pass

    def stop(self) -> None:
        pass
