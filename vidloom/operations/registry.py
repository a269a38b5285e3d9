"""The registry: every operation's named inputs, parameter model, engine needs and feature.

Torch-free and light to import: the API checks requests against it, the CLI, the Python API and
the worker run through it (vidloom.operations.produce). Features load only when an operation runs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

from ..errors import UserError
from ..spec import DEFAULT_FPS, DEFAULT_SECONDS, LONG_MAX_SECONDS, PRECHECK_MAX_SECONDS
from .params import (
    BlendParams,
    ExtendParams,
    GenerateParams,
    ImageToVideoParams,
    LongParams,
    LoopParams,
    Params,
    parse,
    RecutParams,
    RemixParams,
    StoryboardParams,
)


@dataclass(frozen=True)
class Slot:
    """A named input: an `image`, a `video`, or a `file` that is only recorded (a storyboard file)."""

    name: str
    kind: str
    required: bool = True
    role: str = ""  # how provenance lists it; default: the name

    @property
    def label(self) -> str:
        return self.role or self.name


@dataclass(frozen=True)
class Need:
    """A capability an engine must offer (any one of `capabilities`) to do `what`."""

    capabilities: tuple[str, ...]
    what: str


@dataclass(frozen=True)
class Operation:
    """One operation: inputs -> feature -> videos. `run(engine, spec, params, media, look, progress)`."""

    name: str
    description: str
    params: type[Params]
    slots: tuple[Slot, ...]
    needs: Callable[[Params, set[str]], list[Need]]
    run: Callable
    any_inputs: Slot | None = None  # storyboards name their card media freely
    uses_engine: bool = True
    follows_input: bool = True  # the aspect (and, without an engine, the frame rate) default to the first input's
    defaults: Callable | None = None  # (params, media) -> (prompt, seconds) read from the inputs
    check: Callable | None = None  # (params, media, max_seconds): UserError before any model loads
    provenance: Callable | None = None  # (params, media) -> fields to record besides the parameters
    longest: float | None = None  # the longest video it makes over many engine calls (None: one call's longest)

    def slot(self, name: str) -> Slot:
        """The slot an input name fills; UserError for a name this operation does not take."""
        for slot in self.slots:
            if slot.name == name:
                return slot
        if self.any_inputs is not None:
            return replace(self.any_inputs, name=name)
        raise UserError(
            f"{self.name} takes no input named {name!r}: it takes "
            f"{', '.join(s.name for s in self.slots) or 'no inputs'}",
            param=f"inputs.{name}",
        )

    def primary(self, kind: str) -> str:
        """The input an OpenAI-style `input_reference` of `kind` (image or video) fills."""
        for slot in self.slots:
            if slot.kind == kind:
                return slot.name
        raise UserError(f"{self.name} takes no {kind} as input_reference", param="input_reference")

    def check_inputs(self, names: set[str]) -> None:
        """UserError naming a required input that is missing."""
        for slot in self.slots:
            if slot.required and slot.name not in names:
                raise UserError(f"{self.name} needs the input {slot.name!r} ({slot.kind})", param=f"inputs.{slot.name}")
        for name in names:
            self.slot(name)

    def kinds(self, params: Params, names: set[str]) -> dict[str, str]:
        """What each input is read as (image, video or file): a storyboard's card media as its card names it."""
        cards = getattr(params, "cards", [])
        images, videos = {c.image for c in cards if c.image}, {c.video for c in cards if c.video}
        for n, card in enumerate(cards, start=1):
            for name in (card.image, card.video):
                if name and name not in names:
                    raise UserError(
                        f"card {n} names the input {name!r}, which the request does not have", param=f"cards.{n - 1}"
                    )
        kinds = {}
        for name in names:
            kind = self.slot(name).kind
            if kind == "media":
                if name in images and name in videos:
                    raise UserError(f"the input {name!r} is named as both an image and a video", param=f"inputs.{name}")
                kind = "image" if name in images else "video"
            kinds[name] = kind
        return kinds


