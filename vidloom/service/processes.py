"""`vidloom serve --processes N`: N API processes on one port, and one job worker beside them.

One API process is one interpreter: under load its requests queue for that interpreter's lock however many
cores are free. uvicorn's supervisor starts N of them (spawned, sharing the listening socket, restarted if
one dies). Each must not start its own worker, so this process migrates the database, makes the signing
chain, starts the worker (a child at lower priority, as with one process) and listens for the API
processes' wake-ups (`wake.py`); they run the periodic chores, which claim their rows.
"""
from __future__ import annotations

import ctypes
import os
import signal

from .settings import Settings

PR_SET_PDEATHSIG = 1  # linux/prctl.h


def default_processes() -> int:
    """One API process per core this process may use, at most 4 (the write gate serialises beyond that)."""
    return max(1, min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1))


def serve_processes(settings: Settings, host: str, port: int, processes: int) -> None:
    import uvicorn

    from ..media.provenance import ensure_chain
    from .db import migrate
    from .wake import WakeListener
    from .worker_process import WorkerProcess

    migrate(settings.db_url)  # once, before N processes would race to
    ensure_chain(settings.signing_path)
    worker = (WorkerProcess(settings).start(until_loaded=False)
              if settings.embedded_worker and not settings.broker_url else None)
    try:
        with WakeListener(worker.notify if worker else lambda: None) as wake:
            # the API processes read their settings from the environment, as this one did
            os.environ.update(VIDLOOM_EMBEDDED_WORKER="false", VIDLOOM_WORKER_WAKE=wake.path,
                              VIDLOOM_SERVE_PID=str(os.getpid()))
            uvicorn.run("vidloom.api.app:create_process_app", factory=True, host=host, port=port,
                        workers=processes, log_level="warning")
    finally:
        if worker is not None:
            worker.stop()


def die_with(parent_pid: int) -> None:
    """uvicorn's supervisor stops its children only when it exits cleanly: killed, it would leave them serving
    without a worker. The kernel kills this process when its parent goes (Linux; elsewhere they stay)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux
        return
    if os.getppid() != parent_pid:  # gone before the signal was set
        os._exit(1)
