"""Everything a running service holds: settings, database, storage and the queue, built from settings."""
from __future__ import annotations

from dataclasses import dataclass, field

from . import retention, scratch, webhooks
from .db import Database, migrate
from .periodic import Periodic
from .queue import CeleryQueue, NoQueue, Queue
from .settings import Settings
from .storage import Storage, open_storage


@dataclass
class Service:
    settings: Settings
    db: Database
    storage: Storage
    queue: Queue
    chores: list[Periodic] = field(default_factory=list)  # webhook delivery, media expiry

    @classmethod
    def start(cls, settings: Settings, engine=None) -> "Service":
        """Migrate the database, open storage, and start the embedded worker unless a broker is set."""
        migrate(settings.db_url)
        db, storage = Database(settings.db_url), open_storage(settings)
        with db.sessions() as s:  # what a killed process left in the scratch folder
            scratch.clean(s, settings.work_dir)
        if settings.broker_url:
            queue: Queue = CeleryQueue(settings)
        elif settings.embedded_worker and settings.worker_process and engine is None:
            from .worker_process import WorkerProcess

            queue = WorkerProcess(settings).start()
        elif settings.embedded_worker:  # an engine object given (tests) stays in this process
            from .worker import EmbeddedWorker, Worker

            queue = EmbeddedWorker(Worker(settings, db, storage, engine)).start()
        elif settings.worker_wake:  # an API process of `vidloom serve --processes N`: its parent runs the worker
            from .wake import WakeSocket

            queue = WakeSocket(settings.worker_wake)
        else:
            queue = NoQueue()
        chores = [
            Periodic("vidloom-webhooks", 0.5, lambda: webhooks.deliver_due(
                db.sessions, settings.webhook_timeout, settings.webhook_max_attempts, settings.webhook_backoff_seconds)),
            Periodic("vidloom-retention", settings.cleanup_every_seconds, lambda: _expire(db, storage)),
        ]
        return cls(settings, db, storage, queue, [c.start() for c in chores])

    def stop(self) -> None:
        for chore in self.chores:
            chore.stop()
        self.queue.stop()
        self.db.engine.dispose()


def _expire(db: Database, storage: Storage) -> None:
    with db.sessions() as s:
        retention.remove_expired(s, storage)
