"""Featured ranking on a real SQLite database: operator picks first, then likes decayed by age; not a copy of Recent."""
from __future__ import annotations

from sqlalchemy import select

from vidloom.service import accounts
from vidloom.service.db import Database, migrate
from vidloom.service.feed import featured, featured_score
from vidloom.service.models import Video

HOUR = 3600.0
NOW = 1_800_000_000.0


def test_featured_ranks_picks_then_likes_decayed_by_age_and_leaves_out_unliked_videos(tmp_path):
    url = f"sqlite:///{tmp_path / 'feed.db'}"
    migrate(url)
    db = Database(url)
    with db.session() as s:
        user = accounts.create_user(s, "feed@example.com", "plus")
        made = {}
        for name, likes, age_hours, pick in [("old-popular", 9, 72, False), ("fresh-liked", 2, 1, False),
                                             ("unliked-newest", 0, 0, False), ("picked", 0, 200, True)]:
            made[name] = Video(user_id=user.id, model="vidloom-mini", prompt=name, seconds="1", size="224x128",
                               status="completed", likes=likes, featured=pick, published_at=NOW - age_hours * HOUR)
            s.add(made[name])
        s.commit()
        published = select(Video).where(Video.published_at.is_not(None))
        ranked = [v.prompt for v in featured(s, published, limit=10, now=NOW)]
        recent = [v.prompt for v in s.scalars(published.order_by(Video.published_at.desc()))]
    db.engine.dispose()
    assert ranked == ["picked", "fresh-liked", "old-popular"]
    assert recent[0] == "unliked-newest" and ranked != recent
    assert featured_score(2, NOW - HOUR, NOW) > featured_score(9, NOW - 72 * HOUR, NOW)
