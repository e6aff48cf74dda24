"""Every tool of the mixed catalogue, run through the generated client against the local
stand-in, sends exactly `{"tool": NAME, "parameters": SAMPLE}`."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from support.standin import Standin
from tests.golden_packages import GoldenTool, golden_tools
from tests.json_schemas import EXAMPLES, samples

MIXED = golden_tools("mixed_catalogue")


def test_the_mixed_case_has_thirty_tools() -> None:
    assert len(MIXED) == 30


@pytest.mark.parametrize("tool", MIXED, ids=str)
def test_each_tool_sends_its_sample_on_the_wire(tool: GoldenTool) -> None:
    with Standin().running() as standin:
        client = tool.package.ActionKit("p1", "token", base_url=standin.url, max_retries=0)

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        )
        @given(samples(tool.cls.json_schema()))
        def check(sample: dict[str, Any]) -> None:
            standin.received.clear()
            client.run(tool.cls.from_parameters(sample))
            [request] = standin.received
            assert request.path == "/projects/p1/tools"
            assert request.json() == {"tool": tool.name, "parameters": sample}

        with client:
            check()
