"""Operations over files, for the CLI and the Python API: inputs are paths, results are MP4s with a thumbnail.

Every function checks the whole request (parameters, inputs, output paths) before any model
loads, raises UserError with one clear sentence when something is wrong, and returns the
written MP4 paths (one per variation). No partial file is ever left at an output path.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

from ..errors import UserError
from ..spec import DEFAULT_ENGINE, PRECHECK_MAX_SECONDS, Progress
from .produce import Source, check_engine_facts, prepare, render

if TYPE_CHECKING:
    from ..engines.base import Engine

PathLike = str | os.PathLike


def run(
    operation: str,
    *,
    output: PathLike = "out.mp4",
    inputs: Mapping[str, Source] | None = None,
    engine: "str | Engine" = DEFAULT_ENGINE,
    progress: Progress | None = None,
    **params,
) -> list[Path]:
    """Run a registered operation (vidloom.operations.OPERATIONS) and write its videos at `output`."""
    limit = PRECHECK_MAX_SECONDS if isinstance(engine, str) else engine.capabilities.max_seconds
    prepared = prepare(operation, params, inputs, limit)
    moderate(params)
    videos, thumbnails = check_outputs(output, prepared.spec.variations)
    if isinstance(engine, str):  # a loaded engine is checked by render, at no cost
        check_engine_facts(prepared, engine)
    frames, metadata = render(prepared, engine, progress)
    return write_videos(frames, videos, thumbnails, prepared.spec.fps, metadata)


def moderate(params: Mapping) -> None:
    """UserError naming the category when a text that would reach the engine (the prompt, a storyboard
    card's prompt, a character's name) is refused by the install's moderation chain: local runs are held
    to the same policy as the service (the worker checks its jobs itself, so this runs once per video)."""
    from ..safety import CATEGORIES, check_prompts

    blocked = check_prompts(str(params.get("prompt") or ""), params)
    if blocked:
        field, found = blocked
        if found.category == "unavailable":  # a configured classifier did not answer: refused, not skipped
            raise UserError(f"{field}: {found.message}", param=field)
        raise UserError(
            f"the {field} was refused by moderation: {CATEGORIES[found.category]} (category {found.category})",
            param=field,
        )


# ---------------------------------------------------------------- the Python API, one function per operation


def generate(
    prompt: str,
    *,
    image: Source | None = None,
    last_image: Source | None = None,
    video: Source | None = None,
    **options,
) -> list[Path]:
    """Generate a video from a prompt and write it as an MP4 (plus a JPEG thumbnail beside it).

    Returns the MP4 paths, one per variation: `output`, then out-2.mp4, out-3.mp4 ...
    Each MP4 carries its provenance (prompt, seed, engine ...) in its metadata, which
    vidloom.media.read_metadata() returns. `image` becomes the first frame and `last_image`
    the last (the image_to_video operation); `video` is re-imagined keeping `keep` (0 to 1)
    of it; each is a path or frames. Options: seed, aspect, seconds, fps, steps, guidance,
    variations, negative_prompt, preset (vidloom.features.PRESETS), output, engine,
    progress(done, total).
    """
    if not isinstance(prompt, str):
        raise UserError(f"the prompt must be text, not {type(prompt).__name__}", param="prompt")
    if image is not None or last_image is not None:
        if video is not None:
            raise UserError("give images (image-to-video) or a video to re-imagine, not both", param="video")
        images = {"image": image, "last_image": last_image}
        return run(
            "image_to_video", prompt=prompt, inputs={k: v for k, v in images.items() if v is not None}, **options
        )
    return run("generate", prompt=prompt, inputs={"video": video} if video is not None else {}, **options)


def animate(image: Source, prompt: str, *, frame: int = 0, **options) -> list[Path]:
    """Image-to-video: the image (PNG/JPEG/WebP, any size) becomes frame `frame` and the scene moves.
    The aspect ratio defaults to the one nearest the image's. Options: those of generate."""
    return run("image_to_video", prompt=prompt, frame=frame, inputs={"image": image}, **options)


def remix(video: Source, prompt: str, *, strength: str | float = "mild", **options) -> list[Path]:
    """Re-imagine a video with a new prompt; strength (how far to depart): subtle | mild | strong | (0, 1]."""
    return run("remix", prompt=prompt, strength=strength, inputs={"source": video}, **options)


