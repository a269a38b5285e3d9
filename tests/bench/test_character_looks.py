"""bench.character_looks: each row is a clip's drawn colour and the colour read from its frames."""
from __future__ import annotations

from bench import character_looks
from vidloom.world.vocab import COLOURS


def test_rows_compare_the_drawn_colour_with_the_read_one(capsys):
    rows = character_looks.main(["--clips", "6", "--errors"])
    assert len(rows) == 6 and all(r["colour"] in COLOURS and (r["read"] is None or r["read"] in COLOURS) for r in rows)
    printed = capsys.readouterr().out
    right = sum(r["read"] == r["colour"] for r in rows)
    assert f"| all | 6 | {right / 6:.1%} |" in printed and "ms to read a clip" in printed
    assert printed.count(": read ") == 6 - right  # --errors lists exactly the clips read wrong
