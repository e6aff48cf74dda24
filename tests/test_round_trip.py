"""For every tool of every golden case: valid parameters drawn from its JSON Schema survive
``from_parameters(...).to_parameters()`` unchanged, and invalid ones are refused with the path of
each problem."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.golden_packages import GoldenTool, golden_tools
from tests.json_schemas import EXAMPLES, samples

TOOLS = golden_tools()
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _validation_problems(tool: GoldenTool, data: Any) -> list[str]:
    with pytest.raises(tool.package.ActionKitValidationError) as raised:
        tool.cls.from_parameters(data)
    return [problem.path for problem in raised.value.problems]


def test_every_golden_tool_is_covered() -> None:
    assert len(TOOLS) >= 40
    assert {tool.case for tool in TOOLS} >= {"mixed_catalogue", "hostile_strings", "naming"}


@pytest.mark.parametrize("tool", TOOLS, ids=str)
def test_valid_parameters_round_trip(tool: GoldenTool) -> None:
    @SETTINGS
    @given(samples(tool.cls.json_schema()))
    def check(sample: dict[str, Any]) -> None:
        assert tool.cls.from_parameters(sample).to_parameters() == sample

    check()


@pytest.mark.parametrize("tool", TOOLS, ids=str)
def test_invalid_parameters_name_each_problem(tool: GoldenTool) -> None:
    schema = tool.cls.json_schema()
    required = [name for name in schema.get("required", []) if name in schema["properties"]]
    child = tool.package._params.child_path

    @SETTINGS
    @given(samples(schema), st.data())
    def check(sample: dict[str, Any], data: st.DataObject) -> None:
        unknown = {**sample, "__not_a_parameter__": 1}
        assert _validation_problems(tool, unknown) == ["parameters.__not_a_parameter__"]
        if required:
            missing = data.draw(st.sampled_from(required))
            without = {key: value for key, value in sample.items() if key != missing}
            assert _validation_problems(tool, without) == [child("parameters", missing)]
        if sample:
            key = data.draw(st.sampled_from(sorted(sample)))
            wrong = {**sample, key: _WRONG}
            assert child("parameters", key) in _validation_problems(tool, wrong)

    check()


class _Wrong:
    """A value no JSON Schema type takes."""


_WRONG = _Wrong()
