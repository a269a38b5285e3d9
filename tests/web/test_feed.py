"""The feed: cards with author and date open a video page (player, author, date, prompt, likes, remix with
strength, "remix of" link); the "Remix this" form stays closed until opened; Featured is ranked, not Recent again."""
from __future__ import annotations

import re

from playwright.sync_api import expect


def test_a_feed_card_opens_a_video_page_with_author_likes_remix_and_lineage(studio_factory):
    alice, bob = studio_factory(), studio_factory()
    alice_email = alice.sign_up()
    prompt = "a black star circles in the night sky with stars"
    original = alice.new_video(prompt)
    alice.page.get_by_role("button", name="Publish to feed").click()
    expect(alice.page.get_by_role("button", name="Unpublish")).to_be_visible()
    handle = alice_email.split("@")[0]

    bob.sign_up()
    page = bob.page
    page.goto("/#/feed")
    card = page.locator(f"li.card[data-id='{original}']")
    expect(card.locator(".meta")).to_have_text(re.compile(rf"^by {handle} · today, "))
    expect(card.get_by_role("form")).to_be_hidden()  # "Remix this" opens it
    card.get_by_role("button", name="Remix this").click()
    expect(card.get_by_role("form")).to_be_visible()
    expect(card.get_by_role("button", name="Remix this")).to_have_attribute("aria-expanded", "true")
    bob.screenshot("feed-remix-open")
    card.get_by_role("button", name="Remix this").click()
    expect(card.get_by_role("form")).to_be_hidden()

    card.locator("a.cover").click()  # a page of its own, not the raw MP4
    expect(page).to_have_url(re.compile(rf"#/watch/{original}$"))
    watch = page.locator(f".watch[data-id='{original}']")
    expect(watch.get_by_role("heading", level=1)).to_have_text(prompt)
    expect(watch.locator(".byline")).to_contain_text(f"by {handle}")
    player = watch.locator("video.player")
    expect(player).to_have_attribute("src", f"/v1/feed/{original}/content")
    assert bob.in_view(player)
    like = watch.get_by_role("button", name=re.compile("^Like"))
    like.click()
    expect(like).to_have_text("♥ 1")
    expect(like).to_have_attribute("aria-pressed", "true")
    color, background = like.evaluate("b => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor]")
    assert color == "rgb(11, 13, 18)" and background == "rgb(255, 122, 162)", (color, background)  # dark on pink
    bob.screenshot("watch")

    remix = watch.get_by_role("form", name=f"Remix: {prompt}")
    remix.get_by_label("Your prompt").fill("a white star circles in the night sky with stars")
    strength = remix.get_by_label("Strength")
    strength.focus()
    for _ in range(4):
        strength.press("ArrowLeft")  # 0.55 -> 0.35: subtle
    expect(remix.locator("output")).to_have_text("0.35 (subtle)")
    remix.get_by_role("button", name="Queue remix").click()
    expect(page).to_have_url(re.compile("#/create/video_"))
    row = page.locator("li.job.fresh")
    expect(row.locator(".operation")).to_have_text("Remix")
    expect(row.locator(".settings")).to_contain_text("strength 0.35")
    remixed = bob.wait_done(row)

    bob.open_video(remixed)  # Bob's own remix links back to the published original
    expect(page.locator(".detail .facts").first.get_by_role("link", name=prompt)).to_have_attribute(
        "href", f"#/watch/{original}")
    page.get_by_role("button", name="Publish to feed").click()
    expect(page.get_by_role("button", name="Unpublish")).to_be_visible()
    page.goto(f"/#/watch/{remixed}")
    lineage = page.locator(".watch .lineage")
    expect(lineage).to_have_text(f"Remix of {prompt}")
    lineage.get_by_role("link").click()
    expect(page).to_have_url(re.compile(rf"#/watch/{original}$"))

    page.goto("/#/feed")  # Recent: newest first, both; Featured: only what people liked (or operators picked)
    expect(page.locator("li.card").first).to_have_attribute("data-id", remixed)
    page.get_by_role("tab", name="Featured").click()
    expect(page.locator(f"li.card[data-id='{original}']")).to_be_visible()
    expect(page.locator(f"li.card[data-id='{remixed}']")).to_have_count(0)
    bob.screenshot("feed-featured")