# ---------------------------------------------------------------- what each operation runs


def _generate(engine, spec, p: GenerateParams, media, look, progress):
    from ..features import text_to_video
    from ..features.base import fit, frame_count, known, run

    if "video" not in media:
        return text_to_video(engine, spec, progress)
    clip = media["video"]
    kept = fit(engine, clip.frames, clip.fps, spec)[: frame_count(spec.seconds, spec.fps)]
    return run(engine, spec, (known(kept, 0, strength=p.keep),), progress)


def _image_to_video(engine, spec, p: ImageToVideoParams, media, look, progress):
    from ..features import image_to_video

    last = media["last_image"].frames if "last_image" in media else None
    return image_to_video(engine, media["image"].frames, spec, p.frame, progress, last=last)


def _remix(engine, spec, p: RemixParams, media, look, progress):
    from ..features import remix

    return remix(engine, media["source"].frames, media["source"].fps, spec, p.strength, progress)


def _blend(engine, spec, p: BlendParams, media, look, progress):
    from ..features import blend

    a, b = media["first"], media["second"]
    return blend(engine, a.frames, a.fps, b.frames, b.fps, spec, p.curve, progress)


def _loop(engine, spec, p: LoopParams, media, look, progress):
    from ..features import loop

    source = media.get("source")
    return loop(engine, spec, source and source.frames, source and source.fps, p.length, progress)


def _extend(engine, spec, p: ExtendParams, media, look, progress):
    from ..features import extend

    return extend(engine, media["source"].frames, media["source"].fps, spec, p.direction, progress)


def _long(engine, spec, p: LongParams, media, look, progress):
    from ..features.long_video import long_video

    return long_video(engine, spec, p.window, p.overlap, progress)


def _recut(engine, spec, p: RecutParams, media, look, progress):
    from ..features import trim
    from ..media import resample_fps

    source = media["source"]
    kept = trim(source.frames, source.fps, p.start, p.end)
    return [resample_fps(kept, source.fps, spec.fps) if source.fps != spec.fps else kept]


def _storyboard(engine, spec, p: StoryboardParams, media, look, progress):
    from ..features import storyboard

    styled = [replace(c, prompt=look.style(c.prompt)) for c in cards(p, media)]  # each card in the preset's style
    return storyboard(engine, styled, spec, progress)


# ---------------------------------------------------------------- defaults and checks read from the inputs


def _prompt_of(media, name: str, fallback: str | None) -> str | None:
    """The prompt a vidloom video was made from (its provenance), for operations that take none."""
    m = media.get(name)
    return str((m.metadata if m else {}).get("prompt") or fallback) if (m or fallback) else None


def _length(m) -> float:
    return len(m.frames) / m.fps


def _generate_check(p: GenerateParams, media, max_seconds: float) -> None:
    seconds = p.seconds if p.seconds is not None else DEFAULT_SECONDS
    if "video" in media and _length(media["video"]) < seconds - 0.5 / media["video"].fps:
        clip = media["video"]
        raise UserError(f"{clip.name} lasts {_length(clip):g} s: ask for at most that duration", param="seconds")


def _remix_defaults(p: RemixParams, media):
    given = p.seconds if p.seconds is not None else PRECHECK_MAX_SECONDS
    return p.prompt, max(min(_length(media["source"]), given, PRECHECK_MAX_SECONDS), 0.5)


def _blend_defaults(p: BlendParams, media):
    prompt = p.prompt or (
        f"{_prompt_of(media, 'first', 'the first scene')}, turning into "
        f"{_prompt_of(media, 'second', 'the second scene')}"
    )
    return prompt, p.seconds


def _loop_defaults(p: LoopParams, media):
    from ..features.loop import loop_seconds

    prompt = p.prompt or _prompt_of(media, "source", "the same scene, moving on" if "source" in media else None)
    if not prompt:
        raise UserError("a loop needs a video or a prompt", param="prompt")
    return prompt, loop_seconds(p.length)


