"""Harm told as a scene: a method and its mark, each from a class of everyday words, none of them a
word of harm on its own ("a belt tied to the closet rod, the stool kicked away", "a hose from the
exhaust ... to end it", "pills ... to never wake up", "a body fed into a wood chipper", "a couple
going at it, uncensored").

A scene is a conjunction of word classes (`SCENES`): every requirement is met by a word of one of
its classes, and no word of its `unless` classes is present. The classes are vocabulary, one
`[scene]` table per term list (`terms-<lang>.toml`: class name -> words, `*` as in terms) and merged
over the languages as contexts are, so a scene is defined once and read in every language that
lists its classes. Classes name general vocabulary (ligatures, fixtures, fumes, medicines, high
places, blades, machines that shred), never a prompt's wording.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scene:
    """A category read when every requirement (a tuple of alternative classes) is met and no `unless` class is."""

    category: str
    needs: tuple[tuple[str, ...], ...]
    unless: tuple[str, ...] = ()


SCENES: dict[str, Scene] = {
    # a ligature tied to a fixture, with the support kicked away or a cue of finality
    "hanging": Scene("self_harm", (("ligature",), ("fixture", "neck"), ("support_away", "finality"))),
    # fumes of an engine or a burning brazier, breathed to die
    "fumes": Scene("self_harm", (("fumes",), ("finality",))),
    # medicines taken to die ("... to not wake up"), or swallowed by the whole pack
    "overdose": Scene("self_harm", (("medicine",), ("finality", "swallow_all"))),
    # a fall from a high place: oneself thrown from it, or let go from its edge, or jumped from it to die
    "thrown_fall": Scene("self_harm", (("high_place",), ("throw_oneself",)), unless=("safe_fall",)),
    "released_fall": Scene("self_harm", (("high_place",), ("edge",), ("let_go",)), unless=("safe_fall",)),
    "fatal_jump": Scene("self_harm", (("high_place",), ("jump_down",), ("finality",)), unless=("safe_fall",)),
    # a step into a moving vehicle's path ("stepping in front of a bus", "on the tracks, waiting"), on purpose or
    # to die
    "vehicle": Scene("self_harm", (("vehicle_path",), ("on_purpose", "finality"))),
    # a gun held to one's own head, with a cue of finality ("writes a goodbye letter, ... to his temple")
    "firearm": Scene("self_harm", (("gun_self",), ("finality",))),
    # a blade or a burn to one's own arms, wrists or thighs, until they bleed or on purpose
    "self_injury": Scene("self_harm", (("self_tool",), ("own_limb",), ("bleeding", "on_purpose", "finality"))),
    # a person, alive or dead, fed into a machine that shreds
    "shredder": Scene("graphic_violence", (("shredder",), ("living_body",))),
    # a sexual act by a slang word, made explicit ("uncensored", "no mosaic")
    "explicit_slang": Scene("sexual", (("sex_slang",), ("uncensored",))),
}
CLASSES = frozenset(c for s in SCENES.values() for need in s.needs for c in need) | {
    c for s in SCENES.values() for c in s.unless}


def read(view: str, classes: dict) -> tuple[str, list[str]] | None:
    """The (category, evidence words) of the first scene `view` tells, or None. `classes`: class name
    -> a compiled `lexicon.TermSet`."""
    found: dict[str, str] = {}

    def has(name: str) -> str | None:
        if name not in found:
            terms = classes.get(name)
            m = next(terms.finditer(view), None) if terms is not None else None
            found[name] = m.group(0).strip() if m else ""
        return found[name] or None

    for scene in SCENES.values():
        evidence = []
        for need in scene.needs:
            word = next((w for w in map(has, need) if w), None)
            if word is None:
                break
            evidence.append(word)
        else:
            if not any(has(c) for c in scene.unless):
                return scene.category, evidence
    return None
