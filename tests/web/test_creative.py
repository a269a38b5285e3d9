"""Image-to-video from an upload, remix with the strength slider, loop, the storyboard editor, the feed seen by
another user, and the refusals (quota, moderation) shown as clear messages."""
from __future__ import annotations

import re

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import expect

from vidloom.service.models import Feedback, Usage, User
from vidloom.service.plans import period

from .conftest import database


def offers(page, operation: str) -> bool:
    """Whether this server's workers run a studio operation (the creative suite lands on another branch)."""
    paths = page.evaluate("fetch('/openapi.json').then(r => r.json()).then(d => Object.keys(d.paths))")
    return "/v1/studio/operations" in paths and operation in page.evaluate(
        "fetch('/v1/studio/operations').then(r => r.json()).then(d => d.data)")


def test_image_to_video_from_an_upload(studio, tmp_path):
    image = np.zeros((96, 160, 3), np.uint8)
    image[:, :] = (40, 90, 200)
    image[30:60, 60:100] = (230, 30, 30)
    Image.fromarray(image).save(tmp_path / "still.png")
    studio.sign_up()
    studio.new_video("a red box moves right in a blue sky", upload=tmp_path / "still.png")
    expect(studio.page.locator(".detail .facts").first).to_contain_text("an uploaded image or clip")


def test_remix_with_the_strength_slider(studio):
    page = studio.page
    studio.sign_up()
    source = studio.new_video("a yellow star spins in outer space")
    remix = page.get_by_role("form", name="Remix")
    remix.get_by_label("New prompt").fill("a green star spins in outer space")
    strength = remix.get_by_label("Strength")
    strength.focus()
    for _ in range(5):
        strength.press("ArrowRight")  # keyboard, as a person would: 0.55 -> 0.80
    expect(remix.locator("output")).to_have_text("0.8 (strong)")
    remix.get_by_role("button", name="Remix").click()
    facts = studio.open_video(studio.wait_done(studio.row("a green star spins in outer space"))).locator(".facts").first
    expect(facts).to_contain_text("Remix ofa yellow star spins in outer space")
    expect(facts.get_by_role("link", name="a yellow star spins in outer space")).to_have_attribute("href", f"#/video/{source}")
    expect(facts).to_contain_text("Strength0.8")


def test_loop_short_normal_long(studio):
    page = studio.page
    studio.sign_up()
    studio.new_video("a white bird moves left over the ocean")
    loop = page.get_by_role("form", name="Loop")
    expect(loop.get_by_label("Loop length").locator("option")).to_have_text(["Short (2 s)", "Normal (4 s)", "Long (8 s)"])
    if not offers(page, "loop"):
        expect(loop.get_by_role("button", name="Loop")).to_be_disabled()
        expect(loop).to_contain_text("not offered by this server")
        pytest.skip("this server's workers have no loop operation yet (the creative suite is on another branch)")
    loop.get_by_label("Loop length").select_option("short")
    loop.get_by_role("button", name="Loop").click()
    studio.wait_done(page.locator("li.job").first)


def test_storyboard_editor_builds_a_two_card_board_and_generates_it(studio):
    page = studio.page
    studio.sign_up()
    page.goto("/#/storyboard")
    page.get_by_role("button", name="Add card").click()
    cards = page.locator("li.story-card")
    expect(cards).to_have_count(2)
    page.get_by_label("Card 1 prompt").fill("a red ball falls over a desert")
    page.get_by_label("Card 2 prompt").fill("a blue box rises in the night sky with stars")

    handle = page.get_by_label("Resize card 2")  # drag its right edge on the timeline: 2 s -> 3 s
    box = handle.bounding_box()
    unit = page.locator(".timeline .track").bounding_box()["width"] / 16  # the track is 16 s wide
    page.mouse.move(box["x"] + 4, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + 4 + unit, box["y"] + box["height"] / 2, steps=5)
    page.mouse.up()
    expect(page.get_by_label("Card 2 duration in seconds")).to_have_value("3")

    cards.nth(1).drag_to(cards.nth(0))  # drag to reorder
    expect(page.get_by_label("Card 1 prompt")).to_have_value("a blue box rises in the night sky with stars")
    expect(page.get_by_label("Card 1 duration in seconds")).to_have_value("3")
    expect(page.locator(".storyboard .total")).to_have_text("2 cards, 5 s of 16 s")
    studio.screenshot("storyboard")

    generate = page.get_by_role("button", name="Generate the board")
    if not offers(page, "storyboard"):
        expect(generate).to_be_disabled()
        pytest.skip("this server's workers have no storyboard operation yet (the creative suite is on another branch)")
    generate.click()
    studio.wait_done(studio.row("a blue box rises in the night sky with stars"))


