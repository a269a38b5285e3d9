"""Celery for the scale-out setup: `vidloom worker` processes over Redis, sharing the database and storage.

Each queued job sends one task; the task claims the most urgent claimable job from the database
(so Pro jobs go first whatever the broker's order). Tasks are acknowledged late and rejected when
their worker dies, so a killed worker's task is delivered again; the job's stale heartbeat lets the
next worker claim it, and jobs.complete charges it once.
"""
from __future__ import annotations

from celery import Celery
from celery.signals import worker_process_init

from .settings import Settings, get_settings

_worker = None  # one Worker (and loaded engine) per worker process


def make_celery(settings: Settings | None = None) -> Celery:
    settings = settings or get_settings()
    app = Celery("vidloom", broker=settings.broker_url)
    app.conf.update(
        task_acks_late=True, task_reject_on_worker_lost=True, worker_prefetch_multiplier=1,
        # a dead worker's unacked message comes back after visibility_timeout; look for such messages often
        broker_transport_options={"visibility_timeout": settings.visibility_timeout,
                                  "unacked_restore_interval": max(1.0, min(10.0, settings.visibility_timeout / 4)),
                                  "unacked_restore_throttle": 1},
        task_default_queue="vidloom", broker_connection_retry_on_startup=True, task_ignore_result=True,
        worker_hijack_root_logger=False,
    )

    @app.task(name="vidloom.run_job", bind=True, max_retries=None)
    def run_job(task, video_id: str) -> None:
        worker = _get_worker()
        if worker.run_next(video_id):
            return
        # Not claimable now: finished, cancelled, or still held by a live worker (then retry until
        # its heartbeat either ends the job or goes stale)
        from . import jobs
        from .models import Video

        with worker.db.sessions() as s:
            video = s.get(Video, video_id)
            running = video is not None and video.status in jobs.ACTIVE
        if running:
            raise task.retry(countdown=max(1.0, worker.settings.lease_seconds / 2))

    return app


def _get_worker():
    global _worker
    if _worker is None:
        from .db import Database, migrate
        from .storage import open_storage
        from .worker import Worker

        settings = get_settings()
        migrate(settings.db_url)
        _worker = Worker(settings, Database(settings.db_url), open_storage(settings))
    return _worker


@worker_process_init.connect
def _load_engine(**_kwargs) -> None:
    """Load the model when a worker process starts, so it stays loaded for every job."""
    _get_worker().engine


