"""The storyboard timeline end to end: three cards (a prompt, one of my videos, a prompt) joined by hard cuts, laid
out on the ruler with thumbnails, kept across navigation, and a result in which each card's segment shows that card."""
from __future__ import annotations

import httpx
import numpy as np
from playwright.sync_api import expect

from vidloom.media import read_video


def download(studio, video_id: str, path) -> np.ndarray:
    cookies = {c["name"]: c["value"] for c in studio.context.cookies()}
    path.write_bytes(httpx.get(f"{studio.server.url}/v1/videos/{video_id}/content", cookies=cookies).content)
    frames, fps = read_video(path)
    assert fps == 8
    return frames.astype(np.float32)


def test_a_three_card_board_with_a_video_card_gives_each_card_its_segment(studio, tmp_path):
    page = studio.page
    studio.sign_up()
    clip = studio.wait_done(studio.generate("a red ball bounces on a grass field"))
    page.goto("/#/storyboard")
    page.get_by_label("Card 1 prompt").fill("a yellow star moves right over the desert")
    page.get_by_role("button", name="Add card").click()
    page.get_by_label("Card 2 kind").select_option("video")
    page.get_by_label("Card 2 video").select_option(clip)
    page.get_by_label("Card 2 prompt").fill("the red ball keeps bouncing on the grass field")
    page.get_by_label("Card 2 join").select_option("cut")
    page.get_by_role("button", name="Add card").click()
    page.get_by_label("Card 3 prompt").fill("a white ring rises in the night sky with stars")
    page.get_by_label("Card 3 join").select_option("cut")

    segments = page.locator(".timeline .segment")
    expect(segments).to_have_count(3)
    expect(segments.nth(1).locator("img")).to_have_attribute("src", f"/v1/videos/{clip}/content?variant=thumbnail")
    expect(segments.nth(0)).to_contain_text("a yellow star moves right over the desert")
    expect(segments.nth(2)).to_have_class("segment cut")
    track = page.locator(".timeline .track").bounding_box()["width"]
    for k in range(3):  # 2 s each on a 16 s ruler
        assert abs(segments.nth(k).bounding_box()["width"] - track * 2 / 16) < 2
    studio.screenshot("storyboard-three-cards")

    page.goto("/#/library")  # leave and come back: the board is still there
    page.goto("/#/storyboard")
    expect(page.get_by_label("Card 3 prompt")).to_have_value("a white ring rises in the night sky with stars")
    expect(page.get_by_label("Card 2 video")).to_have_value(clip)
    expect(page.locator(".storyboard .total")).to_have_text("3 cards, 6 s of 16 s")

    page.get_by_role("button", name="Generate the board").click()
    row = page.locator("li.job.fresh")
    expect(row.locator(".operation")).to_have_text("Storyboard")
    board = download(studio, studio.wait_done(row), tmp_path / "board.mp4")
    source = download(studio, clip, tmp_path / "clip.mp4")
    assert len(board) == 48, len(board)  # every card: 3 x 2 s at 8 fps
    desert, middle, night = board[:16], board[16:32], board[32:]
    assert np.abs(middle - source).mean() < 12, "card 2 plays my video"
    assert np.abs(desert - source).mean() > 20 and np.abs(night - source).mean() > 20
    assert night.mean() < desert.mean() - 30, (night.mean(), desert.mean())  # night sky darker than the desert
