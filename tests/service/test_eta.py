"""Queue position and ETA on a real SQLite database: measured from the jobs that completed, in claim order."""
from __future__ import annotations

import time

import pytest

from vidloom.service import accounts, eta, jobs
from vidloom.service.db import Database, migrate


@pytest.fixture()
def db(tmp_path):
    url = f"sqlite:///{tmp_path / 'eta.db'}"
    migrate(url)
    database = Database(url)
    yield database
    database.engine.dispose()


def job(s, user, seconds="2"):
    return jobs.submit(s, user, model="vidloom-mini", prompt="a red ball", seconds=seconds, size="224x128",
                       params={"aspect": "16:9", "seed": 0})


def test_claimed_jobs_record_their_start_and_set_the_rate(db):
    with db.session() as s:
        user = accounts.create_user(s, "rate@example.com", "pro")
        video = job(s, user)
        s.commit()
        assert eta.rate(s) is None  # nothing measured yet: no estimate is invented
        before = time.time()
        assert jobs.claim(s, 60)[0] == video.id
        s.refresh(video)
        assert before <= video.started_at <= time.time()
        video.status, video.completed_at = "completed", video.started_at + 12.0  # 12 s for 2 s of video
        s.commit()
        assert eta.rate(s) == pytest.approx(6.0)


def test_queued_jobs_get_their_place_in_claim_order_and_an_estimated_start_and_finish(db):
    now = 1_000_000.0
    with db.session() as s:
        plus, pro = accounts.create_user(s, "plus@example.com", "plus"), accounts.create_user(s, "pro@example.com", "pro")
        done = job(s, plus, "1")  # measured: 5 s of work per second of video
        done.status, done.started_at, done.completed_at = "completed", now - 100, now - 95
        running = job(s, plus, "4")  # 20 s of work, 8 s done
        running.status, running.started_at = "in_progress", now - 8
        first, second = job(s, plus, "2"), job(s, plus, "2")
        first.created_at, second.created_at = now - 3, now - 2
        late_pro = job(s, pro, "1")  # Pro is served first, though it came last
        late_pro.created_at = now - 1
        s.commit()
        got = eta.estimate(s, [running, first, second, late_pro], now=now)
    assert got[running.id].position is None and got[running.id].finish_at == pytest.approx(now + 12)
    assert [got[v.id].position for v in (late_pro, first, second)] == [1, 2, 3]
    assert all(got[v.id].waiting == 3 for v in (first, second, late_pro))
    # one job runs, so one slot: the running job's 12 s left, then the Pro job's 5 s, then 10 s each
    assert got[late_pro.id].start_at == pytest.approx(now + 12) and got[late_pro.id].finish_at == pytest.approx(now + 17)
    assert got[first.id].start_at == pytest.approx(now + 17) and got[first.id].finish_at == pytest.approx(now + 27)
    assert got[second.id].start_at == pytest.approx(now + 27) and got[second.id].finish_at == pytest.approx(now + 37)
