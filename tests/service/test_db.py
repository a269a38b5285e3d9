"""The SQLite database under concurrent writers: writers of one process queue on a lock, and the processes
sharing the file on an advisory lock beside it (no SQLite busy backoff); every way a write transaction ends
gives both back."""
from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import threading
import time

import pytest
from sqlalchemy import text, update

from vidloom.service import accounts
from vidloom.service.db import Database, migrate
from vidloom.service.models import User


@pytest.fixture()
def db(tmp_path):
    url = f"sqlite:///{tmp_path / 'vidloom.db'}"
    migrate(url)
    database = Database(url)
    with database.session() as s:
        accounts.create_user(s, "a@example.com")
    yield database
    database.engine.dispose()


def _touch(db: Database, end: str = "commit", hold: float = 0.0) -> None:
    with db.sessions() as s:
        s.execute(update(User).values(touched_at=time.time()))
        time.sleep(hold)
        if end == "commit":
            s.commit()
        elif end == "rollback":
            s.rollback()
        else:  # the connection is dropped in the middle of its transaction
            s.connection().invalidate()


def _next_write_seconds(db: Database) -> float:
    started = time.monotonic()
    _touch(db)
    return time.monotonic() - started


@pytest.mark.parametrize("end", ["commit", "rollback", "invalidate"])
def test_each_end_of_a_write_transaction_frees_the_next_writer(db, end):
    _touch(db, end)
    waited = []
    thread = threading.Thread(target=lambda: waited.append(_next_write_seconds(db)))
    thread.start()
    thread.join(20)
    assert waited and waited[0] < 5, waited  # a lock left held would make it wait 30 s


def test_reads_do_not_queue_behind_a_writer(db):
    writer = threading.Thread(target=_touch, args=(db, "commit", 1.0))
    writer.start()
    time.sleep(0.2)
    started = time.monotonic()
    with db.sessions() as s:  # WAL: a reader does not wait for the writer
        assert s.execute(text("SELECT count(*) FROM users")).scalar_one() == 1
    assert time.monotonic() - started < 0.5
    writer.join()


def test_many_concurrent_writers_all_succeed_one_after_another(db):
    errors: list[BaseException] = []

    def write():
        try:
            for _ in range(10):
                _touch(db, hold=0.002)
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=write) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []  # no "database is locked": each waited its turn


HOLD_A_WRITE = """
import sys, time
from sqlalchemy import update
from vidloom.service.db import Database
from vidloom.service.models import User
db = Database(sys.argv[1])
with db.sessions() as s:
    s.execute(update(User).values(touched_at=time.time()))
    print("writing", flush=True)
    sys.stdin.readline()
    s.commit()
print("done", flush=True)
"""


def _gate_is_free(path: str) -> bool:
    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(fd)


def test_a_write_in_another_process_holds_the_file_gate_until_it_commits(db):
    other = subprocess.Popen([sys.executable, "-c", HOLD_A_WRITE, db.url], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout.readline().strip() == "writing"
        gate = db.url.removeprefix("sqlite:///") + "-writers"
        assert not _gate_is_free(gate)  # this process's next writer queues on it, not in SQLite's busy wait
        other.stdin.write("\n")
        other.stdin.flush()
        assert other.stdout.readline().strip() == "done"
        assert _gate_is_free(gate)
        assert _next_write_seconds(db) < 5
    finally:
        other.kill()
        other.wait()


def test_run_does_its_transaction_on_the_thread_it_is_given_and_returns_its_result(db):
    """The worker's child gives its transactions a thread outside the idle scheduling class (worker_process)."""
    from concurrent.futures import ThreadPoolExecutor

    def touch(s):
        s.execute(update(User).values(touched_at=123.0))
        s.commit()
        return threading.current_thread().name

    assert db.run(touch) == threading.current_thread().name
    with ThreadPoolExecutor(1, thread_name_prefix="writer") as pool:
        db.thread = pool
        assert db.run(touch).startswith("writer")
        assert db.run(lambda s: s.execute(text("SELECT touched_at FROM users")).scalar_one()) == 123.0


def test_a_connection_opening_a_new_file_while_another_writes_switches_it_to_wal(tmp_path):
    """A new file is in rollback-journal mode, and SQLite refuses the switch to WAL at once (no busy wait)
    while another connection holds a write. So a test's API connection opening the file while the worker's
    process wrote once failed with "database is locked" (CI, test_service_default); it now retries."""
    import sqlite3

    from vidloom.service.db import make_engine

    path = tmp_path / "new.db"
    writer = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    writer.execute("CREATE TABLE t (i INTEGER)")
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO t VALUES (0)")
    threading.Timer(0.5, lambda: writer.execute("COMMIT")).start()
    engine = make_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            conn.execute(text("INSERT INTO t VALUES (1)"))
    finally:
        engine.dispose()
        writer.close()
    with sqlite3.connect(path) as plain:
        assert sorted(i for (i,) in plain.execute("SELECT i FROM t")) == [0, 1]


def test_migrate_leaves_a_new_file_in_wal_mode(tmp_path):
    """So that the processes a service starts next never race to switch it."""
    import sqlite3

    migrate(f"sqlite:///{tmp_path / 'v.db'}")
    with sqlite3.connect(tmp_path / "v.db") as plain:
        assert plain.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
