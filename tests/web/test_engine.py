"""The studio names the engine the server runs: with an open-weight VIDLOOM_ENGINE it shows that engine, offers its
native sizes and lengths, and sends its name, so the job and the finished video say which model made them."""
from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import expect

from tests.geometry import native_size
from tests.service.helpers import Server, cli, service_env

from .conftest import Studio

ENGINE = "tiny-wan"


@pytest.fixture(scope="module")
def open_weight_server(tmp_path_factory):
    engines = pytest.importorskip("tests.engines.conftest")
    if not engines.OPEN_WEIGHTS:
        pytest.skip("needs the [diffusers] extra")
    home, folder = tmp_path_factory.mktemp("ow-studio-home"), tmp_path_factory.mktemp("tiny-wan")
    engines.build_wan("t2v").save_pretrained(folder)  # a tiny random Wan 2.1 T2V, built in code
    added = cli(service_env(home), "models", "add", ENGINE, "--path", str(folder), "--resolution", "32", "--device", "cpu")
    assert added.returncode == 0, added.stderr
    server = Server(home, VIDLOOM_ENGINE=ENGINE)
    yield server
    server.stop()


def test_the_studio_shows_and_sends_the_engine_the_server_runs(browser, open_weight_server):
    studio = Studio(browser, open_weight_server)
    page = studio.page
    try:
        studio.sign_up()
        form = page.get_by_role("form", name="Create a video")
        expect(form.locator(".engine")).to_have_text(f"Model: {ENGINE}")
        cookies = {c["name"]: c["value"] for c in studio.context.cookies()}
        native = httpx.get(f"{open_weight_server.url}/v1/models/{ENGINE}", cookies=cookies).json()["native_sizes"]
        resolution = form.get_by_label("Resolution")
        sixteen_nine = next(s for s in native if int(s.split("x")[0]) > int(s.split("x")[1]))
        expect(resolution).to_have_value(sixteen_nine)  # the engine's own size, not vidloom-mini's (224x128 plain)
        expect(resolution.locator("option:checked")).to_have_text(f"Native {sixteen_nine}")
        assert native_size() not in [o.get_attribute("value") for o in resolution.locator("option").all()]
        studio.screenshot("create-open-weight-engine")

        row = studio.generate("a red ball moves right over grass", seconds="1", resolution=sixteen_nine)
        video_id = row.get_attribute("data-id")
        queued = httpx.get(f"{open_weight_server.url}/v1/videos/{video_id}", cookies=cookies).json()
        assert queued["model"] == ENGINE, queued  # sent under the engine's name, not vidloom-mini nor sora-2
        studio.wait_done(row)
        detail = studio.open_video(video_id)
        expect(detail.locator(".facts").first).to_contain_text(re.compile(rf"Model\s*{ENGINE}"))
        assert not studio.unexpected_errors(), studio.unexpected_errors()
    finally:
        studio.context.close()
