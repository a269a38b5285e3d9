"""The studio end to end in Chromium against `vidloom serve`: sign up, generate and watch it complete, library,
detail (seed, provenance), download, favourite, delete, account and API keys."""
from __future__ import annotations

import re

import httpx
from playwright.sync_api import expect


def test_sign_up_generate_watch_it_complete_and_see_it_in_the_library(studio):
    page = studio.page
    page.goto("/")
    expect(page).to_have_url(re.compile("#/login$"))
    studio.screenshot("login")
    studio.sign_up()
    studio.screenshot("create-empty")

    row = studio.generate("a red ball bouncing on a grass field")
    statuses = set()
    page.expose_function("sawStatus", lambda s: statuses.add(s))
    # the status as the observer starts counts too: the job may already be running by then
    page.evaluate("""row => { window.sawStatus(row.dataset.status);
                              new MutationObserver(() => window.sawStatus(row.dataset.status))
                                .observe(row, {attributes: true, subtree: true, childList: true}); }""",
                  row.element_handle())
    video_id = studio.wait_done(row)
    assert {"in_progress", "completed"} <= statuses, f"live progress over SSE, saw {statuses}"
    expect(row.get_by_role("link", name="Open")).to_be_visible()
    studio.screenshot("create-queue")

    page.goto("/#/library")
    card = page.locator(f"li.card[data-id='{video_id}']")
    expect(card).to_contain_text("a red ball bouncing")
    card.locator("a.cover").hover()
    expect(card.locator("video")).to_have_count(1)  # plays on hover
    card.get_by_role("button", name=re.compile("^Favourite")).click()
    expect(card.get_by_role("button", name=re.compile("^Favourite"))).to_have_attribute("aria-pressed", "true")
    page.get_by_label("New folder name").fill("Best")
    page.get_by_role("button", name="Add folder").click()
    expect(page.locator("#notice")).to_have_text("Folder Best created.")
    card.get_by_label("Folder for: a red ball bouncing").select_option(label="Best")  # filed from the library too
    expect(page.locator("#notice")).to_have_text("Moved to Best.")
    page.get_by_label("Show").select_option(label="Folder: Best")
    expect(page.locator("li.card")).to_have_count(1)
    page.get_by_label("Show").select_option("favourites")
    expect(page.locator("li.card")).to_have_count(1)
    studio.screenshot("library")

    card.locator("a.cover").click()
    expect(page.locator(".detail h1")).to_have_text("a red ball bouncing on a grass field")
    facts = page.locator(".detail .facts").first
    expect(facts).to_contain_text("Seed")
    expect(page.locator(".detail")).to_contain_text("present, signature valid")
    link = page.get_by_role("link", name="Download MP4")
    cookies = {c["name"]: c["value"] for c in studio.context.cookies()}
    body = httpx.get(studio.server.url + link.get_attribute("href"), cookies=cookies).content
    assert body[4:8] == b"ftyp", "the download is an MP4"
    studio.screenshot("detail")
    page.get_by_label("Folder").select_option(label="Best")  # file it in a folder, then filter the library by it
    expect(page.locator("#notice")).to_have_text("Moved.")
    page.goto("/#/library")
    page.get_by_label("Show").select_option(label="Folder: Best")
    expect(page.locator("li.card")).to_have_count(1)
    page.locator("li.card a.cover").click()

    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Delete", exact=True).click()
    expect(page).to_have_url(re.compile("#/library$"))
    expect(page.locator(f"li.card[data-id='{video_id}']")).to_have_count(0)


def test_account_shows_plan_and_quota_and_api_keys_are_shown_once_and_revoked(studio):
    page = studio.page
    studio.sign_up()
    page.goto("/#/account")
    expect(page.locator(".plan")).to_have_text("Plus")
    expect(page.locator(".used")).to_have_text("0 of 50 videos")
    page.get_by_role("button", name="Create API key").click()
    key = page.get_by_label("New API key").input_value()
    assert key.startswith("sk-")
    r = httpx.get(studio.server.url + "/v1/usage", headers={"Authorization": f"Bearer {key}"})
    assert r.status_code == 200 and r.json()["plan"] == "plus"
    studio.screenshot("account")
    page.get_by_role("button", name=re.compile("^Revoke key")).click()
    expect(page.locator(".keys li")).to_have_count(0)
    r = httpx.get(studio.server.url + "/v1/usage", headers={"Authorization": f"Bearer {key}"})
    assert r.status_code == 401
    page.reload()
    expect(page.locator(".keys li")).to_have_count(0)
    assert key not in page.content(), "a key is shown only once"


def test_two_variations_get_consecutive_seeds(studio):
    studio.sign_up()
    studio.generate("a black triangle circles in a plain studio", variations="2", seed="4242")
    rows = studio.page.locator("li.job", has_text="a black triangle circles")
    expect(rows).to_have_count(2)
    seeds = []
    for video_id in [studio.wait_done(rows.nth(0)), studio.wait_done(rows.nth(1))]:
        seeds.append(int(studio.open_video(video_id).locator(".facts dt:text-is('Seed') + dd").first.inner_text()))
    assert sorted(seeds) == [4242, 4243]


def test_a_queued_job_can_be_cancelled_from_the_queue(studio):
    page = studio.page
    studio.sign_up()
    studio.generate("a brown box shrinks in the snow field", variations="2")
    rows = page.locator("li.job", has_text="a brown box shrinks")
    expect(rows).to_have_count(2)
    waiting = page.locator("li.job[data-status='queued']", has_text="a brown box shrinks").first  # behind the other
    queued = page.locator(f"li.job[data-id='{waiting.get_attribute('data-id')}']")
    queued.get_by_role("button", name=re.compile("^Cancel")).click()
    expect(queued).to_contain_text("Cancelled: not charged.")
    expect(queued).to_have_attribute("data-status", "cancelled")  # not a red "Failed"
    expect(page.locator("li.job[data-status='failed']")).to_have_count(0)
    studio.wait_done(page.locator("li.job:not([data-status='cancelled'])", has_text="a brown box shrinks"))


def test_sign_out_and_log_in_again_with_a_clear_message_for_a_wrong_password(studio):
    page = studio.page
    email = studio.sign_up()
    page.goto("/#/account")
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile("#/login$"))
    studio.expect_error(r"status of 401 \(Unauthorized\)")  # the wrong password below
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("not my password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("form", name="Sign in").get_by_role("alert")).to_have_text("Wrong email or password.")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("form", name="Create a video")).to_be_visible()
