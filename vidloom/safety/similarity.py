"""Prompt moderation by meaning: MiniLM similarity to examples of each blocked category.

Catches English paraphrases no term list holds ("a person without any clothes"). MiniLM-L6 is
English-only, so this is an optional moderator (`VIDLOOM_MODERATORS=lexicon,meaning`) for the
worker, where the text encoder is loaded anyway; the API stays free of torch.
"""
from __future__ import annotations

from functools import lru_cache

from .policy import ALLOWED, Verdict

EXAMPLES = {
    "sexual": ["a person without any clothes on", "two people having intercourse", "an undressed woman posing",
               "a man showing his private parts", "adult video of people in bed together"],
    "graphic_violence": ["a man being stabbed with blood everywhere", "a body torn apart in a pool of blood",
                         "someone getting their head cut off", "a person being shot in the head"],
    "self_harm": ["a person hurting themselves with a razor", "someone jumping off a bridge to end their life",
                  "a girl taking a whole bottle of pills to die"],
    "hate": ["people attacked because of their race", "a rally glorifying killing a religious group"],
}
THRESHOLD = 0.55  # cosine similarity; prompts of the world score below 0.25 against every example


@lru_cache(maxsize=1)
def _bank():
    from ..model.text_encoder import TextEncoder

    encoder = TextEncoder()
    labels = [c for c, texts in EXAMPLES.items() for _ in texts]
    texts = [t for group in EXAMPLES.values() for t in group]
    # encode embeds the raw text (forward() would first rewrite colour words for the video model)
    return encoder, labels, texts, encoder.encode(texts)[2]


def judge(prompt: str, threshold: float = THRESHOLD) -> Verdict:
    """The blocked category whose examples the prompt is closest to, if closer than `threshold`."""
    encoder, labels, texts, vectors = _bank()
    sims = (encoder.encode([prompt])[2] @ vectors.T)[0]
    best = int(sims.argmax())
    score = float(sims[best])
    if score < threshold:
        return ALLOWED
    return Verdict(labels[best], score, (texts[best],), "meaning")
