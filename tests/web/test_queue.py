"""After any action the new job is in view in the queue with its operation named and the confirmation stays;
refusals appear inside the form that caused them; variations are grouped with their settings; empty states help."""
from __future__ import annotations

import re

from playwright.sync_api import expect


def expect_handover(studio, operation: str, label: str, confirmation: str) -> str:
    """The page moved to the queue with the new job in view, named, and confirmed; returns its id."""
    page = studio.page
    expect(page).to_have_url(re.compile(r"#/create/video_"))
    row = page.locator("li.job.fresh")
    expect(row).to_have_attribute("data-operation", operation)
    expect(row.locator(".operation")).to_have_text(label)
    expect(row.get_by_role("status")).to_have_text(confirmation)
    assert studio.in_view(row), f"the new {operation} job is not in view"
    return row.get_attribute("data-id")


def test_every_action_shows_its_new_job_in_view_with_its_operation_named(studio):
    page = studio.page
    studio.sign_up()
    other = studio.wait_done(studio.generate("a blue fish moves left in the ocean"))
    source = studio.new_video("a red ball moves left in the desert")
    made = []

    def act(form_name: str, fill=None) -> None:
        studio.open_video(source)
        form = page.get_by_role("form", name=form_name)
        form.scroll_into_view_if_needed()  # the forms are below the fold: the queue must still come into view
        if fill:
            fill(form)
        form.get_by_role("button", name=form_name).click()

    act("Remix", lambda f: f.get_by_label("New prompt").fill("a green ball moves left in the desert"))
    made.append(expect_handover(studio, "remix", "Remix", "Remix queued."))
    page.wait_for_timeout(4500)  # longer than a passing notice lasts: the confirmation stays
    expect(page.locator("li.job.fresh").get_by_role("status")).to_have_text("Remix queued.")
    studio.screenshot("queue-after-remix")

    act("Loop", lambda f: f.get_by_label("Loop length").select_option("short"))
    made.append(expect_handover(studio, "loop", "Loop", "Loop queued."))
    expect(page.locator("li.job.fresh .settings")).to_contain_text("short loop")
    act("Extend", lambda f: f.get_by_label("Direction").select_option("backward"))
    made.append(expect_handover(studio, "extend", "Extend", "Extend queued."))
    expect(page.locator("li.job.fresh .settings")).to_contain_text("backwards")
    act("Re-cut")
    made.append(expect_handover(studio, "recut", "Re-cut", "Re-cut queued."))
    def pick(form) -> None:
        fish = form.get_by_role("group", name="Blend into").get_by_role("radio", name="a blue fish moves left in the ocean")
        expect(fish).to_have_attribute("value", other)
        fish.check()
        studio.screenshot("detail-blend-picker")

    act("Blend", pick)
    made.append(expect_handover(studio, "blend", "Blend", "Blend queued."))

    page.goto("/#/storyboard")
    page.get_by_label("Card 1 prompt").fill("a yellow star rises in the night sky with stars")
    page.get_by_role("button", name="Generate the board").click()
    made.append(expect_handover(studio, "storyboard", "Storyboard", "Storyboard queued."))

    for video_id in made:  # each finishes (and the shared server is idle for the next test)
        studio.wait_done(page.locator(f"li.job[data-id='{video_id}']"))


def test_a_refusal_is_shown_inside_the_form_that_caused_it_in_plain_words(studio):
    page = studio.page
    studio.sign_up()
    studio.new_video("a pink heart bounces on a grass field")
    studio.expect_error(r"status of 400 \(Bad Request\)")  # the refusal provoked below
    remix = page.get_by_role("form", name="Remix")
    remix.get_by_label("New prompt").fill("a naked person dancing")
    remix.get_by_role("button", name="Remix").click()
    alert = remix.get_by_role("alert")
    expect(alert).to_contain_text("The prompt was refused by moderation (sexual content).")
    expect(alert.get_by_role("link", name="Send an appeal")).to_be_visible()
    expect(page.locator("#notice")).to_be_hidden()  # not a banner at the top of the page
    expect(page.get_by_role("form", name="Extend").get_by_role("alert")).to_have_count(0)
    assert studio.in_view(alert)
    studio.screenshot("remix-refused")


def test_four_variations_on_plus_wait_their_turn_instead_of_being_refused(studio):
    page = studio.page
    studio.sign_up()  # Plus: two run at once, the others wait in the queue
    studio.generate("a pink fish moves right in the ocean", variations="4", seed="5")
    rows = page.locator("li.variations li.job")
    expect(rows).to_have_count(4)
    expect(page.get_by_role("form", name="Create a video").get_by_role("alert")).to_have_count(0)
    running = []
    page.expose_function("sawRunning", lambda n: running.append(n))
    page.evaluate("""() => new MutationObserver(() => window.sawRunning(
        document.querySelectorAll("li.job[data-status='in_progress']").length))
        .observe(document.querySelector('.queue'), {attributes: true, subtree: true})""")
    for k in range(4):
        studio.wait_done(rows.nth(k))
    assert running and max(running) <= 2, f"a Plus user ran {max(running)} at once"
    page.goto("/#/account")
    expect(page.locator(".used")).to_have_text("4 of 50 videos")


def test_variations_are_grouped_with_their_settings_and_an_empty_queue_says_what_to_do(studio):
    page = studio.page
    studio.sign_up()
    empty = page.locator(".queue .empty")
    expect(empty).to_contain_text("Nothing here yet. Describe a scene above")
    studio.generate("an orange triangle zigzags in the desert", variations="2", seed="77")
    group = page.locator("li.variations")
    expect(group.locator(".group-head")).to_have_text("2 variations")
    rows = group.locator("li.job")
    expect(rows).to_have_count(2)
    expect(rows.nth(0).locator(".settings")).to_have_text("16:9 · 2 s · seed 77")
    expect(rows.nth(1).locator(".settings")).to_have_text("16:9 · 2 s · seed 78")
    for k in range(2):
        studio.wait_done(rows.nth(k))
    thumb = rows.nth(0).locator(".picture img").bounding_box()
    assert thumb["width"] >= 160, f"queue thumbnails are {thumb['width']} px wide"
    page.reload()  # grouped the same when read back from the server
    expect(page.locator("li.variations li.job")).to_have_count(2)
    studio.screenshot("queue-variations")


def test_a_waiting_job_shows_its_place_in_line_and_when_it_should_start_and_be_ready(studio):
    page = studio.page
    studio.sign_up()
    studio.wait_done(studio.generate("a green box moves right over a grass field"))  # a measured job, at least
    studio.generate("a white bird flies left in the blue sky", variations="4", seed="9")
    rows = page.locator("li.variations li.job")  # oldest first: the last waits behind the other three
    expect(rows).to_have_count(4)
    last = rows.nth(3)
    expect(last).to_have_attribute("data-status", "queued")
    expect(last.locator(".place")).to_have_text(re.compile(
        r"^[1-9]\d* of [1-9]\d* waiting · starts in (under a minute|about \d+ min) · "
        r"finishes in (under a minute|about \d+ min) \(by \d\d:\d\d( [AP]M)?\)$"))
    first_place = int(last.locator(".place").inner_text().split(" of ")[0])
    studio.screenshot("queue-place-in-line")
    expect(last.locator(".place")).to_have_text(re.compile(  # it moves up as the jobs before it start
        rf"^([1-{first_place - 1}] of \d+ waiting|Finishes in)" if first_place > 1 else r"^Finishes in"), timeout=60_000)
    for k in range(4):
        studio.wait_done(rows.nth(k))
        expect(rows.nth(k).locator(".place")).to_be_hidden()  # done: no place, no estimate
