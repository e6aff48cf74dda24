"""Tool definitions for models, for every tool of the mixed catalogue: the JSON Schema export is
the spec's, the OpenAI strict form passes strict mode's rules and maps back to the same wire
parameters, and the Anthropic form keeps within that provider's limits."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings

from tests.golden_packages import GoldenTool, golden_package, golden_tools
from tests.json_schemas import EXAMPLES, samples

MIXED = golden_tools("mixed_catalogue")
package = golden_package("mixed_catalogue")
tools_module = pytest.importorskip(f"{package.__name__}.tools")
agents = pytest.importorskip(f"{package.__name__}._agents")

# Keywords OpenAI's strict mode supports (its "Supported schemas" guide).
STRICT_KEYWORDS = {
    "type", "description", "enum", "const", "properties", "required", "additionalProperties",
    "items", "anyOf", "$ref", "$defs", "pattern", "format", "multipleOf", "minimum", "maximum",
    "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems",
}  # fmt: skip
PROVIDER_NAME = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")


def strict_problems(schema: Any, path: str = "$") -> list[str]:
    """Where ``schema`` breaks a rule of OpenAI's strict mode."""
    if not isinstance(schema, dict):
        return [f"{path}: not a schema"]
    problems = [f"{path}: unsupported keyword {k}" for k in schema if k not in STRICT_KEYWORDS]
    kinds = schema.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    if "object" in kinds:
        properties = schema.get("properties")
        if properties is None:
            problems.append(f"{path}: object without properties")
        elif schema.get("required") != list(properties):
            problems.append(f"{path}: not every property is required")
        if schema.get("additionalProperties") is not False:
            problems.append(f"{path}: additionalProperties is not false")
        for name, value in (properties or {}).items():
            problems += strict_problems(value, f"{path}.{name}")
    if "items" in schema:
        problems += strict_problems(schema["items"], f"{path}[]")
    for index, option in enumerate(schema.get("anyOf", [])):
        problems += strict_problems(option, f"{path}|{index}")
    for name, definition in schema.get("$defs", {}).items():
        problems += strict_problems(definition, f"$defs.{name}")
    return problems


def test_json_schema_export_is_the_specs_schema() -> None:
    definitions = tools_module.tool_definitions()
    assert [d["name"] for d in definitions] == sorted(tool.name for tool in MIXED)
    for definition, tool in zip(definitions, sorted(MIXED, key=lambda t: t.name), strict=True):
        assert definition["parameters"] == tool.cls.json_schema()
        assert definition["description"].startswith(tool.cls.TITLE)


@pytest.mark.parametrize("tool", MIXED, ids=str)
def test_openai_strict_form_passes_strict_modes_rules(tool: GoldenTool) -> None:
    [definition] = tools_module.tool_definitions([tool.name], format="openai", strict=True)
    function = definition["function"]
    assert definition["type"] == "function"
    assert function["strict"] is True
    assert PROVIDER_NAME.match(function["name"])
    assert len(function["description"]) <= 1024
    assert function["parameters"]["type"] == "object"
    assert strict_problems(function["parameters"]) == []


@pytest.mark.parametrize("tool", MIXED, ids=str)
def test_a_strict_call_maps_back_to_the_same_wire_parameters(tool: GoldenTool) -> None:
    schema = tool.cls.json_schema()
    [definition] = tools_module.tool_definitions([tool.name], format="openai", strict=True)
    strict = definition["function"]["parameters"]

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
    @given(samples(schema))
    def check(sample: dict[str, Any]) -> None:
        # Strict mode reads a null in an optional property as "not sent" (the contract), so an
        # explicit null there is not something a strict call can say.
        assume(not _optional_nulls(schema, sample))
        as_model_gives_it = _as_strict_model(strict, schema, sample)
        call = agents.parse_call(definition["function"]["name"], as_model_gives_it, strict=True)
        assert call.to_parameters() == sample

    check()