def _extend_defaults(p: ExtendParams, media):
    return p.prompt, p.seconds if p.seconds is not None else 2.0


def _long_defaults(p: LongParams, media):
    from ..features.long_video import DEFAULT_SECONDS

    return p.prompt, p.seconds if p.seconds is not None else DEFAULT_SECONDS


def _long_check(p: LongParams, media, max_seconds: float) -> None:
    """The windows against the engine's longest call (`max_seconds`), before any model loads."""
    from ..features.long_video import plan

    plan(_long_defaults(p, media)[1], p.fps or DEFAULT_FPS, p.window, p.overlap, max_seconds)


def _recut_defaults(p: RecutParams, media):
    from ..features import trim

    source = media["source"]
    kept = trim(source.frames, source.fps, p.start, p.end)  # UserError for a range outside the clip
    return p.prompt or _prompt_of(media, "source", ""), len(kept) / source.fps


def _recut_provenance(p: RecutParams, media) -> dict:
    source = media["source"]
    return {
        "end": _length(source) if p.end is None else p.end,
        "engine": source.metadata.get("engine"),
        "engine_version": source.metadata.get("engine_version"),
        "seed": source.metadata.get("seed"),
    }


def cards(p: StoryboardParams, media=None) -> list:
    """The storyboard's cards as the feature takes them (with their media, when read)."""
    from ..features import Card

    media = media or {}

    def frames(name):
        return media[name].frames if name in media else None

    return [
        Card(
            c.prompt,
            c.start,
            c.seconds,
            image=frames(c.image),
            video=frames(c.video),
            video_fps=media[c.video].fps if c.video in media else None,
            cut=c.cut,
        )
        for c in p.cards
    ]


def _storyboard_check(p: StoryboardParams, media, max_seconds: float) -> None:
    from ..features.storyboard import check_cards

    try:
        check_cards(cards(p, media), max_seconds)
    except UserError as e:
        raise UserError(str(e), param="cards") from None


def _storyboard_defaults(p: StoryboardParams, media):
    if not p.cards:
        raise UserError("the storyboard has no cards: add at least one", param="cards")
    first = min(p.cards, key=lambda c: c.start)
    return first.prompt, max(c.start + c.seconds for c in p.cards)


# ---------------------------------------------------------------- what each operation needs of an engine

T2V = Need(("text_to_video",), "make a video from text")
FRAMES = Need(("conditioning_frames",), "keep known frames")


def _generate_needs(p: GenerateParams, names: set[str]) -> list[Need]:
    if "video" not in names:
        return [T2V]
    return [
        Need(("video_to_video",) if p.keep < 1 else ("conditioning_frames", "video_to_video"), "re-imagine a video")
    ]


def _image_to_video_needs(p: ImageToVideoParams, names: set[str]) -> list[Need]:
    first = ("first_frame", "conditioning_frames") if p.frame == 0 else ("conditioning_frames",)
    needs = [Need(first, "start from an image" if p.frame == 0 else "put an image on any frame")]
    if "last_image" in names:
        needs.append(Need(("last_frame", "conditioning_frames"), "end on an image"))
    elif p.frame == 0:  # a first-last-frame model takes its images only as a pair
        needs.append(Need(("first_frame_alone", "conditioning_frames"), "start from an image with no last image"))
    return needs


def _storyboard_needs(p: StoryboardParams, names: set[str]) -> list[Need]:
    return [T2V] + ([FRAMES] if names or len(p.cards) > 1 else [])


