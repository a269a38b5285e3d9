"""The job lifecycle: queued -> in_progress -> completed | failed | cancelled.

Every transition is one conditional UPDATE, so two workers can never both own a job:
a worker holds a job for one `attempt`, and completing it charges the user's monthly
quota in the same transaction, once. A job whose heartbeat stops (its worker died) is
claimed again by the next worker that looks. Jobs beyond a plan's concurrency wait in
the queue: a queued job is claimed only while its owner has room to run another.
"""
from __future__ import annotations

import errno
import time
from dataclasses import dataclass

from sqlalchemy import and_, case, func, insert, literal, or_, select, update
from sqlalchemy.orm import Session, aliased

from . import webhooks
from .models import File, JobInput, User, Usage, Video
from .plans import PLANS, get_plan, period, seconds_to_reset

ACTIVE = ("queued", "in_progress")
FINAL = ("completed", "failed", "cancelled")
MAX_ATTEMPTS = 3  # runs of one job, whether they ended in an error or killed their process


class QuotaExceeded(Exception):
    """Over the monthly quota or the plan's queue length; `headers` are the x-ratelimit-* headers."""

    def __init__(self, message: str, code: str, headers: dict[str, str]):
        super().__init__(message)
        self.code, self.headers = code, headers


@dataclass(frozen=True)
class Quota:
    limit: int
    used: int  # charged this month
    active: int  # queued or running now
    concurrency: int  # run at once
    queue_length: int  # queued or running at once
    reset_seconds: int

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.used - self.active)

    def headers(self) -> dict[str, str]:
        return {
            "x-ratelimit-limit-videos": str(self.limit),
            "x-ratelimit-remaining-videos": str(self.remaining),
            "x-ratelimit-reset-videos": f"{self.reset_seconds}s",
            "x-ratelimit-limit-concurrency": str(self.concurrency),
            "x-ratelimit-remaining-concurrency": str(max(0, self.concurrency - self.active)),
            # OpenAI's names, for clients that read them: a request here is a video of the monthly quota
            "x-ratelimit-limit-requests": str(self.limit),
            "x-ratelimit-remaining-requests": str(self.remaining),
            "x-ratelimit-reset-requests": f"{self.reset_seconds}s",
        }


def _used(user: User):
    """This month's charged videos of `user`, as an SQL expression."""
    return func.coalesce(select(Usage.count).where(Usage.user_id == user.id, Usage.period == period())
                         .scalar_subquery(), 0)


def _active(user: User):
    """`user`'s queued and running jobs, as an SQL expression."""
    return (select(func.count()).select_from(Video)
            .where(Video.user_id == user.id, Video.status.in_(ACTIVE)).scalar_subquery())


def quota(db: Session, user: User) -> Quota:
    plan = get_plan(user.plan)
    used, active = db.execute(select(_used(user), _active(user))).one()
    return Quota(plan.monthly_videos, used, active, plan.concurrent_jobs, plan.queued_jobs, seconds_to_reset())


def submit(db: Session, user: User, **fields) -> Video:
    """Queue a job for `user`, or raise QuotaExceeded. Queued and running jobs count against the
    month's quota until they end, so concurrent requests cannot overshoot it.

    A submission holds the database's write lock (SQLite: the one writer; see db.py's gate) for two
    statements and the commit: under a burst of submissions each waits for every one before it."""
    plan = get_plan(user.plan)
    # 1. write the user's row first: that locks it (PostgreSQL row lock, SQLite write lock), so one
    #    user's submissions are checked one at a time, each seeing the ones before it
    db.execute(update(User).where(User.id == user.id).values(touched_at=time.time()))
    # 2. the plan's limits are checked by the INSERT itself: it adds the row only while they hold
    used, active = _used(user), _active(user)
    values = {"user_id": user.id, "priority": plan.priority, **fields}
    row = (select(*(literal(value, Video.__table__.c[name].type) for name, value in values.items()))
           .where(active < plan.queued_jobs, used + active < plan.monthly_videos))
    video = db.scalars(insert(Video).from_select(list(values), row).returning(Video)).one_or_none()
    if video is not None:
        return video
    q = quota(db, user)  # which limit refused it, and the figures for the message and headers
    if q.active >= q.queue_length:
        raise QuotaExceeded(f"you have {q.active} jobs queued or running, the most your {user.plan} plan holds at "
                            "once: wait for some to finish", "rate_limit_exceeded", {**q.headers(), "retry-after": "5"})
    raise QuotaExceeded(f"you have used this month's {q.limit} videos of your {user.plan} plan: "
                        "the quota resets at the start of next month", "insufficient_quota",
                        {**q.headers(), "retry-after": str(q.reset_seconds)})