def blend(
    first: Source, second: Source, prompt: str | None = None, *, curve: str = "ease-in-out", **options
) -> list[Path]:
    """One video that starts as `first` and ends as `second`, with a generated transition along `curve`."""
    return run("blend", prompt=prompt or "", curve=curve, inputs={"first": first, "second": second}, **options)


def loop(source: Source | None = None, prompt: str | None = None, *, length: str = "normal", **options) -> list[Path]:
    """A seamless loop of a video file, or of a new clip of `prompt` when no file is given."""
    return run(
        "loop", prompt=prompt or "", length=length, inputs={"source": source} if source is not None else {}, **options
    )


def extend(video: Source, prompt: str, *, direction: str = "forward", seconds: float = 2.0, **options) -> list[Path]:
    """The video plus `seconds` of new footage of `prompt` after it (forward) or before it (backward)."""
    return run("extend", prompt=prompt, direction=direction, seconds=seconds, inputs={"source": video}, **options)


def long(
    prompt: str, *, seconds: float = 30.0, window: float | None = None, overlap: float = 1.0, **options
) -> list[Path]:
    """`seconds` of video (to 600 s, beyond the engine's own length) in windows of `window` seconds (default:
    the engine's longest) that carry their last `overlap` seconds forward. Options: those of generate."""
    return run("long", prompt=prompt, seconds=seconds, window=window, overlap=overlap, **options)


def recut(video: Source, *, start: float = 0.0, end: float | None = None, output: PathLike = "out.mp4") -> list[Path]:
    """Keep the part of a video from `start` to `end` seconds (no model involved)."""
    return run("recut", start=start, end=end, inputs={"source": video}, output=output)


def storyboard(file: PathLike, **options) -> list[Path]:
    """One continuous video from a JSON or YAML storyboard (see the README's Storyboards section)."""
    values, inputs = read_storyboard(Path(file))
    values.update({k: v for k, v in options.items() if v is not None})  # the file's aspect, unless given
    return run("storyboard", inputs=inputs, **values)


MAX_BOARD_BYTES = 1 << 20
MAX_YAML_NODES = 100_000  # after aliases are expanded: a board of hundreds of cards needs a few thousand


def _safe_yaml(text: str):
    """yaml.safe_load, refusing a document whose aliases expand past MAX_YAML_NODES (a "billion laughs" bomb
    of a few hundred bytes expands to gigabytes) or refer to themselves."""
    import yaml

    root = yaml.compose(text, Loader=yaml.SafeLoader)
    sizes: dict[int, int] = {}
    opened: set[int] = set()

    def expanded(node) -> int:  # nodes in the document once every alias is replaced by its target
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in opened:
            raise UserError("the storyboard's YAML refers to itself through an alias")
        opened.add(key)
        if isinstance(node, yaml.SequenceNode):
            children = node.value
        elif isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        else:
            children = []
        total = 1
        for child in children:
            total += expanded(child)
            if total > MAX_YAML_NODES:
                raise UserError(
                    f"the storyboard's YAML expands to more than {MAX_YAML_NODES} values (aliases repeated too often)"
                )
        sizes[key] = total
        return total

    if root is not None:
        expanded(root)
    return yaml.safe_load(text)


