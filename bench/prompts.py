"""worldbench's evaluation prompts: held-out combinations, in words the captioner never writes.

Each case is a combination of colour x object x motion x setting that `is_held_out` keeps
out of training, with a motion that has a direction (left, right, up, down, falls, rises)
or none ("still"). Its prompt is written from the word lists below, none of which the
captioner uses (`caption_vocabulary()`), so a model can only pass by generalising both
the combination and the phrasing.

Object nouns: true synonyms where English has one outside the captioner's words
(sphere, cube, hoop, sparrow, minnow, ...). "star", "heart" and "triangle" have no such
synonym, so their prompts keep the noun, decorated with words the captioner never writes
("five-pointed star", "valentine heart", "three-cornered triangle"); NO_SYNONYM lists them
and the vocabulary check allows exactly those nouns.

    python -m bench.prompts        # print the cases and check their vocabulary
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from vidloom.world import is_held_out
from vidloom.world.caption import caption_vocabulary
from vidloom.world.vocab import COLOURS, MOTION_DIRECTION, OBJECTS, SETTINGS

EVAL_MOTIONS = ("left", "right", "up", "down", "falls", "rises", "still")
ASPECTS = ("1:1", "16:9", "9:16")

COLOUR_SYNONYMS = {
    "red": ["crimson", "scarlet"],
    "orange": ["tangerine", "pumpkin-coloured"],
    "yellow": ["golden", "lemon"],
    "green": ["emerald", "jade"],
    "blue": ["cobalt", "sapphire"],
    "purple": ["violet", "amethyst"],
    "pink": ["rose", "bubblegum"],
    "white": ["ivory", "pearly"],
    "black": ["ebony", "inky"],
    "brown": ["chocolate", "chestnut"],
}
OBJECT_SYNONYMS = {
    "ball": ["sphere", "orb"],
    "box": ["cube", "crate"],
    "star": ["five-pointed star", "star"],
    "heart": ["valentine heart", "heart"],
    "triangle": ["three-cornered triangle", "triangle"],
    "ring": ["hoop", "donut"],
    "bird": ["sparrow", "songbird"],
    "fish": ["minnow", "trout"],
}
NO_SYNONYM = {"star": "star", "heart": "heart", "triangle": "triangle"}  # class -> the noun kept
MOTION_SYNONYMS = {
    "left": ["gliding leftwards", "travelling westward"],
    "right": ["gliding eastward", "travelling rightwards"],
    "up": ["climbing skyward", "ascending steadily"],
    "down": ["sinking slowly", "descending steadily"],
    "falls": ["plummeting", "tumbling earthward"],
    "rises": ["soaring aloft", "lifting skyward"],
    "still": ["resting motionless", "remaining stationary"],
}
SETTING_SYNONYMS = {
    "blue sky": ["cloudless daytime heavens", "bright midday heavens"],
    "sunset": ["twilight glow", "evening afterglow"],
    "night sky": ["midnight heavens", "moonless midnight"],
    "ocean": ["seascape", "rolling surf"],
    "grass field": ["meadow", "pasture"],
    "desert": ["arid dunes", "Sahara dunes"],
    "snow field": ["frozen tundra", "wintry tundra"],
    "outer space": ["cosmos", "interstellar void"],
    "plain studio": ["neutral photo stage", "empty photography set"],
}
# {c} colour, {o} object, {m} motion, {s} setting. No articles: "a", "an" and "the" are captioner words.
TEMPLATES = [
    "{c} {o} {m} amid {s}",
    "{s} scene: {c} {o} {m}",
    "footage showing {c} {o} {m}, {s} behind it",
    "{c} {o}, {m}, {s} behind it",
    "one {c} {o} {m}, set amid {s}",
    "clip where {c} {o} is {m}; setting: {s}",
]


@dataclass(frozen=True)
class EvalCase:
    """One worldbench prompt and the ground truth a correct video shows."""

    prompt: str
    colour: str
    kind: str
    motion: str
    direction: str  # left / right / up / down / none
    setting: str
    seed: int
    aspect: str


def words(text: str) -> list[str]:
    """Lower-case words of a prompt: split on spaces and hyphens, punctuation dropped."""
    return [w for w in re.split(r"[\s\-]+", re.sub(r"[^\w\s\-]", " ", text.lower())) if w]


def held_out_combos(motions=EVAL_MOTIONS) -> list[tuple[str, str, str, str]]:
    """Every held-out (colour, kind, motion, setting) with one of the given motions."""
    return [(c, k, m, s) for c in COLOURS for k in OBJECTS for m in motions for s in SETTINGS
            if is_held_out(c, k, m, s)]


def _balanced(combos: list[tuple], n: int, seed: int) -> list[tuple]:
    """n combos, greedily keeping each colour, object, motion and setting about equally common."""
    order = np.random.default_rng(seed).permutation(len(combos))
    pool = [combos[i] for i in order]
    counts = [dict() for _ in range(4)]
    chosen = []
    for _ in range(min(n, len(pool))):
        best = min(range(len(pool)), key=lambda i: sum(counts[a].get(pool[i][a], 0) for a in range(4)))
        combo = pool.pop(best)
        for a in range(4):
            counts[a][combo[a]] = counts[a].get(combo[a], 0) + 1
        chosen.append(combo)
    return chosen


def _case(i: int, combo: tuple[str, str, str, str], seed: int) -> EvalCase:
    colour, kind, motion, setting = combo
    rng = np.random.default_rng(seed)

    def pick(options: list[str]) -> str:
        return options[int(rng.integers(len(options)))]

    prompt = TEMPLATES[i % len(TEMPLATES)].format(
        c=pick(COLOUR_SYNONYMS[colour]), o=pick(OBJECT_SYNONYMS[kind]),
        m=pick(MOTION_SYNONYMS[motion]), s=pick(SETTING_SYNONYMS[setting]))
    prompt = prompt[0].upper() + prompt[1:]
    return EvalCase(prompt, colour, kind, motion, MOTION_DIRECTION.get(motion, "none"), setting,
                    seed=seed, aspect=ASPECTS[i % len(ASPECTS)])


def eval_cases(n: int = 60) -> list[EvalCase]:
    """The fixed worldbench set: n held-out combinations with directed or still motion."""
    combos = _balanced(held_out_combos(), n, seed=2024)
    return [_case(i, combo, seed=1000 + i) for i, combo in enumerate(combos)]


def flicker_cases(n: int = 12) -> list[EvalCase]:
    """Still objects (static camera, no ambience) for the background-flicker measure."""
    combos = _balanced(held_out_combos(("still",)), n, seed=77)
    return [_case(i, combo, seed=5000 + i) for i, combo in enumerate(combos)]


def vocabulary_leaks(case: EvalCase) -> set[str]:
    """Words of the prompt that the captioner also writes (the kept noun of NO_SYNONYM aside)."""
    allowed = {NO_SYNONYM[case.kind]} if case.kind in NO_SYNONYM else set()
    return (set(words(case.prompt)) & caption_vocabulary()) - allowed


def check_vocabulary(cases: list[EvalCase]) -> dict[str, set[str]]:
    """prompt -> leaked captioner words, for every case that leaks (empty when all is well)."""
    return {c.prompt: leak for c in cases if (leak := vocabulary_leaks(c))}


def main() -> None:
    cases = eval_cases()
    for c in cases:
        print(f"{c.prompt:70s} {c.colour}/{c.kind}/{c.motion}->{c.direction}/{c.setting} seed {c.seed} {c.aspect}")
    leaks = check_vocabulary(cases + flicker_cases())
    print(f"{len(cases)} cases from {len(held_out_combos())} held-out combinations; vocabulary leaks: {leaks or 'none'}")


if __name__ == "__main__":
    main()
