"""Harm words the prompt itself rules out: "a war film, no gore", "without nudity", "gore-free",
"sin sangre", "ohne Blut", "不要血腥", "流血なし".

A term occurrence is negated when a negator stands right before it ("no", "without", "sans") or right
after it ("gore-free", "グロなし", "流血シーンなし": the list names what may stand between, so "セックス修正なし",
uncensored, is not read as "no sex"), or when it follows a negated term across a conjunction only
("no blood or gore"). Negators and conjunctions are vocabulary, one `[negation]` table per term list
(`before`, `after`, `joins`), merged over the languages as contexts are.

A harm word that names a place of remembrance is read the same way ("the Genocide Memorial", "a torture
museum", "南京大屠杀纪念馆", "mémorial du génocide"): it is not shown there. Those words are the tables'
`names_before` and `names_after`.

Only the harm term itself is negated: a negator before some other word ("no blur", "no cutaways",
"nothing held back") negates nothing, and every other occurrence of the term still counts.
"""
from __future__ import annotations

import re

# scripts written without spaces (unlike `lexicon`'s set, not Arabic: its negators stand apart, "بدون ...")
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def _either(words: list[str], spaced: str, unspaced: str) -> re.Pattern | None:
    """One regex of `words`: those of spaced scripts in the `spaced` frame, the others in `unspaced` ({} = the words)."""
    frames = []
    for frame, group in ((spaced, [w for w in words if not _UNSPACED.search(w)]),
                         (unspaced, [w for w in words if _UNSPACED.search(w)])):
        if group:
            frames.append(frame.format("|".join(map(re.escape, sorted(set(group), key=len, reverse=True)))))
    return re.compile("|".join(frames)) if frames else None


class Negation:
    """Negators before and after a term, and the conjunctions that carry a negation on to the next term."""

    def __init__(self, before: list[str], after: list[str], joins: list[str], names_before: list[str],
                 names_after: list[str]):
        # matched on the text before a term, and on the text after it
        self._before = _either([*before, *names_before], r"(?:^| )(?:{}) $", r"(?:{}) ?$")
        self._after = _either([*after, *names_after], r"^ (?:{})(?= )", r"^ ?(?:{})")
        self._joins = frozenset(joins)

    def negated(self, view: str, matches: list[re.Match]) -> set[int]:
        """The indices of `matches` (term matches on `view`, in order) that the prompt rules out."""
        out: set[int] = set()
        last_end = None
        for i, m in enumerate(matches):
            before, after = view[: m.start()], view[m.end():]
            carried = last_end is not None and view[last_end: m.start()].strip() in self._joins
            if carried or (self._before and self._before.search(before)) or (self._after and self._after.search(after)):
                out.add(i)
                last_end = m.end()
        return out
