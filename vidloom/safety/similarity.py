"""Prompt moderation by meaning: MiniLM similarity to examples of each blocked category.

Catches paraphrases the word rules miss ("a person without any clothes"). Runs in the worker,
where the text encoder is loaded anyway; the API stays free of torch.
"""
from __future__ import annotations

from functools import lru_cache

from .rules import Refusal, refusal

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
    # _encode embeds the raw text (forward() would first rewrite colour words for the video model)
    vectors = encoder.encode([t for texts in EXAMPLES.values() for t in texts])[2]
    return encoder, labels, vectors


def check_prompt_meaning(prompt: str, threshold: float = THRESHOLD) -> Refusal | None:
    """The blocked category whose examples the prompt is closest to, if closer than `threshold`."""
    encoder, labels, vectors = _bank()
    sims = (encoder.encode([prompt])[2] @ vectors.T)[0]
    best = int(sims.argmax())
    return refusal(labels[best]) if float(sims[best]) >= threshold else None
