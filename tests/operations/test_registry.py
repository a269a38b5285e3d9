"""The registry: typed parameters checked with the field named, input names and kinds, capability needs."""
from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest

from vidloom.engines.catalog import BUILTIN
from vidloom.errors import UserError
from vidloom.operations import OPERATIONS, check_request

TEXT_ONLY = replace(BUILTIN, conditioning_frames=False, video_to_video=False)
IMAGE_ONLY = replace(BUILTIN, text_to_video=False, conditioning_frames=False, video_to_video=False, first_frame=True)


def test_every_operation_is_registered_with_its_inputs():
    assert set(OPERATIONS) == {"generate", "image_to_video", "remix", "blend", "loop", "storyboard", "extend", "recut",
                               "long"}
    assert [s.name for s in OPERATIONS["blend"].slots] == ["first", "second"]
    assert OPERATIONS["recut"].uses_engine is False


@pytest.mark.parametrize("operation,values,param,words", [
    ("remix", {"strength": 0}, "strength", "out of range"),
    ("remix", {"strength": "wild"}, "strength", "unknown remix strength"),
    ("blend", {"curve": "zigzag"}, "curve", "unknown blend curve"),
    ("loop", {"length": "forever"}, "length", "unknown loop length"),
    ("extend", {"direction": "up"}, "direction", "unknown direction"),
    ("generate", {"preset": "sepia"}, "preset", "unknown preset"),
    ("generate", {"seed": -1}, "seed", "out of range"),
    ("generate", {"seed": "abc"}, "seed", "valid integer"),
    ("generate", {"colour": "red"}, "colour", "not a parameter"),
    ("image_to_video", {"frame": -1}, "frame", "greater than or equal to 0"),
    ("storyboard", {"cards": [{"prompt": "a", "start": 10, "seconds": 8}]}, "cards", "past the 16 s"),
    ("long", {"window": 20}, "window", "choose 0.5 to 16 s"),
    ("long", {"window": 2, "overlap": 2}, "overlap", "must be shorter than the 2 s window"),
    ("long", {"overlap": 0}, "overlap", "greater than 0"),
    ("long", {"seconds": 601}, "seconds", "less than or equal to 600"),
    ("long", {"seconds": 30, "window": 0.5, "overlap": 0.375}, "window", "more than 200"),
])
def test_bad_parameters_name_the_field(operation, values, param, words):
    inputs = {s.name: s.kind for s in OPERATIONS[operation].slots if s.required}
    with pytest.raises(UserError, match=words) as info:
        check_request(operation, {"prompt": "a red ball", **values}, inputs, BUILTIN, "vidloom-mini")
    assert info.value.param == param


def test_inputs_are_checked_by_name_and_kind():
    with pytest.raises(UserError, match="needs the input 'source'"):
        check_request("remix", {"prompt": "a"}, {}, BUILTIN, "m")
    with pytest.raises(UserError, match="takes no input named 'clip'"):
        check_request("remix", {"prompt": "a"}, {"source": "video", "clip": "video"}, BUILTIN, "m")
    with pytest.raises(UserError, match="must be an image") as info:
        check_request("image_to_video", {"prompt": "a"}, {"image": "video"}, BUILTIN, "m")
    assert info.value.param == "inputs.image"
    cards = [{"prompt": "a", "start": 0, "seconds": 2, "video": "missing"}]
    with pytest.raises(UserError, match="names the input 'missing'"):
        check_request("storyboard", {"prompt": "a", "cards": cards}, {}, BUILTIN, "m")


def test_what_an_engine_lacks_is_named():
    with pytest.raises(UserError, match=r"loop needs an engine with conditioning frames \(conditioning_frames\) to "
                       r"keep known frames, and text-only does not offer it") as info:
        check_request("loop", {"prompt": "a"}, {}, TEXT_ONLY, "text-only")
    assert info.value.param == "model"
    with pytest.raises(UserError, match=r"\(text_to_video\)"):
        check_request("generate", {"prompt": "a"}, {}, IMAGE_ONLY, "i2v")
    check_request("image_to_video", {"prompt": "a"}, {"image": "image"}, IMAGE_ONLY, "i2v")  # frame 0: first_frame
    with pytest.raises(UserError, match=r"\(conditioning_frames\)"):
        check_request("image_to_video", {"prompt": "a", "frame": 3}, {"image": "image"}, IMAGE_ONLY, "i2v")
    with pytest.raises(UserError, match=r"\(last_frame\)"):
        check_request("image_to_video", {"prompt": "a"}, {"image": "image", "last_image": "image"}, IMAGE_ONLY, "i2v")
    check_request("recut", {"prompt": "a"}, {"source": "video"}, IMAGE_ONLY, "i2v")  # no engine involved
    flf = replace(IMAGE_ONLY, last_frame=True, needs_last_frame=True)  # a first-last-frame model: images in pairs
    assert IMAGE_ONLY.first_frame_alone and not flf.first_frame_alone
    with pytest.raises(UserError, match=r"\(first_frame_alone\) to start from an image with no last image, "
                                        "and flf does not offer it"):
        check_request("image_to_video", {"prompt": "a"}, {"image": "image"}, flf, "flf")
    check_request("image_to_video", {"prompt": "a"}, {"image": "image", "last_image": "image"}, flf, "flf")
    with pytest.raises(UserError, match=r"long needs an engine with conditioning frames \(conditioning_frames\)"):
        check_request("long", {"prompt": "a", "seconds": 60}, {}, TEXT_ONLY, "text-only")
    check_request("long", {"prompt": "a", "seconds": 600}, {}, BUILTIN, "m")  # past one call's 16 s


def test_the_registry_imports_no_torch_and_no_feature():
    code = ("import sys, vidloom.operations; "
            "print('torch' in sys.modules, any(m.startswith('vidloom.features') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
