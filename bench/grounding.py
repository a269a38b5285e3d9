"""Grounding benchmark: does `ground` read paraphrases into the world's slots?

Text only, no video: runs in seconds. For each case of bench/data/grounding.jsonl (words the
captioner never writes; splits dev, heldout, heldout2-4, see bench/data/make_grounding.py) the
prompt is grounded with the MiniLM fallback for unknown nouns, and every slot is compared with
the expected one ("not said" must come out as not said). Printed per split: the accuracy of
each slot with its 95% Wilson interval, all ten slots at once (exact), and whether a notice was
given exactly when the prompt asks for something outside the world.

    python -m bench.grounding                 # the table
    python -m bench.grounding --errors dev    # also list the cases a split gets wrong
    python -m bench.grounding --json out.json
"""
from __future__ import annotations

import argparse
import json
import math
import time
from pathlib import Path

from vidloom.world.grounding import Grounding, ground
from vidloom.world.slots import SLOT_NAMES

DATA = Path(__file__).with_name("data") / "grounding.jsonl"
ANY = "*"  # an object outside the world: any nearest object is right


def load_cases(path: Path = DATA) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval of a proportion k/n."""
    if n == 0:
        return (float("nan"), float("nan"))
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (centre - half, centre + half)


def wrong_slots(case: dict, grounding: Grounding) -> list[str]:
    got = grounding.slots.as_dict()
    return [s for s in SLOT_NAMES if case["expect"][s] != ANY and got[s] != case["expect"][s]]


def score(cases: list[dict], nearest=None, nearest_setting=None, camera_noun=None) -> dict:
    """{split: {"n", slot: (right, counted), "exact": (right, n), "notice": (right, n), "errors": [...]}}."""
    out: dict[str, dict] = {}
    for case in cases:
        g = ground(case["prompt"], nearest, nearest_setting, camera_noun)
        row = out.setdefault(case["split"], {"n": 0, "errors": [], **{s: [0, 0] for s in (*SLOT_NAMES, "exact", "notice")}})
        row["n"] += 1
        wrong = wrong_slots(case, g)
        for s in SLOT_NAMES:
            if case["expect"][s] != ANY:
                row[s][1] += 1
                row[s][0] += s not in wrong
        row["exact"][1] += 1
        row["exact"][0] += not wrong
        row["notice"][1] += 1
        row["notice"][0] += bool(g.notices) == case["notice"]
        if wrong or bool(g.notices) != case["notice"]:
            row["errors"].append({"prompt": case["prompt"], "wrong": {s: (g.slots.as_dict()[s], case["expect"][s])
                                                                      for s in wrong},
                                  "notices": list(g.notices), "notice_expected": case["notice"]})
    return out


def _cell(k: int, n: int) -> str:
    lo, hi = wilson(k, n)
    return f"{100 * k / n:5.1f}% [{100 * lo:4.1f}, {100 * hi:5.1f}]" if n else "-"


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--errors", action="append", default=[], help="list the wrong cases of this split")
    parser.add_argument("--no-encoder", action="store_true", help="ground without the MiniLM fallbacks")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    cases = load_cases(args.data)
    nearest = nearest_setting = camera_noun = None
    if not args.no_encoder:
        from vidloom.model.text_encoder import TextEncoder
        from vidloom.world.object_words import NearestObject, NearestSetting

        encoder = TextEncoder()
        nearest, nearest_setting = NearestObject(encoder), NearestSetting(encoder)
        camera_noun = nearest.is_camera
    t0 = time.perf_counter()
    result = score(cases, nearest, nearest_setting, camera_noun)
    t1 = time.perf_counter()
    score(cases, nearest, nearest_setting, camera_noun)  # again: WordNet synsets and MiniLM answers are remembered per word
    cold, warm = ((b - a) * 1000 / max(1, len(cases)) for a, b in ((t0, t1), (t1, time.perf_counter())))
    splits = list(result)
    print(f"grounding benchmark: {len(cases)} cases; {cold:.2f} ms per prompt on first sight of its words, "
          f"{warm:.2f} ms once seen (encoder loaded)\n")
    print("| slot | " + " | ".join(f"{s} (n={result[s]['n']})" for s in splits) + " |")
    print("|---|" + "---|" * len(splits))
    for slot in (*SLOT_NAMES, "exact", "notice"):
        print(f"| {slot} | " + " | ".join(_cell(*result[s][slot]) for s in splits) + " |")
    for split in args.errors:
        print(f"\nerrors in {split}:")
        for e in result.get(split, {}).get("errors", []):
            print(f"  {e['prompt']!r}: {e['wrong']} notices={e['notices']} expected_notice={e['notice_expected']}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))
    return result


if __name__ == "__main__":
    main()
