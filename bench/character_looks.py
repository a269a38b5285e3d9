"""Character looks benchmark: does a character's colour, read from a clip, match the clip's subject?

Renders random scenes of the world (one object; any colour, object, motion and setting; 2 s at
224x128, 8 fps) with seeds apart from those the reading was developed on, reads each clip's colour
with vidloom.service.characters.dominant_colour, and prints the accuracy for moving and still
subjects, per setting and overall, with 95% Wilson intervals, and the milliseconds per clip.

    python -m bench.character_looks            # 300 clips
    python -m bench.character_looks --clips 60 --errors
"""
from __future__ import annotations

import argparse
import time
from collections import defaultdict

import numpy as np

from vidloom.service.characters import dominant_colour
from vidloom.world.render import render
from vidloom.world.scene import scene_for
from vidloom.world.vocab import COLOURS, MOTIONS, OBJECTS, SETTINGS

from .grounding import wilson

SEED = 2026  # the reading's thresholds were chosen on other seeds


def run(clips: int, seed: int = SEED) -> list[dict]:
    """One row per clip: what was drawn, what was read, and the reading's seconds."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(clips):
        colour, kind = str(rng.choice(list(COLOURS))), str(rng.choice(OBJECTS))
        motion, setting = str(rng.choice(MOTIONS)), str(rng.choice(SETTINGS))
        frames, _ = render(scene_for(colour, kind, motion, setting, seed=seed + i), 224, 128, 8, 2)
        start = time.perf_counter()
        read, _ = dominant_colour(frames)
        rows.append(dict(colour=colour, kind=kind, motion=motion, setting=setting, read=read,
                         seconds=time.perf_counter() - start))
    return rows


def table(rows: list[dict]) -> str:
    groups: dict[str, list[bool]] = defaultdict(list)
    for r in rows:
        right = r["read"] == r["colour"]
        groups["all"].append(right)
        groups["subject still" if r["motion"] == "still" else "subject moving"].append(right)
        groups[f"setting: {r['setting']}"].append(right)
    lines = ["| clips | n | colour right | 95% interval |", "|---|---|---|---|"]
    for name in ["all", "subject moving", "subject still", *sorted(k for k in groups if k.startswith("setting"))]:
        hits = groups[name]
        if not hits:
            continue
        low, high = wilson(sum(hits), len(hits))
        lines.append(f"| {name} | {len(hits)} | {sum(hits) / len(hits):.1%} | {low:.1%}-{high:.1%} |")
    ms = 1000 * float(np.median([r["seconds"] for r in rows]))
    lines.append(f"\nmedian {ms:.0f} ms to read a clip of 16 frames at 224x128")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clips", type=int, default=300)
    parser.add_argument("--errors", action="store_true", help="also list the clips read wrong")
    args = parser.parse_args(argv)
    rows = run(args.clips)
    print(table(rows))
    if args.errors:
        for r in rows:
            if r["read"] != r["colour"]:
                print(f"{r['colour']} {r['kind']} {r['motion']} in {r['setting']}: read {r['read']}")
    return rows


if __name__ == "__main__":
    main()