def made_from(db: Session, key: str, user_id: str) -> str | None:
    """The id of the completed video whose stored MP4 is `key` (the same bytes: keys are sha256), when the
    user may see it (theirs, or published): an upload of it is a remix of that video, and says so."""
    return db.scalar(select(Video.id).where(Video.video_key == key, Video.status == "completed",
                                            or_(Video.user_id == user_id, Video.published_at.is_not(None)))
                     .order_by(Video.created_at).limit(1))


def claim(db: Session, lease_seconds: float, video_id: str | None = None) -> tuple[str, int] | None:
    """Take the most urgent job that is queued, or running with a stale heartbeat (its worker died).

    Returns (video id, attempt) or None. Pro jobs come before Plus jobs, older before newer. A queued job
    waits while its owner already runs their plan's number of jobs at once. Attempts are counted here, at
    claim time, so a job whose run kills its process (out of memory, SIGKILL) ends failed, uncharged, after
    MAX_ATTEMPTS instead of being claimed again forever.
    """
    stale = time.time() - lease_seconds
    running = aliased(Video)
    busy = (select(func.count()).select_from(running)  # the owner's live running jobs
            .where(running.user_id == Video.user_id, running.status == "in_progress", running.heartbeat_at >= stale)
            .correlate_except(running).scalar_subquery())
    allowed = (select(case({name: plan.concurrent_jobs for name, plan in PLANS.items()}, value=User.plan, else_=1))
               .where(User.id == Video.user_id).correlate_except(User).scalar_subquery())
    claimable = or_(and_(Video.status == "queued", busy < allowed),
                    and_(Video.status == "in_progress", Video.heartbeat_at < stale))
    query = select(Video.id, Video.attempt, Video.status).where(claimable)
    if video_id:
        query = query.where(Video.id == video_id)
    for vid, attempt, status in db.execute(query.order_by(Video.priority.desc(), Video.created_at).limit(8)).all():
        this = and_(Video.id == vid, Video.attempt == attempt, Video.status == status)
        if status == "in_progress" and attempt >= MAX_ATTEMPTS:
            ended = db.execute(update(Video).where(this, Video.heartbeat_at < stale).values(  # still dead
                status="failed", error_code="internal_error", completed_at=time.time(),
                error_message=f"the job was tried {attempt} times and its worker died during the last (a crash or "
                              "out of memory): not charged")).rowcount == 1
            if ended:
                webhooks.enqueue(db, "video.failed", vid)
            db.commit()
            continue
        won = db.execute(update(Video).where(this)
                         .values(status="in_progress", attempt=attempt + 1, heartbeat_at=time.time(), started_at=time.time()))
        db.commit()
        if won.rowcount == 1:
            return vid, attempt + 1
    return None


def _owned(video_id: str, attempt: int):
    return and_(Video.id == video_id, Video.attempt == attempt, Video.status == "in_progress")


def heartbeat(db: Session, video_id: str, attempt: int, progress: int | None = None) -> bool:
    """Mark the job alive (and its progress); False when it is no longer this attempt's (cancelled, deleted)."""
    values = {"heartbeat_at": time.time()}
    if progress is not None:
        values["progress"] = max(0, min(99, int(progress)))
    done = db.execute(update(Video).where(_owned(video_id, attempt)).values(**values)).rowcount == 1
    db.commit()
    return done


