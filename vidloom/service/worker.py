"""The worker: claims jobs, runs their operation on a loaded engine, stores the files, completes.

One Worker per process keeps its engine loaded between jobs. The embedded service runs it
on a thread (EmbeddedWorker); `vidloom worker` runs it inside Celery tasks (celery_app).
"""
from __future__ import annotations

import logging
import shutil
import threading
import time
from pathlib import Path

from sqlalchemy import select

from .. import __version__
from ..errors import UserError
from ..spec import VideoSpec
from . import jobs
from .db import Database
from .models import JobInput as JobInputRow, User, Video
from .operations import OPERATIONS, JobInput
from .plans import get_plan
from .settings import Settings
from .storage import Storage

log = logging.getLogger("vidloom.worker")
MAX_ATTEMPTS = 3


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

    @property
    def engine(self):
        if self._engine is None:
            from ..engines import get_engine  # torch: only in the worker, only when a job needs it

            self._engine = get_engine(self.settings.engine)
        return self._engine

    def run_next(self, video_id: str | None = None) -> bool:
        """Claim and run the most urgent job (or `video_id`); False when there was none to claim."""
        with self.db.sessions() as s:
            claimed = jobs.claim(s, self.settings.lease_seconds, video_id)
        if claimed is None:
            return False
        self.run(*claimed)
        return True

    def run(self, video_id: str, attempt: int) -> None:
        """Run one claimed attempt of a job to its end (completed, failed, requeued or gone)."""
        work = self.settings.work_dir / f"{video_id}-{attempt}"
        for stale in self.settings.work_dir.glob(f"{video_id}-*"):  # a dead worker's scratch files
            shutil.rmtree(stale, ignore_errors=True)
        work.mkdir(parents=True)
        beat = _Heartbeat(self.db, video_id, attempt, self.settings.lease_seconds / 4, self.stopping)
        try:
            with self.db.sessions() as s:
                video = s.get(Video, video_id)
                plan = get_plan(s.get(User, video.user_id).plan)
            keys = self._produce(video, plan, work, beat)
            with self.db.sessions() as s:
                if not jobs.complete(s, video_id, attempt, retention_hours=self.settings.retention_hours, **keys):
                    jobs.release_files(s, self.storage, set(keys.values()))
        except JobGone:
            log.info("job %s attempt %d stopped: cancelled, deleted or taken over", video_id, attempt)
        except Stopping:
            with self.db.sessions() as s:
                jobs.requeue(s, video_id, attempt)
        except ModerationBlocked as e:
            self._end(video_id, attempt, "moderation_blocked", str(e))
        except (UserError, ValueError) as e:
            self._end(video_id, attempt, "invalid_request", str(e))
        except Exception as e:  # noqa: BLE001 - a job's failure must not stop the worker
            log.exception("job %s attempt %d failed", video_id, attempt)
            with self.db.sessions() as s:
                if attempt < MAX_ATTEMPTS and jobs.requeue(s, video_id, attempt):
                    return
            self._end(video_id, attempt, "internal_error", f"generation failed: {e.__class__.__name__}: {e}")
        finally:
            beat.stop()
            shutil.rmtree(work, ignore_errors=True)

    def _end(self, video_id: str, attempt: int, code: str, message: str) -> None:
        with self.db.sessions() as s:
            jobs.fail(s, video_id, attempt, code, message)

    def _produce(self, video: Video, plan, work: Path, beat: "_Heartbeat") -> dict[str, str]:
        """1. moderate, 2. fetch inputs, 3. run the operation, 4. write and store the files."""
        from ..safety.nudity import check_frames
        from ..safety.similarity import check_prompt_meaning

        refusal = check_prompt_meaning(video.prompt)
        if refusal:
            raise ModerationBlocked(refusal.message)
        named = {"input_reference": video.input_key} if video.input_key else {}
        with self.db.sessions() as s:
            named.update({i.name: i.key for i in s.scalars(select(JobInputRow).where(JobInputRow.video_id == video.id))})
        inputs = {name: self.storage.fetch(key, work / f"input-{name}.{key.rsplit('.', 1)[-1]}") for name, key in named.items()}
        params = video.params or {}
        spec = VideoSpec(prompt=video.prompt, negative_prompt=params.get("negative_prompt", ""),
                         aspect=params["aspect"], seconds=float(video.seconds), fps=self.settings.fps,
                         seed=int(params.get("seed", 0)), steps=self.settings.steps or params.get("steps"))
        operation = OPERATIONS.get(video.operation)
        if operation is None:
            raise ValueError(f"this worker cannot run the operation {video.operation!r}")
        beat.report(2)
        frames = operation(self.engine, JobInput(spec, params, inputs),
                           lambda done, total: beat.report(5 + 85 * done / max(total, 1)))[0]
        beat.report(92)
        refusal = check_frames(frames)  # the output too: a prompt can slip past the prompt checks
        if refusal:
            raise ModerationBlocked(refusal.message)
        return self._store(frames, video, plan, spec, work)

    def _store(self, frames, video: Video, plan, spec: VideoSpec, work: Path) -> dict[str, str]:
        from ..media import resize_cover, save_spritesheet, save_thumbnail, watermark, write_mp4
        from ..media.provenance import sign_mp4
        from .sizes import parse

        frames = resize_cover(frames, *parse(video.size))  # the MP4 is the size the Video says (Lanczos)
        if plan.watermark:
            frames = watermark(frames)
        metadata = {
            "generator": f"vidloom {__version__}", "operation": video.operation, "video_id": video.id,
            "prompt": spec.prompt, "seed": spec.seed, "seconds": spec.seconds, "fps": spec.fps,
            "engine": self.engine.name, "engine_version": self.engine.version,
            "remixed_from_video_id": video.remixed_from_video_id, "input": video.input_key,
            "watermark": plan.watermark,
        }
        raw = write_mp4(frames, work / "raw.mp4", spec.fps, metadata)
        signed = sign_mp4(raw, work / "video.mp4", metadata, self.settings.signing_path)
        thumb = save_thumbnail(frames[len(frames) // 2], work / "thumbnail.webp")
        sheet = save_spritesheet(frames, work / "spritesheet.jpg")
        return {"video_key": self.storage.put(signed, "mp4"), "thumbnail_key": self.storage.put(thumb, "webp"),
                "spritesheet_key": self.storage.put(sheet, "jpg")}


class _Heartbeat:
    """Keeps a job's lease fresh from a thread while the engine works, and carries its progress."""

    def __init__(self, db: Database, video_id: str, attempt: int, every: float, stopping: threading.Event):
        self.db, self.video_id, self.attempt, self.stopping = db, video_id, attempt, stopping
        self.progress: int | None = None
        self.alive = True
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, args=(every,), daemon=True)
        self._thread.start()

    def _loop(self, every: float) -> None:
        while not self._stop.wait(every):
            self._beat()

    def _beat(self) -> None:
        with self.db.sessions() as s:
            self.alive = jobs.heartbeat(s, self.video_id, self.attempt, self.progress) and self.alive

    def report(self, progress: float) -> None:
        """Record progress; raise JobGone when the job is no longer this attempt's."""
        self.progress = int(progress)
        self._beat()
        if not self.alive:
            raise JobGone(self.video_id)
        if self.stopping.is_set():
            raise Stopping(self.video_id)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


class EmbeddedWorker:
    """The in-process worker of `vidloom serve`: a thread that runs queued jobs as they come."""

    def __init__(self, worker: Worker, poll_seconds: float = 2.0):
        self.worker, self.poll_seconds = worker, poll_seconds
        self._wake, self._stop = threading.Event(), threading.Event()
        self._thread = threading.Thread(target=self._loop, name="vidloom-worker", daemon=True)

    def start(self) -> "EmbeddedWorker":
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
        while not self._stop.is_set():
            try:
                if self.worker.run_next():
                    continue
            except Exception:  # noqa: BLE001 - e.g. the database briefly locked; try again
                log.exception("worker loop")
                time.sleep(1)
            self._wake.wait(self.poll_seconds)
            self._wake.clear()
