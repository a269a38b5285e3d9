"""The job lifecycle on a real SQLite database: priority, exactly-once completion, charging, refunds, storage."""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select

from vidloom.service import accounts, jobs
from vidloom.service.db import Database, migrate
from vidloom.service.models import Usage, User, Video
from vidloom.service.plans import get_plan, period
from vidloom.service.storage import LocalStorage


@pytest.fixture()
def db(tmp_path):
    url = f"sqlite:///{tmp_path / 'jobs.db'}"
    migrate(url)
    database = Database(url)
    yield database
    database.engine.dispose()


def job(s, user, prompt="a red ball"):
    return jobs.submit(s, user, model="vidloom-mini", prompt=prompt, seconds="1", size="1280x720",
                       params={"aspect": "16:9", "seed": 0})


def used(s, user) -> int:
    return s.scalar(select(Usage.count).where(Usage.user_id == user.id, Usage.period == period())) or 0


def test_pro_jobs_are_claimed_before_older_plus_jobs(db):
    with db.session() as s:
        plus, pro = accounts.create_user(s, "p@example.com", "plus"), accounts.create_user(s, "q@example.com", "pro")
        first_plus = job(s, plus).id
        time.sleep(0.01)
        second_plus = job(s, plus).id
        time.sleep(0.01)
        pro_job = job(s, pro).id
    with db.sessions() as s:
        order = [jobs.claim(s, 60)[0] for _ in range(3)]
        assert jobs.claim(s, 60) is None
    assert order == [pro_job, first_plus, second_plus]


def test_completion_is_charged_exactly_once_and_a_stale_attempt_cannot_complete(db):
    with db.session() as s:
        user = accounts.create_user(s, "x@example.com", "plus")
        vid = job(s, user).id
    with db.sessions() as s:
        _, attempt = jobs.claim(s, lease_seconds=60)
        assert jobs.claim(s, lease_seconds=60) is None  # held with a fresh heartbeat
        s.execute(Video.__table__.update().values(heartbeat_at=time.time() - 120))  # its worker died
        s.commit()
        _, second = jobs.claim(s, lease_seconds=60)  # taken over
        assert second == attempt + 1
        assert not jobs.heartbeat(s, vid, attempt)  # the old attempt learns it lost the job
        assert not jobs.complete(s, vid, attempt, video_key="a" * 64 + ".mp4")
        assert jobs.complete(s, vid, second, video_key="b" * 64 + ".mp4")
        assert not jobs.complete(s, vid, second, video_key="b" * 64 + ".mp4")
        assert used(s, user) == 1
        assert s.get(Video, vid).video_key.startswith("b")


def test_jobs_beyond_the_plans_concurrency_wait_and_run_when_a_slot_frees_pro_first(db):
    with db.session() as s:
        plus, pro = accounts.create_user(s, "wait@example.com", "plus"), accounts.create_user(s, "fast@example.com", "pro")
        first, second, third = (job(s, plus).id for _ in range(3))  # Plus runs two at once: the third is queued
    with db.sessions() as s:
        assert {jobs.claim(s, 60)[0], jobs.claim(s, 60)[0]} == {first, second}
        assert jobs.claim(s, 60) is None  # the third waits while two run
        assert jobs.claim(s, 60, third) is None
        pro_job = job(s, pro).id
        s.commit()
        assert jobs.claim(s, 60)[0] == pro_job  # another user's room is their own
        attempt = s.get(Video, first).attempt
        assert jobs.complete(s, first, attempt, video_key="c" * 64 + ".mp4")
        assert jobs.claim(s, 60)[0] == third  # a slot freed: the waiting job runs
    with db.session() as s:
        user = s.get(Video, first).user_id
        for _ in range(get_plan("plus").queued_jobs - 2):
            job(s, s.get(User, user))
        with pytest.raises(jobs.QuotaExceeded) as e:  # the backlog is bounded
            job(s, s.get(User, user))
        assert e.value.code == "rate_limit_exceeded"


def test_failed_and_cancelled_jobs_are_not_charged_and_free_their_slot(db):
    with db.session() as s:
        user = accounts.create_user(s, "y@example.com", "plus")
        a, b = job(s, user).id, job(s, user).id
    with db.sessions() as s:
        _, attempt = jobs.claim(s, 60, a)
        assert jobs.fail(s, a, attempt, "internal_error", "boom")
        assert jobs.cancel(s, s.get(Video, b))
        assert used(s, user) == 0
        assert s.get(Video, b).status == "cancelled"
    with db.session() as s:
        job(s, user)  # the slots are free again