def test_publish_to_the_feed_and_another_user_sees_likes_searches_and_remixes_it(studio_factory):
    alice, bob = studio_factory(), studio_factory()
    alice.sign_up()
    prompt = "a purple heart zigzags over a snow field"
    video_id = alice.new_video(prompt)
    alice.page.get_by_role("button", name="Publish to feed").click()
    expect(alice.page.get_by_role("button", name="Unpublish")).to_be_visible()

    bob.sign_up()
    page = bob.page
    page.goto("/#/feed")
    card = page.locator(f"li.card[data-id='{video_id}']")
    expect(card).to_contain_text(prompt)
    card.get_by_role("button", name=re.compile("^Like")).click()
    expect(card.get_by_role("button", name=re.compile("^Like"))).to_have_text("♥ 1")
    page.get_by_role("tab", name="Featured").click()
    expect(page.locator("li.card").first).to_have_attribute("data-id", video_id)
    bob.screenshot("feed")
    page.get_by_label("Search prompts").fill("zigzags snow")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("li.card")).to_have_count(1)
    page.get_by_label("Search prompts").fill("nothing-like-this")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("li.empty")).to_have_text("Nothing published matches.")
    page.get_by_label("Search prompts").fill("")
    page.get_by_role("button", name="Search").click()

    card.get_by_role("button", name="Remix this").click()
    card.get_by_label("Your prompt").fill("an orange heart zigzags over a snow field")
    card.get_by_role("button", name="Queue remix").click()
    expect(page).to_have_url(re.compile("#/create/video_"))
    bob.wait_done(bob.row("an orange heart zigzags over a snow field"))


def test_over_quota_and_moderation_refusals_show_clear_messages(studio, server):
    page = studio.page
    email = studio.sign_up()
    studio.expect_error(r"status of 400 \(Bad Request\)")  # the refusals this test provokes
    studio.expect_error(r"status of 429 \(Too Many Requests\)")
    studio.generate("a naked person dancing")
    refusal = page.get_by_role("form", name="Create a video").get_by_role("alert")
    expect(refusal).to_have_text("The prompt was refused by moderation (sexual content). Rephrase it, or if you think "
                                 "this is a mistake: Send an appeal.")  # said once, next to the prompt
    refusal.get_by_role("link", name="Send an appeal").click()
    appeal = page.get_by_role("form", name="Appeal a refusal")
    expect(appeal.get_by_label("The prompt that was refused")).to_have_value("a naked person dancing")
    appeal.get_by_label("Why should it be allowed?").fill("A painting class: the model is clothed.")
    appeal.get_by_role("button", name="Send appeal").click()
    expect(appeal.get_by_role("status")).to_contain_text("your appeal was sent")
    studio.screenshot("appeal")
    with database(server) as s:
        user = s.query(User).filter_by(email=email).one()
        sent = s.query(Feedback).filter_by(user_id=user.id, kind="appeal").one()
        assert "a naked person dancing" in sent.message and "clothed" in sent.message

    with database(server) as s:
        user = s.query(User).filter_by(email=email).one()
        s.add(Usage(user_id=user.id, period=period(), count=50))
    studio.generate("a green fish moves right in the ocean")
    notice = page.get_by_role("form", name="Create a video").get_by_role("alert")
    expect(notice).to_contain_text("Over your plan's limit")
    expect(notice).to_contain_text(f"Upgrade to Pro for more: ask the operator of this vidloom server to run "
                                   f"`vidloom users plan {email} pro`.")
    studio.screenshot("quota")
    page.goto("/#/account")
    expect(page.locator(".used")).to_have_text("50 of 50 videos")
