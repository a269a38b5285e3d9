"""OpenAI's Videos API contract, as tables: which parameters, types and values each model name takes.

Under sora-* names (and their dated snapshots) a request must be one OpenAI would accept:
seconds "4" / "8" / "12" as strings, the model's sizes, no parameters OpenAI does not know.
Under vidloom's own model names the wider ranges and extras (seed, native sizes, any whole
second) stay open. Every refusal is an OpenAI-style error naming the parameter, with OpenAI's code.
"""
from __future__ import annotations

from .errors import APIError
from .schemas import MAX_PROMPT

# model name -> the OpenAI model it is (dated snapshots behave as their model)
SORA_MODELS = {"sora-2": "sora-2", "sora-2-pro": "sora-2-pro", "sora-2-2025-10-06": "sora-2",
               "sora-2-pro-2025-10-06": "sora-2-pro", "sora-2-2025-12-08": "sora-2"}
SORA_SIZES = {"sora-2": ("720x1280", "1280x720"),
              "sora-2-pro": ("720x1280", "1280x720", "1024x1792", "1792x1024")}
SECONDS = ("4", "8", "12")
EXTENSION_SECONDS = ("4", "8", "12", "16", "20")
DEFAULT_MODEL = "sora-2"

CREATE_PARAMS = ("prompt", "model", "seconds", "size", "input_reference")
VIDLOOM_CREATE_EXTRAS = ("seed",)  # only under vidloom model names
REMIX_PARAMS = ("prompt",)
VIDLOOM_REMIX_EXTRAS = ("strength",)
EDIT_PARAMS = ("prompt", "video")
EXTEND_PARAMS = ("prompt", "seconds", "video")

TYPE_NAMES = {str: "a string", int: "an integer", float: "a number", bool: "a boolean", list: "an array",
              dict: "an object", type(None): "null"}


def is_sora(model: object) -> bool:
    return isinstance(model, str) and model in SORA_MODELS


def _one_of(values: tuple[str, ...]) -> str:
    quoted = [f"'{v}'" for v in values]
    return ", ".join(quoted[:-1]) + f" or {quoted[-1]}" if len(quoted) > 1 else quoted[0]


def _unknown(raw: dict, allowed: tuple[str, ...]) -> None:
    for name in raw:
        if name not in allowed:
            raise APIError(400, f"Unknown parameter: '{name}'.", "unknown_parameter", name)


def _string(raw: dict, name: str) -> str | None:
    value = raw.get(name)
    if value is not None and not isinstance(value, str):
        raise APIError(400, f"Invalid type for '{name}': expected a string, but got "
                            f"{TYPE_NAMES.get(type(value), type(value).__name__)} instead.", "invalid_type", name)
    return value


def _choice(raw: dict, name: str, values: tuple[str, ...], model: str) -> None:
    value = _string(raw, name)
    if value is not None and value not in values:
        raise APIError(400, f"Invalid value for '{name}': '{value}'. Supported values for {model} are: {_one_of(values)}.",
                       "invalid_value", name)


def _prompt(raw: dict) -> None:
    prompt = _string(raw, "prompt")
    if prompt is None:
        raise APIError(400, "Missing required parameter: 'prompt'.", "missing_required_parameter", "prompt")
    if len(prompt) > MAX_PROMPT:
        raise APIError(400, f"Invalid 'prompt': string too long. Expected a string with maximum length {MAX_PROMPT}, "
                            f"but got a string with length {len(prompt)} instead.", "string_above_max_length", "prompt")
    if not prompt.strip():
        raise APIError(400, "Invalid 'prompt': empty string. Expected a string with minimum length 1.",
                       "empty_string", "prompt")


def check_create(raw: dict) -> None:
    """POST /v1/videos fields (input_reference aside) against the contract of the named model."""
    model = _string(raw, "model") or DEFAULT_MODEL
    sora = SORA_MODELS.get(model)
    _unknown(raw, CREATE_PARAMS if sora else CREATE_PARAMS + VIDLOOM_CREATE_EXTRAS)
    _prompt(raw)
    if sora:
        _choice(raw, "seconds", SECONDS, model)
        _choice(raw, "size", SORA_SIZES[sora], model)


def check_remix(raw: dict, model: str) -> None:
    """POST /v1/videos/{id}/remix fields; `model` is the source video's."""
    _unknown(raw, REMIX_PARAMS if is_sora(model) else REMIX_PARAMS + VIDLOOM_REMIX_EXTRAS)
    _prompt(raw)



def check_edit(raw: dict) -> None:
    """POST /v1/videos/edits fields (the video reference aside)."""
    _unknown(raw, EDIT_PARAMS)
    _prompt(raw)


def check_extend(raw: dict) -> None:
    """POST /v1/videos/extensions fields (the video reference aside): seconds is required, 4 to 20."""
    _unknown(raw, EXTEND_PARAMS)
    _prompt(raw)
    if raw.get("seconds") is None:
        raise APIError(400, "Missing required parameter: 'seconds'.", "missing_required_parameter", "seconds")
    _choice(raw, "seconds", EXTENSION_SECONDS, "extensions")
