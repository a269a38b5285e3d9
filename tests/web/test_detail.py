"""The detail view says what the file holds (its own size, whether it was upscaled, the engine, its duration), names
a re-cut a re-cut, and its player stays inside the screen at 1280x800 and 390x844 for every aspect."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from vidloom.service.models import Feedback, Video

from tests.geometry import native_size

from .conftest import DESKTOP, PHONE, database


def details(page, video_id: str) -> dict:
    return page.evaluate(f"fetch('/v1/videos/{video_id}/details').then(r => r.json())")


def test_size_engine_and_duration_come_from_the_file_and_a_recut_says_re_cut_of(studio):
    page = studio.page
    studio.sign_up()
    source = studio.new_video("a green ring moves right over a grass field", aspect="9:16", resolution="720x1280")
    facts = page.locator(".detail .facts").first
    # the MP4 has the asked size, resized from what vidloom-mini draws, and the page says so (not "720p")
    expect(facts).to_contain_text(f"Size720x1280 (upscaled from {native_size('9:16')})")
    expect(facts).to_contain_text("Duration2 s (16 frames at 8 fps)")
    truth = details(page, source)
    expect(facts).to_contain_text(f"Modelvidloom-mini {truth['engine_version']}")
    assert (truth["file"]["width"], truth["file"]["height"]) == (720, 1280) and truth["upscaled"] is True

    recut = page.get_by_role("form", name="Re-cut")
    start = recut.get_by_label("Trim start")
    start.focus()
    for _ in range(4):
        start.press("ArrowRight")  # 0.125 s a step: keep 0.5 s - 2 s
    expect(recut.locator("output")).to_have_text("keep 0.5 s – 2 s")
    recut.get_by_role("button", name="Re-cut").click()
    cut = studio.wait_done(page.locator("li.job.fresh"))
    studio.open_video(cut)
    expect(facts).to_contain_text("OperationRe-cut")
    expect(facts).to_contain_text("Re-cut ofa green ring moves right over a grass field")
    expect(facts).not_to_contain_text("Remix of")
    seconds = details(page, cut)["file"]["seconds"]
    assert abs(seconds - 1.5) < 0.01, seconds
    expect(facts).to_contain_text("Duration1.5 s (12 frames at 8 fps)")  # the file's, not the request's 4 s
    expect(page.locator(".detail")).to_contain_text("Seconds asked for")  # the provenance's own key, in words
    studio.screenshot("detail-recut")


def test_the_player_fits_the_screen_for_every_aspect(studio):
    page = studio.page
    studio.sign_up()
    made = {aspect: studio.wait_done(studio.generate(f"a white box spins in the snow field, {aspect}", aspect=aspect))
            for aspect in ("16:9", "1:1", "9:16")}
    for aspect, video_id in made.items():
        file = details(page, video_id)["file"]
        for size in (DESKTOP, PHONE):
            page.set_viewport_size(size)
            studio.open_video(video_id)
            player = page.locator(".detail video.player")
            expect(player).to_be_visible()
            box = player.bounding_box()
            assert studio.in_view(player), f"{aspect} player {box} is not inside {size} without scrolling"
            ratio = box["width"] / box["height"]
            assert abs(ratio / (file["width"] / file["height"]) - 1) < 0.02, f"{aspect} player is stretched: {box}"
            assert page.evaluate("scrollY") == 0
        page.set_viewport_size(DESKTOP)
        studio.screenshot(f"detail-{aspect.replace(':', 'x')}")
    expect(page).to_have_url(re.compile("#/video/"))

    page.goto("/#/library")  # each tile in its video's own aspect: a portrait video is not squashed into 16:9
    for aspect, video_id in made.items():
        box = page.locator(f"li.card[data-id='{video_id}'] .frame").bounding_box()
        w, h = (int(x) for x in aspect.split(":"))
        assert abs(box["width"] / box["height"] / (w / h) - 1) < 0.03, (aspect, box)
    studio.screenshot("library-aspects")


def test_a_video_refused_after_it_was_made_links_to_the_appeal_form(studio, server):
    page = studio.page
    studio.sign_up()
    video_id = studio.wait_done(studio.generate("a brown bird moves up in the blue sky"))
    with database(server) as s:  # as the output check refuses a video
        video = s.get(Video, video_id)
        video.status, video.error_code = "failed", "moderation_blocked"
        video.error_message = "the image or video was refused by moderation (nudity detected: exposed body)"
    page.reload()  # the queue, read again
    row = page.locator(f"li.job[data-id='{video_id}']")  # said once, with the way to appeal
    expect(row.locator(".outcome")).to_have_text("The image or video was refused by moderation (nudity detected: "
                                                 "exposed body). Send an appeal")
    expect(row.get_by_role("link", name="Send an appeal")).to_have_attribute("href", f"#/appeal/{video_id}")
    studio.open_video(video_id)
    expect(page.locator(".detail")).to_contain_text("the image or video was refused by moderation")
    page.get_by_role("link", name="Send an appeal").click()
    form = page.get_by_role("form", name="Appeal a refusal")
    expect(form.get_by_label("The prompt that was refused")).to_have_value("a brown bird moves up in the blue sky")
    form.get_by_label("Why should it be allowed?").fill("It is a bird in the sky.")
    form.get_by_role("button", name="Send appeal").click()
    expect(form.get_by_role("status")).to_contain_text("your appeal was sent")
    with database(server) as s:
        sent = s.query(Feedback).filter_by(video_id=video_id).one()
        assert sent.kind == "appeal" and "a bird in the sky" in sent.message


def test_what_was_drawn_otherwise_than_asked_is_shown(studio):
    page = studio.page
    studio.sign_up()
    studio.new_video("a purple dragon dancing")
    notices = page.get_by_role("region", name="Drawn otherwise than asked")
    expect(notices).to_contain_text('"dragon" is not one of the world\'s objects; drawn as the nearest one')
    studio.new_video("a red ball bouncing on green grass")
    expect(page.get_by_role("region", name="Drawn otherwise than asked")).to_have_count(0)
