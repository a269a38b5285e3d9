"""The worker: claims jobs, runs their operation on a loaded engine, stores the files, completes.

One Worker per process keeps its engine loaded between jobs. The embedded service runs it in a child
process (worker_process.WorkerProcess) or on a thread (EmbeddedWorker); `vidloom worker` runs it inside
Celery tasks (celery_app).
"""
from __future__ import annotations

import logging
import shutil
import threading
import time
from pathlib import Path

from sqlalchemy import select

from ..errors import UserError
from . import jobs
from .db import Database
from .models import JobInput, User, Video
from .plans import get_plan
from .settings import Settings
from .storage import Storage

log = logging.getLogger("vidloom.worker")
MAX_ATTEMPTS = jobs.MAX_ATTEMPTS


class JobGone(Exception):
    """The job was cancelled or deleted, or another worker took it over."""


class ModerationBlocked(Exception):
    pass


class Stopping(Exception):
    """The worker is shutting down: the job goes back to the queue for the next start."""


class Worker:
    """Runs jobs one at a time with one engine that stays loaded."""

    def __init__(self, settings: Settings, database: Database, storage: Storage, engine=None):
        self.settings, self.db, self.storage = settings, database, storage
        self._engine = engine
        self.stopping = threading.Event()  # set by stop(): the running job is handed back at its next step
        self.running: tuple[str, int] | None = None  # (video id, attempt) of the job being run

    @property
    def engine(self):
        """The service's default engine (loaded on first use; Celery workers load it at start)."""
        return self.engine_for(self.settings.engine)

    def engine_for(self, name: str):
        """The engine a job was checked against at submit (the one given to this worker, in tests)."""
        if self._engine is not None:
            return self._engine
        from ..engines import get_engine  # torch: only in the worker, only when a job needs it

        return get_engine(name)

    def warm(self) -> "Worker":
        """Load the default engine and the modules a job runs now: importing torch and loading weights hold
        the interpreter's lock for seconds, which in the embedded service would stall every request."""
        import numpy as np

        from ..operations import produce  # noqa: F401 - imported for what it imports
        from ..safety import nudity

        try:
            self.engine_for(self.settings.engine)  # kept loaded for the jobs
            nudity.detections(np.zeros((64, 64, 3), np.uint8))  # onnxruntime's session, made on first use
        except Exception:  # noqa: BLE001 - the service still starts; its jobs then fail with the reason
            log.exception("the worker could not load its engine at start")
        return self

    def run_next(self, video_id: str | None = None) -> bool:
        """Claim and run the most urgent job (or `video_id`); False when there was none to claim."""
        claimed = self.db.run(lambda s: jobs.claim(s, self.settings.lease_seconds, video_id))
        if claimed is None:
            return False
        self.run(*claimed)
        return True

    def run(self, video_id: str, attempt: int) -> None:
        """Run one claimed attempt of a job to its end (completed, failed, requeued or gone)."""
        work = self.settings.work_dir / f"{video_id}-{attempt}"
        for stale in self.settings.work_dir.glob(f"{video_id}-*"):  # a dead worker's scratch files
            shutil.rmtree(stale, ignore_errors=True)
        beat = _Heartbeat(self.db, video_id, attempt, self.settings.lease_seconds / 4, self.stopping)
        self.running = (video_id, attempt)
        try:
            work.mkdir(parents=True)
            video = self.db.run(lambda s: s.get(Video, video_id))
            plan = get_plan(self.db.run(lambda s: s.get(User, video.user_id)).plan)
            keys = self._produce(video, plan, work, beat)

            def complete(s) -> None:
                if not jobs.complete(s, video_id, attempt, retention_hours=self.settings.retention_hours, **keys):
                    jobs.release_files(s, self.storage, {keys.get(c) for c in jobs.FILE_COLUMNS})  # keys holds seconds too

            self.db.run(complete)
        except JobGone:
            log.info("job %s attempt %d stopped: cancelled, deleted or taken over", video_id, attempt)
        except Stopping:
            self.db.run(lambda s: jobs.requeue(s, video_id, attempt))
        except ModerationBlocked as e:
            self._end(video_id, attempt, "moderation_blocked", str(e))
        except UserError as e:  # checked at submit, so rare: e.g. an engine refusing what its facts allowed
            self._end(video_id, attempt, "invalid_request", str(e))
        except Exception as e:  # noqa: BLE001 - a job's failure must not stop the worker
            log.exception("job %s attempt %d failed", video_id, attempt)
            if jobs.disk_full(e):  # retrying cannot help until an operator frees space
                self._end(video_id, attempt, "storage_full", "the server's storage is full: the job was not charged")
                return
            if attempt < MAX_ATTEMPTS and self.db.run(lambda s: jobs.requeue(s, video_id, attempt)):
                return
            self._end(video_id, attempt, "internal_error", f"generation failed: {e.__class__.__name__}: {e}")
        finally:
            self.running = None
            beat.stop()
            shutil.rmtree(work, ignore_errors=True)

    def _end(self, video_id: str, attempt: int, code: str, message: str) -> None:
        self.db.run(lambda s: jobs.fail(s, video_id, attempt, code, message))

    def _produce(self, video: Video, plan, work: Path, beat: "_Heartbeat") -> dict[str, str]:
        """1. moderate, 2. fetch inputs, 3. run the operation (vidloom.operations), 4. write and store the files."""
        from ..operations import get_operation
        from ..operations.produce import prepare, render
        from ..safety import check_prompts
        from ..safety.nudity import moderate_frames

        blocked = check_prompts(video.prompt, video.params)  # the prompt, storyboard cards, character names
        if blocked:
            raise ModerationBlocked(blocked[1].message)
        values = dict(video.params or {})
        engine = values.pop("engine", self.settings.engine)
        operation, name = video.operation, values.pop("input", None)
        if video.input_key and name is None:
            operation, name = _legacy_input(video)
        named = {name: video.input_key} if video.input_key else {}
        sources = {name: video.remixed_from_video_id}  # the stored video an input is, when known
        # studio jobs queued before inputs were resolved at submit may name theirs input_reference
        for row in self.db.run(lambda s: s.scalars(select(JobInput).where(JobInput.video_id == video.id)).all()):
            slot = get_operation(operation).primary("video") if row.name == "input_reference" else row.name
            named[slot], sources[slot] = row.key, row.source_video_id
        inputs = {name: self.storage.fetch(key, work / f"input-{name}.{key.rsplit('.', 1)[-1]}") for name, key in named.items()}
        # every input video is a C2PA ingredient of the result, named by the stored video it is
        ingredients = {f"{sources.get(n) or n}.mp4": path for n, path in inputs.items() if path.suffix == ".mp4"}
        values = {"prompt": video.prompt, "seconds": float(video.seconds), "fps": self.settings.fps, **values}
        if self.settings.steps:
            values["steps"] = self.settings.steps
        prepared = prepare(operation, values, inputs)
        beat.report(2)
        model = self.engine_for(engine)
        videos, metadata = render(prepared, model, lambda done, total: beat.report(5 + 85 * done / max(total, 1)))
        beat.report(92)
        frames = videos[0]
        # the output too, where a prompt could slip past the prompt checks; NudeNet on the built-in world's
        # shapes only misreads them (1 in 60 ordinary clips refused), and its inputs were checked at submit
        refusal = moderate_frames(frames) if model.capabilities.depicts_people else None
        if refusal:
            raise ModerationBlocked(refusal.message)
        metadata.update(video_id=video.id, remixed_from_video_id=video.remixed_from_video_id, input=video.input_key,
                        watermark=plan.watermark)
        stored = self._store(frames, prepared.spec.fps, metadata, plan, work, ingredients, video.size)
        return {**stored, "notices": metadata["notices"]} if metadata.get("notices") else stored

    def _store(self, frames, fps: int, metadata: dict, plan, work: Path, ingredients: dict[str, Path],
               size: str) -> dict[str, str]:
        from ..media import resize_cover, save_spritesheet, save_thumbnail, watermark, write_mp4
        from ..media.provenance import sign_mp4
        from .sizes import parse

        frames = resize_cover(frames, *parse(size))  # the MP4 is the size the Video says (Lanczos)
        if plan.watermark:
            frames = watermark(frames)
        metadata = dict(metadata, width=int(frames.shape[2]), height=int(frames.shape[1]), frames=int(frames.shape[0]))
        raw = write_mp4(frames, work / "raw.mp4", fps, metadata)
        signed = sign_mp4(raw, work / "video.mp4", metadata, self.settings.signing_path, ingredients)
        thumb = save_thumbnail(frames[len(frames) // 2], work / "thumbnail.webp")
        sheet = save_spritesheet(frames, work / "spritesheet.jpg")
        return {"video_key": self.storage.put(signed, "mp4"), "thumbnail_key": self.storage.put(thumb, "webp"),
                "spritesheet_key": self.storage.put(sheet, "jpg"),
                # what the file lasts, not what was asked: an extend, re-cut or long video differs
                "seconds": f"{round(len(frames) / fps, 2):g}"}


def _legacy_input(video: Video) -> tuple[str, str]:
    """(operation, input name) of a job queued before its params named the input its input_key fills."""
    if video.operation != "generate":
        return video.operation, "source"
    if video.input_key.rsplit(".", 1)[-1] in ("mp4", "mov", "webm", "mkv"):
        return "generate", "video"
    return "image_to_video", "image"


class _Heartbeat:
    """Keeps a job's lease fresh from a thread while the engine works, and carries its progress."""

    # Progress is written at most this often: a write per sampler step met the API's writers on the
    # database's one write lock many times a second, for a figure polled at most twice a second
    REPORT_SECONDS = 0.5

    def __init__(self, db: Database, video_id: str, attempt: int, every: float, stopping: threading.Event):
        self.db, self.video_id, self.attempt, self.stopping = db, video_id, attempt, stopping
        self.progress: int | None = None
        self.alive = True
        self._last_beat = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, args=(every,), daemon=True)
        self._thread.start()

    def _loop(self, every: float) -> None:
        while not self._stop.wait(every):
            self._beat()

    def _beat(self) -> None:
        self._last_beat = time.monotonic()
        progress = self.progress
        self.alive = self.db.run(lambda s: jobs.heartbeat(s, self.video_id, self.attempt, progress)) and self.alive

    def report(self, progress: float) -> None:
        """Record progress; raise JobGone when the job is no longer this attempt's (as last seen: a cancel
        is noticed within REPORT_SECONDS of sampling, or at the next beat)."""
        self.progress = int(progress)
        if time.monotonic() - self._last_beat >= self.REPORT_SECONDS:
            self._beat()
        if not self.alive:
            raise JobGone(self.video_id)
        if self.stopping.is_set():
            raise Stopping(self.video_id)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


class EmbeddedWorker:
    """The embedded worker on a thread of the API's process: for an engine object handed to the service
    (tests) or VIDLOOM_WORKER_PROCESS=false; `vidloom serve` runs it in a child process (worker_process)."""

    def __init__(self, worker: Worker, poll_seconds: float = 2.0):
        self.worker, self.poll_seconds = worker, poll_seconds
        self._wake, self._stop = threading.Event(), threading.Event()
        self._thread = threading.Thread(target=self._loop, name="vidloom-worker", daemon=True)

    def start(self) -> "EmbeddedWorker":
        """Warm the worker before the API serves (an engine loading beside live requests would stall them)."""
        self.worker.warm()
        leave_a_core()
        self._thread.start()
        return self

    def notify(self, video_id: str | None = None) -> None:
        """A job was queued."""
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self.worker.stopping.set()
        self._wake.set()
        self._thread.join(timeout=60)

    def _loop(self) -> None:
        serve_jobs(self.worker, self._wake, self._stop, self.poll_seconds)


def serve_jobs(worker: Worker, wake, stop, poll_seconds: float) -> None:
    """Run queued jobs until `stop` is set; between jobs wait for `wake` (a job was queued) or the poll."""
    while not stop.is_set():
        try:
            if worker.run_next():
                continue
        except Exception:  # noqa: BLE001 - e.g. the database briefly locked; try again
            log.exception("worker loop")
            time.sleep(1)
        wake.wait(poll_seconds)
        wake.clear()


def leave_a_core() -> None:
    """The engine's compute threads leave one core to the API's requests (torch takes every core by default),
    unless the operator chose a number (OMP_NUM_THREADS). On a thread of the API's process they would take
    its core; in a child process of lower priority, a thread on the API's core would be starved and hold
    the others up at every join of a parallel op."""
    import os
    import sys

    torch = sys.modules.get("torch")
    if torch is not None and "OMP_NUM_THREADS" not in os.environ:
        torch.set_num_threads(max(1, (os.cpu_count() or 1) - 1))