def read_storyboard(path: Path) -> tuple[dict, dict[str, Path]]:
    """A storyboard file as the operation's parameters (cards, aspect ...) and named inputs: the file
    itself and the media its cards name (relative to the file), as card1-image, card2-video ..."""
    if not path.is_file():
        raise UserError(f"no storyboard file at {path}")
    try:
        if path.stat().st_size > MAX_BOARD_BYTES:
            raise UserError(f"the storyboard {path.name} is larger than {MAX_BOARD_BYTES // 1024} KB")
        text = path.read_text()
    except (OSError, UnicodeDecodeError) as e:
        raise UserError(f"cannot read the storyboard {path.name} ({e.__class__.__name__})") from None
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else _safe_yaml(text)
    except UserError:
        raise
    except RecursionError:
        raise UserError(f"{path.name} is nested too deeply") from None
    except ValueError as e:
        raise UserError(f"{path.name} is not valid JSON: {e}") from None
    except Exception as e:  # noqa: BLE001 - yaml.YAMLError
        raise UserError(f"{path.name} is not valid YAML: {' '.join(str(e).split())}") from None
    if isinstance(data, list):
        data = {"cards": data}
    if not isinstance(data, dict) or not isinstance(data.get("cards"), list):
        raise UserError(f"{path.name} must hold a list of cards, or a mapping with a 'cards' list")
    cards, inputs = [], {"storyboard": path}
    for n, raw in enumerate(data["cards"], start=1):
        if not isinstance(raw, dict):
            raise UserError(f"card {n} must be a mapping with prompt, start and seconds")
        unknown = set(raw) - {"prompt", "start", "seconds", "duration", "image", "video", "cut"}
        if unknown:
            raise UserError(f"card {n} has unknown fields: {', '.join(sorted(unknown))}")
        try:
            card = {
                "prompt": str(raw.get("prompt") or ""),
                "start": float(raw.get("start", 0.0)),
                "seconds": float(raw.get("seconds", raw.get("duration", 4.0))),
                "cut": bool(raw.get("cut")),
            }
        except (TypeError, ValueError):
            raise UserError(f"card {n}'s start and seconds must be numbers") from None
        for kind in ("image", "video"):
            if raw.get(kind):
                card[kind] = f"card{n}-{kind}"
                inputs[card[kind]] = path.parent / str(raw[kind])
        cards.append(card)
    values = {k: v for k, v in data.items() if k != "cards"}
    return {**values, "cards": cards}, inputs


# ---------------------------------------------------------------- output files


def output_paths(output: PathLike, variations: int) -> tuple[Path, ...]:
    """out.mp4 for the first variation, out-2.mp4, out-3.mp4 ... for the others."""
    out = Path(output)
    return (out,) + tuple(out.with_name(f"{out.stem}-{k}{out.suffix}") for k in range(2, variations + 1))


def check_outputs(output: PathLike, variations: int = 1) -> tuple[tuple[Path, ...], tuple[Path, ...]]:
    """(MP4 paths, thumbnail paths) for `output`; raise UserError unless every one can be written."""
    if Path(output).is_dir():
        _check_writable(Path(output))  # says it is a folder
    if Path(output).suffix.lower() != ".mp4":
        raise UserError(f"the output {output} must be an .mp4 file name, such as out.mp4", param="output")
    videos = output_paths(output, variations)
    thumbnails = tuple(v.with_suffix(".jpg") for v in videos)
    for path in videos + thumbnails:
        _check_writable(path)
    return videos, thumbnails


def _check_writable(path: Path) -> None:
    """Raise UserError unless a file can be written at `path` (probing with a temporary file)."""
    if path.is_dir():
        raise UserError(f"the output path {path} is a folder: give a file name such as {path / 'out.mp4'}")
    parent = path.parent
    if not parent.exists():
        raise UserError(f"the folder {parent} does not exist: create it or choose another output path")
    if not parent.is_dir():
        raise UserError(f"{parent} is not a folder: choose another output path")
    probe = parent / f".{path.name}.{secrets.token_hex(4)}.probe"
    try:
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        os.unlink(probe)
    except OSError as e:
        reason = (e.strerror or "not writable").lower()
        raise UserError(f"cannot write to the folder {parent} ({reason}): choose another output path") from None


def write_videos(
    frames: list, videos: tuple[Path, ...], thumbnails: tuple[Path, ...], fps: int, metadata: dict
) -> list[Path]:
    """Write one MP4 (with `metadata` plus its variation number and size) and one JPEG per video.

    All or nothing: on failure every file this call wrote is removed.
    """
    from ..media import save_thumbnail, write_mp4

    written: list[Path] = []
    try:
        for k, (clip, video_path, thumb_path) in enumerate(zip(frames, videos, thumbnails), start=1):
            meta = dict(
                metadata, variation=k, width=int(clip.shape[2]), height=int(clip.shape[1]), frames=int(clip.shape[0])
            )
            written.append(write_mp4(clip, video_path, fps, meta))
            written.append(save_thumbnail(clip[len(clip) // 2], thumb_path))
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return list(videos)
