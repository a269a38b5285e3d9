"""The optional `meaning` moderator: MiniLM similarity catches English paraphrases no list holds."""
from __future__ import annotations

from vidloom.safety.moderators import ModerationSettings, build_chain, moderate
from vidloom.safety.similarity import judge


def test_paraphrases_are_caught_and_world_prompts_pass(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    verdict = judge("an undressed lady posing for the camera")
    assert verdict.category == "sexual" and verdict.moderator == "meaning" and verdict.evidence
    assert not judge("a red ball bounces on a grass field").blocked
    chain = build_chain(ModerationSettings(moderators="lexicon,meaning"))
    assert not moderate("a person with no garments at all", chain[:1]).blocked  # the lexicon alone lets it through
    verdict = moderate("a person with no garments at all", chain)
    assert verdict.category == "sexual" and verdict.moderator == "meaning"
