"""The storyboard timeline end to end: three cards (a prompt, an uploaded image, one of my videos) joined by hard
cuts, laid out on the ruler with thumbnails, saved on the server as a draft (so it survives navigation, a reload and
another browser), and a result in which each card's segment shows that card."""
from __future__ import annotations

import re

import httpx
import numpy as np
from PIL import Image
from playwright.sync_api import expect

from tests.geometry import native
from vidloom.media import read_video
from vidloom.world.render import render
from vidloom.world.scene import scene_for


def download(studio, video_id: str, path) -> np.ndarray:
    cookies = {c["name"]: c["value"] for c in studio.context.cookies()}
    path.write_bytes(httpx.get(f"{studio.server.url}/v1/videos/{video_id}/content", cookies=cookies).content)
    frames, fps = read_video(path)
    assert fps == 8
    return frames.astype(np.float32)


def test_a_prompt_image_video_board_is_a_server_draft_and_gives_each_card_its_segment(studio, studio_factory, tmp_path):
    page = studio.page
    email = studio.sign_up()
    clip = studio.wait_done(studio.generate("a red ball bounces on a grass field"))
    still = render(scene_for("yellow", "star", "left", "desert", seed=4), *native(), fps=8, seconds=1)[0][0]
    Image.fromarray(still).save(tmp_path / "star.png")

    page.goto("/#/storyboard")
    page.get_by_label("Board name").fill("Night, star, ball")
    page.get_by_label("Card 1 prompt").fill("a white ring rises in the night sky with stars")
    page.get_by_role("button", name="Add card").click()
    page.get_by_label("Card 2 kind").select_option("image")
    page.get_by_label("Card 2 image", exact=True).set_input_files(str(tmp_path / "star.png"))
    expect(page.get_by_role("img", name="Card 2 image: star.png")).to_be_visible()
    page.get_by_label("Card 2 prompt").fill("a yellow star moves left in the desert")
    page.get_by_label("Card 2 join").select_option("cut")
    page.get_by_role("button", name="Add card").click()
    page.get_by_label("Card 3 kind").select_option("video")
    page.get_by_label("Card 3 video").select_option(clip)
    page.get_by_label("Card 3 prompt").fill("the red ball keeps bouncing on the grass field")
    page.get_by_label("Card 3 join").select_option("cut")

    segments = page.locator(".timeline .segment")
    expect(segments).to_have_count(3)
    expect(segments.nth(0)).to_contain_text("a white ring rises in the night sky with stars")
    expect(segments.nth(1).locator("img")).to_have_attribute("src", re.compile(r"^/v1/files/file-\w+/content$"))
    expect(segments.nth(2).locator("img")).to_have_attribute("src", f"/v1/videos/{clip}/content?variant=thumbnail")
    expect(segments.nth(2)).to_have_class("segment cut")
    track = page.locator(".timeline .track").bounding_box()["width"]
    for k in range(3):  # 2 s each on a 16 s ruler
        assert abs(segments.nth(k).bounding_box()["width"] - track * 2 / 16) < 2
    expect(page.locator(".storyboard .saved")).to_have_text(re.compile(r"^Saved "))  # autosaved on the server
    studio.screenshot("storyboard-three-cards")

    def same_board(page) -> None:
        expect(page.get_by_label("Board name")).to_have_value("Night, star, ball")
        boards = page.get_by_role("combobox", name="Board", exact=True)
        assert boards.evaluate("s => s.selectedOptions[0].textContent") == "Night, star, ball"
        expect(page.get_by_label("Card 1 prompt")).to_have_value("a white ring rises in the night sky with stars")
        expect(page.get_by_label("Card 2 kind")).to_have_value("image")
        expect(page.get_by_role("img", name="Card 2 image: star.png")).to_be_visible()
        expect(page.get_by_label("Card 3 video")).to_have_value(clip)
        expect(page.get_by_label("Card 3 join")).to_have_value("cut")
        expect(page.locator(".storyboard .total")).to_have_text("3 cards, 6 s of 16 s")

    page.goto("/#/library")  # leave and come back
    page.goto("/#/storyboard")
    same_board(page)
    page.reload()  # a reload: the board comes from the server
    same_board(page)
    elsewhere = studio_factory()  # another browser, the same person
    elsewhere.log_in(email)
    elsewhere.page.goto("/#/storyboard")
    same_board(elsewhere.page)
    elsewhere.screenshot("storyboard-another-browser")

    page.get_by_role("button", name="Generate the board").click()
    row = page.locator("li.job.fresh")
    expect(row.locator(".operation")).to_have_text("Storyboard")
    board = download(studio, studio.wait_done(row), tmp_path / "board.mp4")
    source = download(studio, clip, tmp_path / "clip.mp4")
    assert len(board) == 48, len(board)  # every card: 3 x 2 s at 8 fps
    night, star, ball = board[:16], board[16:32], board[32:]
    assert np.abs(star[0] - still).mean() < 8, "card 2 opens with my image"
    assert np.abs(star.mean(axis=(0, 1, 2)) - still.mean(axis=(0, 1))).max() < 25, "and keeps its colours"
    assert np.abs(ball - source).mean() < 12, "card 3 plays my video"
    assert np.abs(night - source).mean() > 20 and np.abs(star - source).mean() > 20
    assert night.mean() < star.mean() - 30, (night.mean(), star.mean())  # night sky darker than the desert


def test_boards_are_named_drafts_a_browser_kept_board_is_taken_over_and_new_and_deleted_boards_follow(studio):
    page = studio.page
    email = studio.sign_up()
    kept = {"aspect": "9:16", "cards": [{"kind": "prompt", "prompt": "a green bird flies left in the blue sky",
                                         "seconds": 3, "cut": False}]}
    page.evaluate("([key, board]) => localStorage.setItem(key, JSON.stringify(board))",
                  [f"vidloom.storyboard.{email}", kept])  # what this browser kept before boards lived on the server
    page.goto("/#/storyboard")
    expect(page.get_by_label("Card 1 prompt")).to_have_value("a green bird flies left in the blue sky")
    expect(page.get_by_label("Aspect", exact=True)).to_have_value("9:16")
    assert page.evaluate(f"localStorage.getItem('vidloom.storyboard.{email}')") is None  # taken over, once
    cookies = {c["name"]: c["value"] for c in studio.context.cookies()}
    drafts = httpx.get(f"{studio.server.url}/v1/studio/drafts", cookies=cookies).json()["data"]
    assert [d["cards"][0]["prompt"] for d in drafts] == ["a green bird flies left in the blue sky"]

    page.get_by_role("button", name="New board").click()
    expect(page).to_have_url(re.compile(r"#/storyboard/draft_[0-9a-f]{24}$"))
    expect(page.get_by_label("Card 1 prompt")).to_have_value("")
    page.get_by_label("Board name").fill("Second board")
    page.get_by_label("Card 1 prompt").fill("a red ball rolls right in the desert")
    expect(page.locator(".storyboard .saved")).to_have_text(re.compile(r"^Saved "))
    boards = page.get_by_role("combobox", name="Board", exact=True)
    expect(boards.locator("option")).to_have_count(2)
    boards.select_option(drafts[0]["id"])  # back to the first board
    expect(page.get_by_label("Card 1 prompt")).to_have_value("a green bird flies left in the blue sky")
    studio.screenshot("storyboard-boards")

    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Delete board").click()  # the first goes; the second is what opens now
    expect(page.get_by_label("Board name")).to_have_value("Second board")
    expect(page.get_by_label("Card 1 prompt")).to_have_value("a red ball rolls right in the desert")
    expect(boards.locator("option")).to_have_count(1)
