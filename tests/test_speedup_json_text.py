"""``json_text.dumps`` writes exactly what ``json.dumps(indent=2, ensure_ascii=False)`` writes."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.speedups import json_text

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=300, derandomize=True)
@given(values)
def test_same_text_as_the_standard_library(value: Any) -> None:
    assert json_text.dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


@pytest.mark.parametrize(
    "value",
    [
        {1: "an integer key", None: "a null key", 2.5: "a float key", False: "a boolean key"},
        [math.nan, math.inf, -math.inf, 10**30, -0.0, 1e-300],
        {'quote"back\\slash\nnew line\u2028\U0001f680': ["\x00\x1f\x7f"]},
        {"nested": [[[], {}], [{"a": []}]]},
    ],
)
def test_unusual_values(value: Any) -> None:
    assert json_text.dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_what_json_refuses_it_refuses_alike() -> None:
    for value in [{"a": {1, 2}}, {(1, 2): "tuple key"}, b"bytes"]:
        with pytest.raises(TypeError) as ours:
            json_text.dumps(value)
        with pytest.raises(TypeError) as theirs:
            json.dumps(value, indent=2, ensure_ascii=False)
        assert str(ours.value) == str(theirs.value)
    looped: list[Any] = []
    looped.append(looped)
    with pytest.raises(ValueError, match="Circular reference"):
        json_text.dumps(looped)
