"""The prompt bar: focus where a person expects it (never a ring around the page), the attached image previewed,
removable and detached after Generate with the chosen style kept, videos left and the reset date shown; the
sign-in page says what vidloom is; storyboard cards resize from the keyboard."""
from __future__ import annotations

import re

import numpy as np
from PIL import Image
from playwright.sync_api import expect

from vidloom.service.models import User

from .conftest import database

FOCUSED = """() => { const el = document.activeElement; const style = getComputedStyle(el);
  return {tag: el.tagName, name: el.getAttribute('name'), label: el.getAttribute('aria-label'),
          outline: style.outlineStyle === 'none' ? 'none' : style.outlineWidth}; }"""


def test_focus_after_load_and_after_generate_and_the_sign_in_page_says_what_vidloom_is(studio):
    page = studio.page
    page.goto("/#/login")
    expect(page.locator(".auth .pitch")).to_contain_text("turns a sentence, an image or a clip into a short video")
    studio.sign_up()
    for route in ("create", "library", "storyboard", "feed", "account"):
        page.goto(f"/#/{route}")
        # the view's heading, for screen readers (locators, since the studio's CSP forbids evaluating strings)
        expect(page.get_by_role("heading", level=1, name=route.capitalize(), exact=True)).to_be_focused()
        focused = page.evaluate(FOCUSED)
        assert focused["tag"] != "MAIN" and focused["outline"] == "none", (route, focused)
    page.goto("/#/create")
    expect(page.locator(".allowance")).to_have_text(re.compile(r"^50 of 50 videos left this month · resets \w+ 1, \d{4}$"))
    row = studio.generate("a purple ring falls over the ocean")
    expect(row).to_have_attribute("data-status", re.compile("queued|in_progress|completed"))
    expect(page.locator("[name=prompt]")).to_be_focused()  # not lost to <body> after Generate
    studio.wait_done(row)
    expect(page.locator(".allowance")).to_have_text(re.compile(r"^49 of 50 videos left"))
    page.goto("/#/account")
    expect(page.locator(".left")).to_have_text(re.compile(r"^49 of 50 videos left this month · resets "))


def test_an_attached_image_is_previewed_removable_and_detached_after_generate_and_the_style_is_kept(studio, tmp_path):
    image = np.zeros((96, 160, 3), np.uint8)
    image[:, :] = (200, 160, 40)
    Image.fromarray(image).save(tmp_path / "sunny.png")
    page = studio.page
    studio.sign_up()
    form = page.get_by_role("form", name="Create a video")
    style = form.get_by_label("Style")
    style.select_option("film-noir")
    upload = form.get_by_label("Start from an image or clip (optional)")
    upload.set_input_files(str(tmp_path / "sunny.png"))
    preview = form.get_by_role("img", name="Attached image: sunny.png")
    expect(preview).to_be_visible()
    expect(style).to_be_disabled()  # said, not silently dropped
    expect(form).to_contain_text("not applied when starting from an image; kept for your next prompt")
    studio.screenshot("create-attached")
    form.get_by_role("button", name="Remove sunny.png").click()
    expect(preview).to_have_count(0)
    expect(style).to_be_enabled()
    expect(style).to_have_value("film-noir")

    upload.set_input_files(str(tmp_path / "sunny.png"))
    form.get_by_label("Prompt", exact=True).fill("a red box moves right in a blue sky")
    form.get_by_role("button", name="Generate").click()
    row = page.locator("li.job.fresh")
    expect(row).to_contain_text("a red box moves right in a blue sky")
    expect(form.locator(".attachment")).to_be_hidden()  # detached: the next prompt is text-to-video again
    assert upload.evaluate("input => input.files.length") == 0
    expect(style).to_have_value("film-noir")
    expect(style).to_be_enabled()
    video_id = studio.wait_done(row)
    expect(studio.open_video(video_id).locator(".facts").first).to_contain_text("an uploaded image or clip")


def test_a_storyboard_card_is_resized_from_the_keyboard(studio):
    page = studio.page
    studio.sign_up()
    page.goto("/#/storyboard")
    page.get_by_label("Card 1 duration in seconds").focus()
    page.keyboard.press("Tab")
    handle = page.get_by_role("separator", name="Resize card 1")
    expect(handle).to_be_focused()
    expect(handle).to_have_attribute("aria-valuenow", "2")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(page.get_by_label("Card 1 duration in seconds")).to_have_value("4")
    expect(handle).to_be_focused()
    page.keyboard.press("ArrowLeft")
    expect(handle).to_have_attribute("aria-valuetext", "3 s")
    page.keyboard.press("End")
    expect(page.locator(".storyboard .total")).to_have_text("1 card, 16 s of 16 s")


def test_a_pro_board_may_run_to_the_pro_plans_24_seconds(studio, server):
    """The timeline's bound is the plan's (GET /v1/usage), not a constant: Plus 16 s, Pro 24 s."""
    page = studio.page
    email = studio.sign_up()
    with database(server) as s:
        s.query(User).filter_by(email=email).one().plan = "pro"
    page.goto("/#/storyboard")
    page.get_by_role("separator", name="Resize card 1").focus()
    page.keyboard.press("End")
    expect(page.locator(".storyboard .total")).to_have_text("1 card, 24 s of 24 s")
