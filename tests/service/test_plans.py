"""A plan bounds what one job may cost: steps, seconds of new footage, storyboard cards; types are checked."""
from __future__ import annotations

import pytest

from vidloom.service.plans import ParamError, check_params, get_plan

PLUS, PRO = get_plan("plus"), get_plan("pro")


@pytest.mark.parametrize("params, param, words", [
    ({"steps": 200}, "params.steps", "plus plan allows (50)"),
    ({"steps": True}, "params.steps", "integer"),
    ({"steps": "30"}, "params.steps", "integer"),
    ({"steps": 0}, "params.steps", "greater than or equal to 1"),
    ({"seconds": 600}, "params.seconds", "plus plan allows (16 s)"),
    ({"end": "5"}, "params.end", "number"),
    ({"end": [1]}, "params.end", "number"),
    ({"start": 3, "end": 2}, "params.end", "must come after the start"),
    ({"start": -1}, "params.start", "greater than or equal to 0"),
    ({"length": "forever"}, "params.length", "short"),
    ({"cards": [{"prompt": "a", "start": 0, "seconds": 1}] * 9}, "params.cards", "plus plan allows (8)"),
    ({"cards": [{"prompt": "a", "start": 0, "seconds": 10}] * 2}, "params.cards", "last 20 s"),
    ({"cards": [{"prompt": "a", "start": 0, "seconds": "1"}]}, "params.cards.0.seconds", "number"),
    ({"cards": [{"prompt": "a", "start": 0, "seconds": 1}, {"prompt": "  ", "start": 1, "seconds": 1}]},
     "params.cards.1.prompt", "must have words"),
    ({"cards": [{"prompt": "a", "start": 0, "seconds": 1, "colour": "red"}]}, "params.cards.0.colour", "not permitted"),
])
def test_costly_or_malformed_parameters_are_refused_naming_the_field(params, param, words):
    with pytest.raises(ParamError) as e:
        check_params(PLUS, params)
    assert e.value.param == param and words in str(e.value), str(e.value)


def test_pro_allows_more_and_other_parameters_pass_through():
    params = {"steps": 80, "seconds": 20, "preset": "neon", "negative_prompt": "rain"}
    assert check_params(PRO, params) == params
    assert check_params(PLUS, {"start": 0.5, "end": 1.5, "length": "long"}) == {"start": 0.5, "end": 1.5, "length": "long"}