def test_monthly_quota_counts_running_jobs_and_resets_next_month(db):
    with db.session() as s:
        user = accounts.create_user(s, "z@example.com", "plus")
        s.add(Usage(user_id=user.id, period=period(), count=49))
        s.add(Usage(user_id=user.id, period="1999-12", count=50))  # an old month does not count
    with db.session() as s:
        last = job(s, user)
        with pytest.raises(jobs.QuotaExceeded) as e:
            job(s, user)
        assert e.value.code == "insufficient_quota"
        assert e.value.headers["x-ratelimit-limit-videos"] == "50"
        assert e.value.headers["x-ratelimit-remaining-videos"] == "0"
        assert int(e.value.headers["retry-after"]) > 0
        jobs.cancel(s, last)  # a cancelled job gives its place back
        job(s, user)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db(request):
    """The embedded SQLite file (`db`) or a throwaway PostgreSQL, migrated."""
    if request.param == "sqlite":
        yield request.getfixturevalue("db")
        return
    from tests.service.servers import postgres_server

    with postgres_server() as url:
        migrate(url)
        database = Database(url)
        yield database
        database.engine.dispose()


def test_submissions_at_once_stop_exactly_at_the_plans_limits(any_db):
    """Each submission checks the limits in its INSERT: 30 at once from one user queue exactly what the
    plan holds, and near the month's end exactly what is left of the quota."""
    with any_db.session() as s:
        user = accounts.create_user(s, "burst@example.com", "plus")
        late = accounts.create_user(s, "late@example.com", "plus")
        s.add(Usage(user_id=late.id, period=period(), count=get_plan("plus").monthly_videos - 3))

    def submit(who: User) -> str:
        try:
            with any_db.session() as s:
                return job(s, who).id
        except jobs.QuotaExceeded as e:
            return e.code

    with ThreadPoolExecutor(10) as pool:
        burst = list(pool.map(submit, [user] * 30))
        near_end = list(pool.map(submit, [late] * 10))
    queued = get_plan("plus").queued_jobs
    assert sum(r.startswith("video_") for r in burst) == queued
    assert burst.count("rate_limit_exceeded") == 30 - queued
    assert sum(r.startswith("video_") for r in near_end) == 3 and near_end.count("insufficient_quota") == 7
    with any_db.session() as s:
        for who, expected in ((user, queued), (late, 3)):
            rows = s.scalars(select(Video).where(Video.user_id == who.id)).all()
            assert len(rows) == expected
            assert all(v.status == "queued" and v.params == {"aspect": "16:9", "seed": 0} and v.priority == 0
                       and v.created_at > 0 for v in rows)


def test_content_addressed_storage_dedupes_and_deletes_only_unreferenced_files(db, tmp_path):
    storage = LocalStorage(tmp_path / "media")
    src = tmp_path / "a.bin"
    src.write_bytes(b"same bytes")
    key = storage.put(src, "mp4")
    assert storage.put(src, "mp4") == key and storage.keys() == [key]
    assert b"".join(storage.read(key, 2, 5)) == b"me b"
    assert not list((tmp_path / "media").rglob("*.tmp"))
    with db.session() as s:
        user = accounts.create_user(s, "w@example.com", "pro")
        one, two = job(s, user), job(s, user)
        one.video_key = two.input_key = key  # a remix uses its source's file
    with db.sessions() as s:
        jobs.delete_video(s, storage, s.get(Video, one.id))
        assert storage.keys() == [key]  # still used by the remix
        jobs.delete_video(s, storage, s.get(Video, two.id))
        assert storage.keys() == []
    with pytest.raises(ValueError):
        storage.path("../../etc/passwd")


def test_garbage_collection_removes_only_old_unreferenced_files(db, tmp_path):
    storage = LocalStorage(tmp_path / "media")
    (tmp_path / "x").write_bytes(b"orphan")
    orphan = storage.put(tmp_path / "x", "jpg")
    with db.sessions() as s:
        assert jobs.collect_garbage(s, storage, grace_seconds=3600) == []  # too young: may be in flight
        assert jobs.collect_garbage(s, storage, grace_seconds=0) == [orphan]
    assert storage.keys() == []


CLAIM_AND_DIE = """
import os, signal, sys
from vidloom.service import jobs
from vidloom.service.db import Database
db = Database(sys.argv[1])
with db.sessions() as s:
    claimed = jobs.claim(s, lease_seconds=float(sys.argv[2]))
print(claimed, flush=True)
os.kill(os.getpid(), signal.SIGKILL)  # the process dies holding the job (as an out-of-memory kill would)
"""


def test_a_job_that_kills_its_worker_process_fails_uncharged_after_the_attempt_cap(db, tmp_path):
    import os
    import signal
    import subprocess
    import sys

    with db.session() as s:
        user = accounts.create_user(s, "k@example.com", "plus")
        vid = job(s, user).id
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    lease = 0.3
    for attempt in range(1, jobs.MAX_ATTEMPTS + 1):
        proc = subprocess.run([sys.executable, "-c", CLAIM_AND_DIE, db.url, str(lease)], env=env,
                              capture_output=True, text=True, timeout=60)
        assert proc.returncode == -signal.SIGKILL, proc.stderr
        assert proc.stdout.strip() == str((vid, attempt))
        time.sleep(lease + 0.1)  # its heartbeat goes stale
    with db.sessions() as s:
        assert jobs.claim(s, lease_seconds=lease) is None  # not handed out a fourth time
        video = s.get(Video, vid)
        assert video.status == "failed" and video.error_code == "internal_error"
        assert "3 times" in video.error_message and not video.charged
        assert used(s, user) == 0
