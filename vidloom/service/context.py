"""Everything a running service holds: settings, database, storage and the queue, built from settings."""
from __future__ import annotations

from dataclasses import dataclass

from . import scratch
from .db import Database, migrate
from .queue import CeleryQueue, NoQueue, Queue
from .settings import Settings
from .storage import Storage, open_storage


@dataclass
class Service:
    settings: Settings
    db: Database
    storage: Storage
    queue: Queue

    @classmethod
    def start(cls, settings: Settings, engine=None) -> "Service":
        """Migrate the database, open storage, and start the embedded worker unless a broker is set."""
        migrate(settings.db_url)
        db, storage = Database(settings.db_url), open_storage(settings)
        with db.sessions() as s:  # what a killed process left in the scratch folder
            scratch.clean(s, settings.work_dir)
        if settings.broker_url:
            queue: Queue = CeleryQueue(settings)
        elif settings.embedded_worker:
            from .worker import EmbeddedWorker, Worker

            queue = EmbeddedWorker(Worker(settings, db, storage, engine)).start()
        else:
            queue = NoQueue()
        return cls(settings, db, storage, queue)

    def stop(self) -> None:
        self.queue.stop()
        self.db.engine.dispose()
