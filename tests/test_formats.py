"""Every provider format of every golden case's tools: the SDKs' own types take the definitions
(openai Chat Completions and Responses tools, anthropic ``ToolParam``, mcp ``Tool``), the schema is
JSON Schema 2020-12 by its metaschema, and it accepts exactly what ``from_parameters`` accepts, on
valid samples and on mutations of them."""

from __future__ import annotations

import copy
import json
from typing import Any, Required

import mcp.types as mcp_types
import pytest
from anthropic.types import ToolParam
from anthropic.types.tool_param import InputSchemaTyped
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator
from openai.types.chat import ChatCompletionFunctionToolParam
from openai.types.responses import FunctionToolParam
from openai.types.shared_params import FunctionDefinition
from pydantic import ConfigDict, TypeAdapter, with_config

from tests.golden_packages import GoldenTool, golden_package, golden_tools
from tests.json_schemas import EXAMPLES, mutations, samples

TOOLS = golden_tools()
FORMATS = [
    ("openai", False),
    ("openai", True),
    ("openai_responses", False),
    ("openai_responses", True),
    ("anthropic", False),
    ("mcp", False),
]


@with_config(ConfigDict(extra="forbid"))
class StrictFunctionDefinition(FunctionDefinition, total=False):
    pass


@with_config(ConfigDict(extra="forbid"))
class StrictChatTool(ChatCompletionFunctionToolParam, total=False):
    function: Required[StrictFunctionDefinition]


@with_config(ConfigDict(extra="forbid"))
class StrictResponsesTool(FunctionToolParam, total=False):
    pass


@with_config(ConfigDict(extra="forbid"))
class StrictAnthropicTool(ToolParam, total=False):
    pass


CHAT = TypeAdapter(StrictChatTool)
RESPONSES = TypeAdapter(StrictResponsesTool)
ANTHROPIC = TypeAdapter(StrictAnthropicTool)
ANTHROPIC_SCHEMA = TypeAdapter(InputSchemaTyped)
META = Draft202012Validator(Draft202012Validator.META_SCHEMA)


def definition(tool: GoldenTool, format: str, strict: bool) -> dict[str, Any]:
    tools = pytest.importorskip(f"{tool.package.__name__}.tools")
    [found] = tools.tool_definitions([tool.name], format=format, strict=strict)
    return found


def schema_of(found: dict[str, Any], format: str) -> dict[str, Any]:
    if format == "openai":
        return found["function"]["parameters"]
    key = {"openai_responses": "parameters", "anthropic": "input_schema", "mcp": "inputSchema"}
    return found[key[format]]


def openapi_leftovers(schema: Any, path: str = "$") -> list[str]:
    """``nullable``, ``x-*`` and empty enums anywhere in ``schema``."""
    found: list[str] = []
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "nullable" or key.startswith("x-"):
                found.append(f"{path}.{key}")
            if key == "enum" and value == []:
                found.append(f"{path}: enum []")
            if key not in ("properties", "$defs"):
                found += openapi_leftovers(value, f"{path}.{key}")
            else:
                for name, inner in value.items():
                    found += openapi_leftovers(inner, f"{path}.{key}.{name}")
    elif isinstance(schema, list):
        for index, item in enumerate(schema):
            found += openapi_leftovers(item, f"{path}[{index}]")
    return found


@pytest.mark.parametrize("format,strict", FORMATS)
@pytest.mark.parametrize("tool", TOOLS, ids=str)
def test_each_export_is_the_sdks_type_and_json_schema_2020_12(
    tool: GoldenTool, format: str, strict: bool
) -> None:
    found = definition(tool, format, strict)
    if format == "openai":
        assert CHAT.validate_python(found) == found
    elif format == "openai_responses":
        assert RESPONSES.validate_python(found) == found
        assert found["strict"] is strict
    elif format == "anthropic":
        assert ANTHROPIC.validate_python(found) == found
        ANTHROPIC_SCHEMA.validate_python(found["input_schema"])
    else:
        tool_model = mcp_types.Tool.model_validate(found)
        assert tool_model.model_dump(by_alias=True, exclude_none=True) == found
        assert found["title"] == tool.cls.TITLE
    schema = schema_of(found, format)
    assert sorted(e.message for e in META.iter_errors(schema)) == []
    assert schema["type"] == "object"
    assert openapi_leftovers(schema) == []
    # The description names the integration: tools of different integrations share titles.
    assert f"integration: {tool.cls.INTEGRATION}" in (
        found["function"]["description"] if format == "openai" else found["description"]
    )


def test_the_json_schema_format_keeps_the_specs_schema() -> None:
    for tool in TOOLS:
        assert definition(tool, "json_schema", False)["parameters"] == tool.cls.json_schema()


def _accepted(cls: Any, value: Any) -> bool:
    try:
        cls.from_parameters(value)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("tool", TOOLS, ids=str)
def test_the_provider_schema_accepts_what_from_parameters_accepts(tool: GoldenTool) -> None:
    spec_schema = tool.cls.json_schema()
    exported = definition(tool, "mcp", False)["inputSchema"]
    # The same schema in every non-strict provider format.
    assert definition(tool, "anthropic", False)["input_schema"] == exported
    assert definition(tool, "openai_responses", False)["parameters"] == exported
    validator = Draft202012Validator(exported)
    recursive = bool(spec_schema.get("$defs"))

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
    @given(samples(spec_schema))
    def check(sample: dict[str, Any]) -> None:
        assert _accepted(tool.cls, sample), sample
        assert validator.is_valid(sample), [e.message for e in validator.iter_errors(sample)]
        for mutated in mutations(copy.deepcopy(sample)):
            by_schema = validator.is_valid(mutated)
            by_client = _accepted(tool.cls, mutated)
            if recursive and by_client and not by_schema:
                # The client checks a recursive $defs schema to its first level (a JSON value
                # below): the schema the model gets is the spec's, stricter there.
                continue
            assert by_schema == by_client, (
                json.dumps(mutated, default=str),
                [e.message for e in validator.iter_errors(mutated)],
            )

    check()


def test_strict_mode_says_what_it_drops_in_the_description() -> None:
    schema = {
        "type": "object",
        "properties": {
            "name": {"type": "string", "minLength": 1, "description": "Who"},
            "size": {"type": "integer", "default": 10},
        },
        "required": ["name"],
    }
    agents = pytest.importorskip(f"{golden_package('mixed_catalogue').__name__}._agents")
    strict = agents.strict_schema(schema)
    assert strict["properties"]["name"] == {"type": "string", "description": "Who (minLength: 1)"}
    assert strict["properties"]["size"] == {
        "type": ["integer", "null"],
        "description": "default: 10",
    }
