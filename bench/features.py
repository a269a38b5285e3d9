"""Time of each creative-suite operation for a 4 s clip, and the figure each issue-3 bar is judged on.

Every operation runs in process on the shipped vidloom-mini at its default sampler steps, on a
rendered world clip (a red ball moving right over grass) or a prompt, after one warm-up call. The
long row makes 5 s in three 2 s windows carrying 0.5 s, its two seams measured as extend's joins.
The storyboard rows run boards of two 3 s cards and ask the worldbench detector whether each scene,
outside the 2 s transition between them, shows its card's colour, object and setting.

    python -m bench.features              # the table
    python -m bench.features --boards 8   # more storyboards for the detector agreement
"""
from __future__ import annotations

import argparse
import time
from dataclasses import replace

import numpy as np

from vidloom.engines import get_engine
from vidloom.features import (Card, blend, extend, get_preset, image_to_video, loop, remix, storyboard,
                              text_to_video, trim)
from vidloom.features.blend import curve_weights
from vidloom.features.long_video import long_video, seams
from vidloom.features.loop import seam_ratio
from vidloom.media.metrics import frame_steps, psnr
from vidloom.spec import VideoSpec
from vidloom.world import render, scene_for

from .detector import describe_clip

BOARD_SCENES = [  # (colour, object, setting) per card; motions follow the prompt
    (("red", "ball", "grass field"), ("blue", "box", "desert")),
    (("yellow", "star", "blue sky"), ("green", "fish", "ocean")),
    (("white", "bird", "sunset"), ("orange", "heart", "snow field")),
    (("purple", "ring", "night sky"), ("pink", "triangle", "plain studio")),
]
SETTING_WORDS = {"grass field": "over a grass field", "desert": "in the desert", "blue sky": "in the blue sky",
                 "ocean": "in the ocean", "sunset": "at sunset", "snow field": "over a snow field",
                 "night sky": "in the night sky", "plain studio": "in a plain studio"}




def timed(fn):
    start = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - start


def storyboard_agreement(engine, spec, boards: int) -> tuple[float, dict, float]:
    hits = {"colour": 0, "kind": 0, "setting": 0, "all three": 0}
    n, spent = 0, 0.0
    for b in range(boards):
        scenes = BOARD_SCENES[b % len(BOARD_SCENES)]
        cards = [Card(f"a {c} {o} moves right {SETTING_WORDS[s]}", 3.0 * i, 3.0) for i, (c, o, s) in enumerate(scenes)]
        (video,), t = timed(lambda: storyboard(engine, cards, replace(spec, seed=b)))
        spent += t
        for i, (c, o, s) in enumerate(scenes):
            seen = describe_clip(video[:16] if i == 0 else video[32:])  # each scene outside the transition
            ok = {"colour": seen["colour"] == c, "kind": seen["kind"] == o, "setting": seen["setting"] == s}
            for k, v in ok.items():
                hits[k] += v
            hits["all three"] += all(ok.values())
            n += 1
    return spent / boards, {k: v / n for k, v in hits.items()}, n


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--boards", type=int, default=4)
    args = ap.parse_args(argv)
    engine = get_engine("vidloom-mini")
    src, truth = render(scene_for("red", "ball", "right", "grass field", seed=3), 224, 128, fps=8, seconds=4)
    star, _ = render(scene_for("yellow", "star", "left", "desert", seed=4), 224, 128, fps=8, seconds=4)
    spec = VideoSpec("a red ball moves right over a grass field", seconds=4, seed=1)
    text_to_video(engine, replace(spec, seconds=1))  # warm-up
    rows = []

    (v,), t = timed(lambda: text_to_video(engine, spec))
    rows.append(("text-to-video", t, "-", "-"))
    (v,), t = timed(lambda: image_to_video(engine, src[0], spec))
    rows.append(("image-to-video", t, "frame-0 PSNR / mean motion", f"{psnr(v[0], src[0]):.1f} dB / {frame_steps(v).mean():.2f}"))
    blue = replace(spec, prompt="a blue ball moves right over a grass field")
    dist = []
    for name in ("subtle", "mild", "strong"):
        (v,), t = timed(lambda: remix(engine, src, 8, blue, name))
        seen = describe_clip(v)
        track = np.linalg.norm((seen["centres"] - describe_clip(src)["centres"]) * [224, 128], axis=-1).mean()
        dist.append(np.abs(v.astype(np.float32) - src).mean())
        rows.append((f"remix {name}", t, "distance / colour seen / track shift",
                     f"{dist[-1]:.1f} / {seen['colour']} / {track:.1f} px"))
    (v,), t = timed(lambda: blend(engine, src, 8, star, 8, replace(spec, prompt="a red ball over grass turning "
                                                                            "into a yellow star in the desert")))
    w = curve_weights("ease-in-out", 32, 8, 8)[:, None, None, None]
    away = np.abs(v[8:24].astype(np.float32) - (src * (1 - w) + star * w)[8:24]).mean()
    rows.append(("blend", t, "first / last PSNR, off crossfade", f"{psnr(v[0], src[0]):.1f} / {psnr(v[-1], star[-1]):.1f} dB, {away:.1f}"))
    for name, source in (("loop (prompt)", None), ("loop (clip)", src)):
        (v,), t = timed(lambda: loop(engine, spec, source, 8 if source is not None else None, "normal"))
        seam = np.abs(v[0].astype(np.float32) - v[-1]).mean()
        rows.append((name, t, "seam / median, seam / max step", f"{seam_ratio(v):.2f}, {seam / frame_steps(v).max():.2f}"))
    for direction, window in (("forward", slice(23, 34)), ("backward", slice(30, 41))):  # feather + join
        (v,), t = timed(lambda: extend(engine, src, 8, spec, direction))
        s = frame_steps(v)
        rows.append((f"extend {direction} 4 s", t, "max join step / median", f"{s[window].max() / np.median(s):.2f}"))
    (v,), t = timed(lambda: long_video(engine, replace(spec, seconds=5), window=2, overlap=0.5))
    rows.append(("long 5 s (3 windows of 2 s, 0.5 s carried)", t, "max join step / median",
                 ", ".join(f"{r:.2f}" for r in seams(v, 16, 4))))
    per_board, agree, n = storyboard_agreement(engine, spec, args.boards)
    rows.append(("storyboard 2x3 s", per_board, f"detector agrees ({n} segments)",
                 ", ".join(f"{k} {v:.0%}" for k, v in agree.items())))
    _, t = timed(lambda: trim(src, 8, 1.0, 3.0))
    rows.append(("recut (trim)", t, "-", "-"))
    for name in ("archival", "film-noir", "stop-motion"):
        _, t = timed(lambda: get_preset(name).apply(src))
        rows.append((f"grade {name}", t, "-", "-"))

    print("| operation (4 s clip, 224x128, 8 fps) | seconds | bar figure | value |")
    print("|---|---|---|---|")
    for name, t, what, value in rows:
        print(f"| {name} | {t:.2f} | {what} | {value} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
