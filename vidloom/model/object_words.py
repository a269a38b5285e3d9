"""Name the object after a colour word with the world's own word for it.

The DiT learnt the token states of its captions' nouns; MiniLM knows that a "parrot" is
a bird, but the DiT does not. A noun right after a world colour is swapped for the world
object MiniLM places it nearest ("a red parrot" -> "a red bird"): the model can only
draw its world, and this makes it draw the nearest thing it knows.
"""
from __future__ import annotations

import re
from typing import Callable

from ..world.vocab import COLOURS, OBJECTS


def ground_objects(prompt: str, nearest_object: Callable[[str], str | None], keep: set[str] = frozenset()) -> str:
    """Rewrite unknown nouns after colour words; a phrase already naming an object, and the
    words in `keep` (the captioner's own, such as "grass" in "green grass"), stay."""
    words = re.findall(r"[\w'-]+|[^\w\s]", prompt)
    for i in range(len(words) - 1):
        following = [w.lower() for w in words[i + 1:i + 3]]
        if (words[i].lower() in COLOURS and words[i + 1].isalpha() and following[0] not in keep
                and not set(following) & set(OBJECTS)):
            words[i + 1] = nearest_object(words[i + 1]) or words[i + 1]
    return re.sub(r" ([^\w\s'-])", r"\1", " ".join(words))
