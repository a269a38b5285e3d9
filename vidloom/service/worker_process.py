"""The embedded worker of `vidloom serve` in a child process.

On a thread of the API's process, the worker's Python between torch ops takes the interpreter lock from
the requests, and a lower priority there would only invert through that lock. A child process has its
own interpreter and runs in Linux's idle scheduling class (elsewhere at `niceness`): it gets the CPU the API
leaves, and a request's thread takes a core from it the moment it wakes. The child is
started with `spawn` (torch after fork is unsafe), warms its engine before the API serves, shares the
database with the API (SQLite's writers of every process queue on one lock file, see db.py) and is restarted if it
dies: its running job is claimed again when its lease runs out, the attempt counted at claim time.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection, wait

from .settings import Settings

log = logging.getLogger("vidloom.worker")
WAKE, STOP = b"w", b"s"
STOP_GRACE_SECONDS = 10.0  # a stopped child hands its running job back within this, however starved


class WorkerProcess:
    """Runs queued jobs in a child process; the same interface as EmbeddedWorker (start, notify, stop)."""

    def __init__(self, settings: Settings, poll_seconds: float = 2.0, niceness: int = 10):
        self.settings, self.poll_seconds, self.niceness = settings, poll_seconds, niceness
        self._spawn_context = multiprocessing.get_context("spawn")
        self._lock = threading.Lock()  # the child and its pipe, replaced on a restart
        self._stopping = threading.Event()
        self.process: multiprocessing.process.BaseProcess | None = None
        self._commands: Connection | None = None
        self._ready: Connection | None = None
        self._watcher = threading.Thread(target=self._watch, name="vidloom-worker-watch", daemon=True)
        self.ready = False  # the first child loaded its engine before start(until_loaded=True) returned

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def start(self, until_loaded: bool = True) -> "WorkerProcess":
        """Start the child and wait until its engine is loaded (it loads beside the requests otherwise).
        `vidloom serve --processes N` does not wait: its API processes start while the engine loads (on
        2 cores, start-up took the sum of the two), and the jobs they queue meanwhile wait for it."""
        with self._lock:
            self._spawn()
            ready, process = self._ready, self.process
        if until_loaded:
            wait([ready, process.sentinel])
            try:
                self.ready = ready.recv_bytes() == b"ready"
            except EOFError:
                log.error("the worker process exited while loading (code %s): it is restarted", process.exitcode)
        self._watcher.start()
        return self

    def notify(self, video_id: str | None = None) -> None:
        """A job was queued."""
        self._send(WAKE)

    def stop(self) -> None:
        """Hand the running job back to the queue (at its next step) and end the child."""
        self._stopping.set()
        self._send(STOP)
        process = self.process
        if process is not None:
            process.join(60)
            if process.exitcode is None:
                log.error("the worker process did not stop in 60 s: killed")
                process.kill()
                process.join(10)
        if self._watcher.is_alive():
            self._watcher.join(10)

    def _send(self, command: bytes) -> None:
        with self._lock:
            try:  # never blocks the API: a full pipe already holds a wake-up, a closed one a dead child
                self._commands.send_bytes(command)
            except (BlockingIOError, BrokenPipeError, OSError):
                pass

    def _spawn(self) -> None:
        """Start a child (holding self._lock)."""
        for conn in (self._commands, self._ready):
            if conn is not None:
                conn.close()
        commands_in, self._commands = self._spawn_context.Pipe(duplex=False)
        self._ready, ready_out = self._spawn_context.Pipe(duplex=False)
        self.process = self._spawn_context.Process(
            target=_main, args=(self.settings, commands_in, ready_out, self.poll_seconds, self.niceness),
            name="vidloom-worker", daemon=True)
        self.process.start()
        commands_in.close()  # the child's ends: closed here, so each side sees the other's death as EOF
        ready_out.close()
        os.set_blocking(self._commands.fileno(), False)  # a message is 5 bytes: written whole or not at all

    def _watch(self) -> None:
        """Restart a child that died, after a pause that doubles while they keep dying young."""
        delay = 1.0
        while True:
            process = self.process
            started = time.monotonic()
            process.join()
            if self._stopping.is_set():
                return
            log.error("the worker process exited (code %s): starting another in %.0f s", process.exitcode, delay)
            delay = 1.0 if time.monotonic() - started > 300 else delay
            if self._stopping.wait(delay):
                return
            delay = min(60.0, delay * 2)
            with self._lock:
                if self._stopping.is_set():
                    return
                self._spawn()


def _main(settings: Settings, commands: Connection, ready: Connection, poll_seconds: float, niceness: int) -> None:
    """The child: load the engine, say so, then run jobs until told to stop; exit at once if the API's process
    is gone (killed), as a thread of it would have."""
    import signal

    from . import jobs
    from .db import Database
    from .storage import open_storage
    from .worker import Worker, leave_a_core, serve_jobs

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the API stops the child
    os.nice(niceness)
    db = Database(settings.db_url)
    worker = Worker(settings, db, open_storage(settings))
    wake, stop, stopped = threading.Event(), threading.Event(), threading.Event()

    def listen() -> None:
        try:
            while commands.recv_bytes() != STOP:
                wake.set()
        except (EOFError, OSError):
            os._exit(1)  # the API's process died without stopping us
        stop.set()
        worker.stopping.set()  # the running job is handed back at its next step
        wake.set()
        if not stopped.wait(STOP_GRACE_SECONDS):
            # the job's thread is starved by busier processes (the idle class cannot be left unprivileged):
            # hand its job back from this thread, which kept its share, and end the process
            if (running := worker.running) is not None:
                db.run(lambda s: jobs.requeue(s, *running))
            os._exit(0)

    # these two stay in the normal class: a stop is prompt however busy the machine is, and no transaction
    # holds the write gate while starved (Database.run)
    listener = threading.Thread(target=listen, name="vidloom-worker-commands", daemon=True)
    listener.start()
    db.thread = ThreadPoolExecutor(1, thread_name_prefix="vidloom-worker-db")
    normal = {listener.native_id, db.thread.submit(threading.get_native_id).result()}
    # The engine loads in the normal class: the service's start (or its first jobs) waits for it, and on a
    # machine whose cores other work keeps busy an idle-class load never ended (`vidloom serve` did not come up)
    worker.warm()
    leave_a_core()
    if hasattr(os, "SCHED_IDLE"):  # Linux: a request's thread then takes the core at once when it wakes
        _idle_class(keep=normal)
    ready.send_bytes(b"ready")
    ready.close()
    try:
        serve_jobs(worker, wake, stop, poll_seconds)
    finally:
        stopped.set()
        db.engine.dispose()


def _idle_class(keep: set[int]) -> None:
    """Every thread of this process but `keep` into the idle class: this one, and those the engine started
    while loading (torch's compute threads, onnxruntime's), which threads started later inherit from."""
    for task in os.listdir("/proc/self/task"):
        if int(task) not in keep:
            try:
                os.sched_setscheduler(int(task), os.SCHED_IDLE, os.sched_param(0))
            except ProcessLookupError:  # a thread that ended meanwhile
                pass
