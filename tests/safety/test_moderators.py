"""The moderator chain: settings pick it, the HTTP moderator speaks the OpenAI moderations API to a
real server, an unreachable classifier refuses (or not) as configured, and every text of a job
(prompt, storyboard cards, character names) goes through the one check."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from vidloom.safety import check_prompt, check_prompts, prompts_of
from vidloom.safety.lexicon import LexiconModerator
from vidloom.safety.moderators import (
    HTTPModerator,
    ModerationSettings,
    build_chain,
    moderate,
)

SEEN: list[dict] = []  # the requests the classifier received


class Classifier(BaseHTTPRequestHandler):
    """A stand-in for an operator's hosted classifier: flags texts containing "forbidden"."""

    def do_POST(self):  # http.server calls it by this name
        body = json.loads(self.rfile.read(int(self.headers["content-length"])))
        SEEN.append({"body": body, "auth": self.headers.get("authorization")})
        bad = "forbidden" in body["input"]
        result = {"flagged": bad, "categories": {"violence/graphic": bad, "sexual": False},
                  "category_scores": {"violence/graphic": 0.97 if bad else 0.01, "sexual": 0.2}}
        payload = json.dumps({"id": "modr-1", "model": "guard", "results": [result]}).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def classifier_url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Classifier)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/v1/moderations"
    server.shutdown()


def test_the_http_moderator_maps_openai_categories(classifier_url):
    guard = HTTPModerator(classifier_url, api_key="k-1", model="guard")
    verdict = guard.moderate_text("a forbidden scene")
    assert verdict.category == "graphic_violence" and verdict.score == pytest.approx(0.97)
    assert verdict.moderator == "http" and verdict.evidence == ("violence/graphic",)
    assert not guard.moderate_text("a red ball").blocked
    assert SEEN[-1] == {"body": {"input": "a red ball", "model": "guard"}, "auth": "Bearer k-1"}


def test_an_unreachable_classifier_refuses_unless_told_to_fail_open():
    dead = "http://127.0.0.1:9/v1/moderations"  # the discard port: nothing listens
    verdict = HTTPModerator(dead, timeout=1).moderate_text("a red ball")
    assert verdict.category == "unavailable" and verdict.refusal().message.startswith("the prompt could not be moderated")
    assert not HTTPModerator(dead, timeout=1, fail_closed=False).moderate_text("a red ball").blocked


def test_settings_build_the_chain_and_the_first_block_is_reported(classifier_url, monkeypatch):
    monkeypatch.setenv("VIDLOOM_MODERATORS", "lexicon, http")
    monkeypatch.setenv("VIDLOOM_MODERATION_URL", classifier_url)
    chain = build_chain()
    assert [m.name for m in chain] == ["lexicon", "http"]
    assert moderate("a forbidden scene", chain).moderator == "http"  # the lexicon let it through
    assert moderate("a naked woman in a forbidden scene", chain).moderator == "lexicon"
    assert check_prompt("a forbidden scene", chain).category == "graphic_violence"
    with pytest.raises(ValueError, match="unknown moderator 'nope'"):
        build_chain(ModerationSettings(moderators="lexicon,nope"))
    with pytest.raises(ValueError, match="VIDLOOM_MODERATION_URL"):
        build_chain(ModerationSettings(moderators="http", moderation_url=None))


def test_every_text_of_a_job_goes_through_the_one_check():
    params = {"cards": [{"prompt": "a blue fish swims", "start": 0, "seconds": 1},
                        {"prompt": "un hombre decapitado", "start": 1, "seconds": 1}],
              "characters": [{"name": "Adolf Hitler"}, {"name": "Mr Whiskers"}]}
    assert [f for f, _ in prompts_of("a red ball", params)] == [
        "prompt", "params.cards[0].prompt", "params.cards[1].prompt", "params.characters[0].name",
        "params.characters[1].name"]
    lexicon = [LexiconModerator()]
    field, refusal = check_prompts("a red ball", params, lexicon)
    assert field == "params.cards[1].prompt" and refusal.category == "graphic_violence"
    assert "(graphic violence)" in refusal.message and "appeal" in refusal.message
    assert check_prompts("a red ball", {"cards": [{"prompt": "a green bird"}]}, lexicon) is None
    assert check_prompts("a red ball", {"cards": "not a list"}, lexicon) is None


def test_an_installed_package_adds_a_moderator_through_its_entry_point(tmp_path, monkeypatch):
    (tmp_path / "acme_guard.py").write_text(
        "from vidloom.safety import Verdict\n"
        "class Guard:\n"
        "    name = 'acme'\n"
        "    def moderate_text(self, text):\n"
        "        return Verdict('hate', 1.0, ('acme',), self.name) if 'grumpkin' in text else Verdict(None)\n")
    info = tmp_path / "acme_guard-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-guard\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[vidloom.moderators]\nacme = acme_guard:Guard\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    chain = build_chain(ModerationSettings(moderators="lexicon,acme"))
    assert [m.name for m in chain] == ["lexicon", "acme"]
    assert check_prompt("a grumpkin parade", chain).category == "hate"
    assert check_prompt("a red ball", chain) is None
