"""Server down: the studio says the connection is lost (not "Failed to fetch"), retries with back-off, and when the
server is back the running job's row resumes and completes."""
from __future__ import annotations

from playwright.sync_api import expect

from tests.service.helpers import Server

from .conftest import JOB_TIMEOUT_MS, Studio

SLOW = {"VIDLOOM_STEPS": "12", "VIDLOOM_LEASE_SECONDS": "2"}  # a job long enough to stop the server under it


def test_connection_lost_is_shown_retried_and_the_job_resumes_when_the_server_is_back(browser, tmp_path):
    home = tmp_path / "home"
    server = Server(home, **SLOW)
    studio = Studio(browser, server)
    # the browser logs the streams cut by the crash and each refused try
    studio.expect_error("net::ERR_(CONNECTION_REFUSED|CONNECTION_RESET|INCOMPLETE_CHUNKED_ENCODING)")
    page = studio.page
    try:
        studio.sign_up()
        row = studio.generate("a green bird moves right over the ocean", seconds="4")
        expect(row).to_have_attribute("data-status", "in_progress", timeout=JOB_TIMEOUT_MS)
        server.proc.kill()  # down at once (a graceful stop would wait for the open event streams to end)
        server.proc.wait()
        banner = page.locator("#connection")
        expect(banner).to_contain_text("Connection lost. The studio cannot reach the vidloom server; trying again in")
        form = page.get_by_role("form", name="Create a video")
        form.get_by_label("Prompt", exact=True).fill("a blue ball rises in the blue sky")
        form.get_by_role("button", name="Generate").click()
        expect(form.get_by_role("alert")).to_have_text("The vidloom server cannot be reached right now: try again "
                                                       "once it is back.")
        assert "Failed to fetch" not in page.locator("body").inner_text()
        studio.screenshot("connection-lost")
        page.wait_for_timeout(4000)  # a few tries while it is down: the wait between them grows
        expect(banner).to_be_visible()

        server = Server(home, port=server.port, **SLOW)  # back, on the same address
        expect(banner).to_be_hidden(timeout=30_000)
        studio.wait_done(row)  # the row follows the job again, to the end
        expect(row.get_by_role("link", name="Open: a green bird moves right over the ocean")).to_be_visible()
        assert not studio.unexpected_errors(), studio.unexpected_errors()
    finally:
        studio.context.close()
        server.stop()