@pytest.mark.parametrize("tool", MIXED, ids=str)
def test_anthropic_form_keeps_within_the_providers_limits(tool: GoldenTool) -> None:
    [definition] = tools_module.tool_definitions([tool.name], format="anthropic")
    assert set(definition) == {"name", "description", "input_schema"}
    assert PROVIDER_NAME.match(definition["name"])
    assert definition["input_schema"]["type"] == "object"
    # The spec's properties, as JSON Schema 2020-12 (tests/test_formats.py checks what it takes).
    assert list(definition["input_schema"]["properties"]) == list(
        tool.cls.json_schema()["properties"]
    )


def test_choosing_tools_by_name_integration_and_pattern() -> None:
    def names(**choice: Any) -> list[str]:
        return [d["name"] for d in tools_module.tool_definitions(**choice)]

    assert names(names=["SLACK_SEND_MESSAGE"]) == ["SLACK_SEND_MESSAGE"]
    assert names(integrations=["hubspot"]) == [
        "HUBSPOT_GET_RECORD_BY_ID_CONTACTS",
        "HUBSPOT_LIST_CONTACTS",
        "HUBSPOT_SEARCH_RECORDS_CONTACTS",
    ]
    assert names(pattern="*_SEND_*") == [
        "GMAIL_SEND_EMAIL",
        "OUTLOOK_SEND_EMAIL",
        "SLACK_SEND_MESSAGE",
    ]
    assert names(names=["STRIPE_CREATE_CHARGE"], pattern="SLACK_L*") == [
        "SLACK_LIST_CHANNELS",
        "STRIPE_CREATE_CHARGE",
    ]
    with pytest.raises(KeyError, match="NOPE"):
        tools_module.tool_definitions(["NOPE"])
    with pytest.raises(KeyError, match="nowhere"):
        tools_module.tool_definitions(integrations=["nowhere"])
    with pytest.raises(ValueError, match="openai"):
        tools_module.tool_definitions(format="anthropic", strict=True)


def test_hostile_and_long_names_are_made_to_fit_and_map_back() -> None:
    hostile = golden_package("hostile_strings")
    hostile_tools = pytest.importorskip(f"{hostile.__name__}.tools")
    [definition] = hostile_tools.tool_definitions(format="anthropic")
    assert PROVIDER_NAME.match(definition["name"])
    hostile_agents = pytest.importorskip(f"{hostile.__name__}._agents")
    [name] = hostile_tools.TOOLS
    assert hostile_agents.tool_for(definition["name"]) is hostile_tools.TOOLS[name]


def _as_strict_model(strict: Any, original: Any, value: Any) -> Any:
    """``value`` as a model following the strict schema gives it: every optional property
    present (null when not sent), free-form values JSON-encoded."""
    import json

    if isinstance(strict, dict) and strict.get("$ref"):
        return value
    if isinstance(strict, dict) and "anyOf" in strict:
        options = [o for o in strict["anyOf"] if o != {"type": "null"}]
        originals = original.get("oneOf") or original.get("anyOf") or [original]
        if len(options) == 1:
            return _as_strict_model(
                options[0], originals[0] if len(originals) == 1 else original, value
            )
        return value
    kinds = strict.get("type") if isinstance(strict, dict) else None
    kinds = kinds if isinstance(kinds, list) else [kinds]
    if "object" in kinds and isinstance(value, dict):
        properties = original.get("properties", {})
        return {
            key: _as_strict_model(strict["properties"][key], properties[key], value[key])
            if key in value
            else None
            for key in strict["properties"]
        }
    if "array" in kinds and isinstance(value, list):
        return [_as_strict_model(strict["items"], original.get("items", {}), v) for v in value]
    if "string" in kinds and original.get("type") in (None, "object"):
        return json.dumps(value)
    return value


def _optional_nulls(schema: Any, value: Any) -> bool:
    if not isinstance(schema, dict):
        return False
    properties = schema.get("properties")
    if isinstance(value, dict) and properties:
        required = set(schema.get("required", ()))
        return any(
            (item is None and key not in required) or _optional_nulls(properties.get(key), item)
            for key, item in value.items()
        )
    if isinstance(value, list):
        return any(_optional_nulls(schema.get("items"), item) for item in value)
    return False
