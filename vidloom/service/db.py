"""Database engine and sessions; the schema is created and upgraded by Alembic (vidloom/service/migrations)."""
from __future__ import annotations

import os
import sqlite3
import threading
import time
from concurrent.futures import Executor
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, TypeVar

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

try:
    import fcntl
except ImportError:  # Windows: the gate is this process's only
    fcntl = None

T = TypeVar("T")

MIGRATIONS = Path(__file__).with_name("migrations")


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        # one connection per request thread (FastAPI runs up to 40 sync handlers at once), plus the worker's,
        # its heartbeat's and the chores': kept open, since a new one costs a file open and four PRAGMAs
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30},
                               pool_size=50, max_overflow=30, pool_timeout=60)

        @event.listens_for(engine, "connect")
        def _pragmas(conn, _record):
            cur = conn.cursor()
            cur.execute("PRAGMA busy_timeout=30000")  # first, so what follows waits for a busy file, not fails
            _wal(cur)
            cur.execute("PRAGMA synchronous=NORMAL")  # with WAL: safe against crashes, one fsync per checkpoint
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        database = engine.url.database
        _WriteGate(None if database in (None, "", ":memory:") else f"{database}-writers").install(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=20, max_overflow=20)


def _wal(cur, seconds: float = 30.0) -> None:
    """WAL lets readers run beside the worker's writes. The mode is kept in the file, so it is set once, by
    whichever connection first finds a new file (migrate does). SQLite refuses the switch at once, without
    its busy wait, while another connection holds a write, as the worker's process may while an API
    process opens a new file; so it retries for as long as SQLite's busy wait would have waited."""
    deadline = time.monotonic() + seconds
    while cur.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        try:
            cur.execute("PRAGMA journal_mode=WAL")
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


class _WriteGate:
    """SQLite lets one transaction write at a time and makes the others retry with growing sleeps (up to
    100 ms each), so under load a write waits far longer than the writes before it took. Writers queue on
    a gate instead: a transaction takes it at its first INSERT/UPDATE/DELETE (when SQLite takes its write
    lock) and gives it back when it commits or rolls back. The gate is a lock among this process's threads
    and, when the database is a file, an advisory lock on `lock_path` among the processes sharing it (the
    API processes and the worker's), which the kernel hands to one waiting process as soon as it is free
    (polling it instead cost each hand-over the poll's sleep). A writer that waits `timeout` seconds for
    this process's lock goes on to SQLite's busy wait; the file lock is waited for as long as its holder
    writes, as SQLite's own lock would be, and is let go by the kernel if the holder's process dies."""

    WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")

    def __init__(self, lock_path: str | None, timeout: float = 30.0):
        self.lock, self.timeout = threading.Lock(), timeout
        self.holders: set[int] = set()  # ids of the DBAPI connections in a write transaction holding the gate
        self.lock_path = lock_path
        self._fd: int | None = None  # opened on first use, in the process that writes

    def install(self, engine: Engine) -> None:
        @event.listens_for(engine, "before_cursor_execute")
        def _write(conn, _cursor, statement, *_):
            key = id(conn.connection.dbapi_connection)
            if key not in self.holders and statement.lstrip()[:7].upper().startswith(self.WRITES):
                if self._acquire():
                    self.holders.add(key)

        dialect = engine.dialect
        for name in ("do_commit", "do_rollback"):
            setattr(dialect, name, self._ending(getattr(dialect, name)))
        for name in ("close", "invalidate", "detach"):  # a connection dropped in a transaction ends it too
            event.listen(engine.pool, name, lambda dbapi_connection, *_: self._release(dbapi_connection))

    def _acquire(self) -> bool:
        if not self.lock.acquire(timeout=self.timeout):
            return False
        fd = self._file()
        if fd is None:
            return True
        try:  # the kernel queues the processes' first writers and wakes one when the file is unlocked
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:
            self.lock.release()
            return False
        return True

    def _file(self) -> int | None:
        if self._fd is None and self.lock_path and fcntl is not None:
            self._fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        return self._fd

    def _ending(self, end):
        def ended(dbapi_connection):
            try:
                end(dbapi_connection)
            finally:
                self._release(dbapi_connection)

        return ended

    def _release(self, dbapi_connection) -> None:
        key = id(getattr(dbapi_connection, "dbapi_connection", dbapi_connection))  # a pool's reset passes its wrapper
        if key in self.holders:
            self.holders.discard(key)
            if self._fd is not None:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
            self.lock.release()


def migrate(url: str) -> None:
    """Bring the database at `url` to the newest schema."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    command.upgrade(cfg, "head")
    if url.startswith("sqlite"):  # switch a new file to WAL now, before the processes sharing it start
        engine = make_engine(url)
        with engine.connect():
            pass
        engine.dispose()


class Database:
    """One engine and its session factory."""

    def __init__(self, url: str):
        self.url = url
        self.engine = make_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        # where run() runs its work: the worker's child process gives it a thread of normal priority (see run)
        self.thread: Executor | None = None

    def run(self, work: Callable[[Session], T]) -> T:
        """work(session) in a new session, on `thread` when set. The worker's child runs its jobs in the idle
        scheduling class, and a transaction of such a thread, preempted while it holds the write gate, would
        hold every API writer until a core fell idle: its transactions run on a thread that kept its share."""
        if self.thread is None:
            return self._run(work)
        return self.thread.submit(self._run, work).result()

    def _run(self, work: Callable[[Session], T]) -> T:
        with self.sessions() as s:
            return work(s)

    def check(self) -> str | None:
        """None when the database answers a query over the main tables, else what went wrong."""
        from sqlalchemy import text
        from sqlalchemy.exc import SQLAlchemyError

        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one()
                conn.execute(text("SELECT id FROM users LIMIT 1")).all()
                conn.execute(text("SELECT id FROM videos ORDER BY created_at DESC LIMIT 1")).all()
        except SQLAlchemyError as e:
            return " ".join(str(e.orig if getattr(e, "orig", None) else e).split())[:200]
        return None

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on error."""
        with self.sessions() as s:
            try:
                yield s
                s.commit()
            except BaseException:
                s.rollback()
                raise