def complete(db: Session, video_id: str, attempt: int, retention_hours: float | None = None,
             **keys: str | list[str]) -> bool:
    """Finish the job with its stored files (and the seconds they last, and any notices of the engine) and charge
    its owner once; False if the job was not ours.
    With `retention_hours` its media expires that long after now (see retention)."""
    now = time.time()
    expires = now + retention_hours * 3600 if retention_hours is not None else None
    done = db.execute(update(Video).where(_owned(video_id, attempt)).values(
        status="completed", progress=100, completed_at=now, expires_at=expires, charged=True, **keys)).rowcount == 1
    if done:  # same transaction as the status change: charged (and announced) exactly when completed
        _charge(db, db.scalar(select(Video.user_id).where(Video.id == video_id)))
        webhooks.enqueue(db, "video.completed", video_id)
    db.commit()
    return done


def _charge(db: Session, user_id: str) -> None:
    month = period()
    bumped = db.execute(update(Usage).where(Usage.user_id == user_id, Usage.period == month)
                        .values(count=Usage.count + 1)).rowcount
    if not bumped:
        db.add(Usage(user_id=user_id, period=month, count=1))
        db.flush()


def disk_full(error: BaseException) -> bool:
    """Whether `error` is the file system running out of space (then a job fails at once, not retried)."""
    return isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT)


def fail(db: Session, video_id: str, attempt: int, code: str, message: str) -> bool:
    done = db.execute(update(Video).where(_owned(video_id, attempt)).values(
        status="failed", error_code=code, error_message=message, completed_at=time.time())).rowcount == 1
    if done:
        webhooks.enqueue(db, "video.failed", video_id)
    db.commit()
    return done


def requeue(db: Session, video_id: str, attempt: int) -> bool:
    """Give the job back to the queue (a retry after an unexpected error)."""
    done = db.execute(update(Video).where(_owned(video_id, attempt)).values(status="queued", progress=0)).rowcount == 1
    db.commit()
    return done


def cancel(db: Session, video: Video) -> bool:
    """Cancel a queued or running job (a running one stops at its next progress report). Nothing is charged."""
    done = db.execute(update(Video).where(Video.id == video.id, Video.status.in_(ACTIVE)).values(
        status="cancelled", error_code="cancelled", error_message="the job was cancelled",
        completed_at=time.time())).rowcount == 1
    db.commit()
    return done


FILE_COLUMNS = ("input_key", "video_key", "thumbnail_key", "spritesheet_key")


def referenced(db: Session, keys: set[str]) -> set[str]:
    """Which of `keys` some video still refers to."""
    if not keys:
        return set()
    found: set[str] = set()
    for col in [getattr(Video, c) for c in FILE_COLUMNS] + [JobInput.key, File.key]:
        found.update(db.scalars(select(col).where(col.in_(keys))))
    return found


def release_files(db: Session, storage, keys: set[str | None]) -> None:
    """Delete stored files that no video refers to any more (keys are shared by identical content)."""
    keys = {k for k in keys if k}
    for key in keys - referenced(db, keys):
        storage.delete(key)


def delete_video(db: Session, storage, video: Video) -> None:
    """Remove a video and every file only it used; a running job is cancelled first."""
    cancel(db, video)
    keys = {getattr(video, c) for c in FILE_COLUMNS} | set(db.scalars(select(JobInput.key).where(JobInput.video_id == video.id)))
    db.execute(JobInput.__table__.delete().where(JobInput.video_id == video.id))
    db.delete(video)
    db.commit()
    release_files(db, storage, keys)


def collect_garbage(db: Session, storage, grace_seconds: float = 3600.0) -> list[str]:
    """Delete stored files no video refers to (left by a worker killed between storing and completing).

    Files younger than `grace_seconds` are kept: they may belong to a job or upload in flight."""
    keys = set(storage.keys(older_than=grace_seconds))
    orphans = keys - referenced(db, keys)
    for key in orphans:
        storage.delete(key)
    return sorted(orphans)