OPERATIONS: dict[str, Operation] = {
    op.name: op
    for op in (
        Operation(
            "generate",
            "a video from a prompt, or a clip re-imagined keeping `keep` of it",
            GenerateParams,
            (Slot("video", "video", False),),
            _generate_needs,
            _generate,
            check=_generate_check,
            follows_input=False,
        ),
        Operation(
            "image_to_video",
            "an image becomes a frame of the video and the scene moves",
            ImageToVideoParams,
            (Slot("image", "image"), Slot("last_image", "image", False)),
            _image_to_video_needs,
            _image_to_video,
        ),
        Operation(
            "remix",
            "re-imagine a video with a new prompt",
            RemixParams,
            (Slot("source", "video"),),
            lambda p, n: [Need(("video_to_video",), "re-imagine a video")],
            _remix,
            defaults=_remix_defaults,
        ),
        Operation(
            "blend",
            "start as the first video, end as the second",
            BlendParams,
            (Slot("first", "video"), Slot("second", "video")),
            lambda p, n: [FRAMES],
            _blend,
            defaults=_blend_defaults,
        ),
        Operation(
            "loop",
            "a seamless loop of a video or a prompt",
            LoopParams,
            (Slot("source", "video", False),),
            lambda p, n: [FRAMES] + ([] if "source" in n else [T2V]),
            _loop,
            defaults=_loop_defaults,
        ),
        Operation(
            "storyboard",
            "one continuous video from a timeline of cards",
            StoryboardParams,
            (Slot("storyboard", "file", False),),
            _storyboard_needs,
            _storyboard,
            any_inputs=Slot("*", "media", True, "card media"),
            defaults=_storyboard_defaults,
            follows_input=False,
            check=_storyboard_check,
        ),
        Operation(
            "extend",
            "new footage after (or before) a video",
            ExtendParams,
            (Slot("source", "video"),),
            lambda p, n: [FRAMES],
            _extend,
            defaults=_extend_defaults,
        ),
        Operation(
            "long",
            "a video of any length, in windows that carry their last frames forward",
            LongParams,
            (),
            lambda p, n: [FRAMES, T2V],
            _long,
            defaults=_long_defaults,
            check=_long_check,
            longest=LONG_MAX_SECONDS,
        ),
        Operation(
            "recut",
            "keep part of a video",
            RecutParams,
            (Slot("source", "video"),),
            lambda p, n: [],
            _recut,
            uses_engine=False,
            defaults=_recut_defaults,
            provenance=_recut_provenance,
        ),
    )
}


def get_operation(name: str) -> Operation:
    """An operation by name; UserError listing the choices otherwise."""
    if name not in OPERATIONS:
        raise UserError(f"unknown operation {name!r}: choose one of {', '.join(OPERATIONS)}", param="operation")
    return OPERATIONS[name]


def check_engine(op: Operation, params: Params, names: set[str], capabilities, engine: str) -> None:
    """UserError naming the capability `engine` lacks for this request (checked at submit and before running)."""
    for need in op.needs(params, names) if op.uses_engine else ():
        if not any(getattr(capabilities, c, False) for c in need.capabilities):
            wanted = need.capabilities[0]
            raise UserError(
                f"{op.name} needs an engine with {wanted.replace('_', ' ')} ({wanted}) to {need.what}, "
                f"and {engine} does not offer it: choose another model",
                param="model",
            )
    if params.aspect is not None and op.uses_engine and params.aspect not in capabilities.sizes:
        raise UserError(f"{engine} makes {', '.join(capabilities.sizes)} videos, not {params.aspect}", param="aspect")


def check_request(name: str, values: dict, inputs: dict[str, str], capabilities, engine: str) -> Params:
    """A request checked without reading its inputs, against the engine that will run it (the API's check
    at submit): parameters, input names and kinds (image or video), and the capabilities it needs.
    UserError naming the parameter otherwise."""
    op = get_operation(name)
    params = parse(op.params, values)
    op.check_inputs(set(inputs))
    for input_name, kind in op.kinds(params, set(inputs)).items():
        if kind in ("image", "video") and inputs[input_name] != kind:
            raise UserError(
                f"the input {input_name!r} must be {'an image' if kind == 'image' else 'a video'}",
                param=f"inputs.{input_name}",
            )
    check_engine(op, params, set(inputs), capabilities, engine)
    if op.check is not None:
        op.check(params, {}, capabilities.max_seconds)
    return params
