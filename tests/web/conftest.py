"""A real `vidloom serve` (built-in engine, 2 sampler steps) and Debian's Chromium driven by Playwright.

Every page records the browser's console errors and uncaught exceptions; a test fails on any of them
unless it names the exact message it expects (e.g. the 429 of the quota test)."""
from __future__ import annotations

import re
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.service.helpers import Server
from vidloom.service.db import Database
from vidloom.service.settings import Settings

sync_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"
DESKTOP, PHONE = {"width": 1280, "height": 800}, {"width": 390, "height": 844}
JOB_TIMEOUT_MS = 180_000
# Controls (and players) with no accessible name: no <label>, aria-label(ledby), or text of their own.
UNLABELLED = """[...document.querySelectorAll('input, select, textarea, button, video, progress, [role=separator]')]
  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby')
    && !(el.tagName === 'BUTTON' && el.textContent.trim()) && el.getAttribute('aria-hidden') !== 'true')
  .map(el => el.outerHTML.slice(0, 120))"""


@contextmanager
def database(server: Server):
    """A session on a studio server's own database (committed at the end)."""
    db = Database(Settings(home=server.env["VIDLOOM_HOME"]).db_url)
    try:
        with db.session() as s:
            yield s
    finally:
        db.engine.dispose()


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    srv = Server(tmp_path_factory.mktemp("studio-home"), VIDLOOM_SIGNUPS_PER_ADDRESS="1000")  # one address signs up every studio user
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium package (./test.sh does)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Studio:
    """One browser context (one person) on the studio, with its console errors collected."""

    def __init__(self, browser, server: Server):
        self.server = server
        self.context = browser.new_context(viewport=DESKTOP, base_url=server.url)
        self.page = self.context.new_page()
        self.page.set_default_timeout(20_000)
        self.errors: list[str] = []
        self.expected: list[re.Pattern] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        self.email = ""

    def expect_error(self, pattern: str) -> None:
        """Allow console errors matching `pattern` (a refusal the test provokes on purpose)."""
        self.expected.append(re.compile(pattern))

    def unexpected_errors(self) -> list[str]:
        return [e for e in self.errors if not any(p.search(e) for p in self.expected)]

    def sign_up(self) -> str:
        self.email = f"{uuid.uuid4().hex[:10]}@example.com"
        self.page.goto("/#/signup")
        self.page.get_by_label("Email").fill(self.email)
        self.page.get_by_label("Password").fill("correct horse battery")
        self.page.get_by_role("button", name="Sign up").click()
        self.page.get_by_role("form", name="Create a video").wait_for()
        return self.email

    def log_in(self, email: str) -> None:
        """Sign in as an existing studio user (one signed up by `sign_up`), in this browser context."""
        self.email = email
        self.page.goto("/#/login")
        self.page.get_by_label("Email").fill(email)
        self.page.get_by_label("Password").fill("correct horse battery")
        self.page.get_by_role("button", name="Sign in").click()
        self.page.get_by_role("form", name="Create a video").wait_for()

    def generate(self, prompt: str, seconds: str = "2", upload: Path | None = None, variations: str = "1",
                 seed: str = "", aspect: str = "16:9", resolution: str | None = None):
        """Fill the prompt bar and submit; returns the (first) new job's row in the queue."""
        self.page.goto("/#/create")
        page = self.page.get_by_role("form", name="Create a video")  # once the view has rendered
        page.get_by_label("Prompt", exact=True).fill(prompt)
        page.get_by_label("Aspect").select_option(aspect)
        if resolution:
            page.get_by_label("Resolution").select_option(resolution)
        page.get_by_label("Duration").select_option(seconds)
        page.get_by_label("Variations").select_option(variations)
        page.get_by_label("Seed").fill(seed)
        if upload:
            page.get_by_label("Start from an image or clip (optional)").set_input_files(str(upload))
        page.get_by_role("button", name="Generate").click()
        return self.row(prompt)

    def row(self, prompt: str):
        return self.page.locator("li.job", has_text=prompt).first

    def wait_done(self, row) -> str:
        """Wait for a queue row to finish (updated live over SSE); returns its video id."""
        sync_api.expect(row).to_have_attribute("data-status", re.compile("completed|failed"), timeout=JOB_TIMEOUT_MS)
        assert row.get_attribute("data-status") == "completed", row.inner_text()
        return row.get_attribute("data-id")

    def open_video(self, video_id: str):
        """The detail view of a video, once it has rendered."""
        self.page.goto(f"/#/video/{video_id}")
        detail = self.page.locator(f".detail[data-id='{video_id}']")
        detail.wait_for()
        return detail

    def new_video(self, prompt: str, **options) -> str:
        """Generate a video from the prompt bar, wait for it, and open its detail view; returns its id."""
        video_id = self.wait_done(self.generate(prompt, **options))
        self.open_video(video_id)
        return video_id

    def in_view(self, locator) -> bool:
        """Whether the element is wholly inside the viewport as it is scrolled now."""
        return locator.evaluate("""el => { const r = el.getBoundingClientRect();
            return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth; }""")

    def screenshot(self, name: str) -> None:
        """The current screen at 1280x800 and at 390x844, under test-artifacts/web/; every control on it must
        have an accessible name, and nothing may stick out sideways on the phone."""
        unlabelled = self.page.evaluate(UNLABELLED)
        assert not unlabelled, f"controls without an accessible name on {name}: {unlabelled}"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        for size in (DESKTOP, PHONE):
            self.page.set_viewport_size(size)
            self.page.wait_for_timeout(150)
            overflow = self.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 0:
                wide = self.page.evaluate("""[...document.querySelectorAll('body *')]
                  .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth)
                  .map(el => `${Math.round(el.getBoundingClientRect().right)} ${el.outerHTML.slice(0, 100)}`)""")
                raise AssertionError(f"{name} is {overflow}px wider than a {size['width']}px screen: {wide[:8]}")
            self.page.screenshot(path=str(ARTIFACTS / f"{name}-{size['width']}x{size['height']}.png"), full_page=True)
        self.page.set_viewport_size(DESKTOP)


@pytest.fixture
def studio_factory(browser, server):
    made: list[Studio] = []

    def make() -> Studio:
        made.append(Studio(browser, server))
        return made[-1]

    yield make
    errors = [e for s in made for e in s.unexpected_errors()]
    for s in made:
        s.context.close()
    assert not errors, f"browser console errors: {errors}"


@pytest.fixture
def studio(studio_factory) -> Studio:
    return studio_factory()
