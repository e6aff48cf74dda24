"""``from_parameters`` against an independent validator: openapi-schema-validator's
``OAS30Validator`` (ECMA 262 patterns through ``regress``), on every golden case's tools and on a
synthetic catalogue.

Instances are drawn from each tool's schema (``tests/json_schemas.samples``, the project's own
strategy: hypothesis-jsonschema 0.23.1 does not work with the pinned hypothesis) and
mutated (a required key dropped, a wrong type, a value out of its enum, an unknown key, a null
where none is allowed, each bound crossed by one). The client and the oracle must agree on every
one, except where ``tests/oas30_deviations.py`` documents that they differ: the oracle is given
the schema those deviations rewrite. ``json_schema()`` is the spec's schema: the oracle gives it
the verdict it gives the spec's own schema, ``$ref``s into the document and all.

Bounded for ``make test``; ``ACTIONKIT_LONG_TESTS=1`` draws many more instances.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from actionkit_client._all_of import merged_all_of
from hypothesis import HealthCheck, given, settings
from openapi_schema_validator import OAS30Validator
from openapi_schema_validator._regex import has_ecma_regex

from support.catalogue import build
from tests.golden import ROOT as GOLDEN_ROOT
from tests.golden_packages import GoldenTool, golden_tools
from tests.json_schemas import samples
from tests.oas30_deviations import DEVIATIONS, oracle_schema

LONG = os.environ.get("ACTIONKIT_LONG_TESTS") == "1"
EXAMPLES = 150 if LONG else 6
TOOLS = golden_tools()


def _accepted(cls: Any, value: Any) -> bool:
    try:
        cls.from_parameters(value)
    except ValueError:
        return False
    return True


def _resolved(schema: Any, root: dict[str, Any]) -> Any:
    seen = 0
    while isinstance(schema, dict) and "$ref" in schema and seen < 20:
        node: Any = root
        for part in schema["$ref"][2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        schema, seen = node, seen + 1
    return merged_all_of(schema) if isinstance(schema, dict) else schema


_WRONG: list[Any] = [None, "text", 7, 2.5, True, [], {}]


def _bounds(schema: dict[str, Any], value: Any) -> list[Any]:
    """Values one step either side of each of the schema's bounds."""
    found: list[Any] = []
    for key in ("minimum", "maximum"):
        bound = schema.get(key)
        if isinstance(bound, (int, float)) and not isinstance(bound, bool):
            found += [bound - 1, bound, bound + 1]
            if isinstance(bound, float) or schema.get("type") == "number":
                found += [bound - 0.5, bound + 0.5]
    step = schema.get("multipleOf")
    if isinstance(step, (int, float)) and not isinstance(step, bool):
        found += [step, step * 3, step * 1.5, step + 1]
    for low, high in (("minLength", "maxLength"),):
        for key in (low, high):
            size = schema.get(key)
            if isinstance(size, int):
                found += ["x" * max(0, size - 1), "x" * size, "x" * (size + 1)]
    pattern = schema.get("pattern")
    if isinstance(pattern, str) and isinstance(value, str):
        found += [value + "\n", value + "!", "", value[:-1]]
    items = value if isinstance(value, list) else []
    for key in ("minItems", "maxItems"):
        size = schema.get(key)
        if isinstance(size, int) and items:
            found += [items[: max(0, size - 1)], items[:size], (items * (size + 1))[: size + 1]]
    if schema.get("uniqueItems") and items:
        found += [[*items, items[0]], [*items, copy.deepcopy(items[-1])]]
    mapping = value if isinstance(value, dict) else {}
    for key in ("minProperties", "maxProperties"):
        size = schema.get(key)
        if isinstance(size, int):
            keys = list(mapping)[: max(0, size - 1)]
            found += [{k: mapping[k] for k in keys}]
            found += [
                {**mapping, **{f"k{n}": next(iter(mapping.values()), "v") for n in range(size + 1)}}
            ]
    return found


def mutations(schema: Any, value: Any, root: dict[str, Any]) -> list[Any]:
    """``value`` (an instance of ``schema``) with one thing changed, led by the schema."""
    found: list[Any] = []

    def walk(schema: Any, node: Any, rebuild: Any) -> None:
        schema = _resolved(schema, root)
        if not isinstance(schema, dict):
            return
        found.extend(rebuild(other) for other in _WRONG)
        enum = schema.get("enum")
        if enum:
            found.extend([rebuild("not-in-the-enum"), rebuild(999.5), rebuild(1.0)])
        found.extend(rebuild(other) for other in _bounds(schema, node))
        options = schema.get("oneOf") or schema.get("anyOf") or []
        for option in options:
            walk(option, node, rebuild)
        if isinstance(node, dict):
            properties = schema.get("properties") or {}
            found.append(rebuild({**node, "not_a_parameter": 1}))
            for key in node:
                found.append(rebuild({k: v for k, v in node.items() if k != key}))
                inner = properties.get(key, schema.get("additionalProperties"))
                walk(inner, node[key], lambda new, key=key, node=node: rebuild({**node, key: new}))
        elif isinstance(node, list):
            for index, item in enumerate(node):
                walk(
                    schema.get("items"),
                    item,
                    lambda new, index=index, node=node: rebuild(
                        [*node[:index], new, *node[index + 1 :]]
                    ),
                )

    walk(schema, value, lambda new: new)
    return found


def _agree(cls: Any, oracle: Any, instances: list[Any]) -> list[str]:
    disagreements: list[str] = []
    for instance in instances:
        by_client = _accepted(cls, instance)
        by_oracle = oracle.is_valid(instance)
        if by_client != by_oracle:
            errors = [] if by_oracle else [e.message for e in oracle.iter_errors(instance)][:3]
            disagreements.append(
                f"client {'accepts' if by_client else 'refuses'}, oracle "
                f"{'accepts' if by_oracle else 'refuses'}: {json.dumps(instance, default=str)[:300]} {errors}"
            )
    return disagreements


def _check_tool(cls: Any, spec_schema: dict[str, Any] | None) -> None:
    schema = cls.json_schema()
    oracle = OAS30Validator(oracle_schema(schema))
    plain = OAS30Validator(schema)
    spec = OAS30Validator(spec_schema) if spec_schema is not None else None

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(samples(schema))
    def check(sample: dict[str, Any]) -> None:
        instances = [sample, *mutations(schema, copy.deepcopy(sample), schema)]
        assert _agree(cls, oracle, instances) == []
        if spec is not None:
            # json_schema() is the spec's schema: the same verdict as the document's own.
            for instance in instances:
                assert plain.is_valid(instance) == spec.is_valid(instance), instance

    check()


def _spec_schemas(case: str) -> dict[str, dict[str, Any]]:
    """Each tool's parameters schema as the case's spec writes it, with the document's
    components beside it for its ``$ref``s."""
    found: dict[str, dict[str, Any]] = {}
    for path in sorted((GOLDEN_ROOT / case / "input").iterdir()):
        if path.suffix not in (".yaml", ".yml", ".json"):
            continue
        text = path.read_text(encoding="utf-8")
        document = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
        if not isinstance(document, dict) or "paths" not in document:
            continue
        for route, item in document["paths"].items():
            for operation in item.values():
                if not isinstance(operation, dict) or "requestBody" not in operation:
                    continue
                body = _resolved(operation["requestBody"], document)
                media = body.get("content", {}).get("application/json", {})
                schema = _resolved(media.get("schema", {}), document)
                properties = schema.get("properties", {})
                tool = _resolved(properties.get("tool", {}), document).get("default")
                name = tool or route.partition("#")[2]
                parameters = properties.get("parameters", {"type": "object"})
                found[name] = {
                    "allOf": [parameters],
                    "components": document.get("components", {}),
                }
    return found


def test_the_oracle_reads_patterns_as_ecma_262() -> None:
    assert has_ecma_regex()
    assert not OAS30Validator({"type": "string", "pattern": "^a$"}).is_valid("a\n")


def test_every_deviation_has_its_reason() -> None:
    assert all(len(reason) > 40 for reason in DEVIATIONS.values())


@pytest.mark.parametrize("tool", TOOLS, ids=str)
def test_from_parameters_agrees_with_openapi_schema_validator(tool: GoldenTool) -> None:
    spec = _spec_schemas(tool.case).get(tool.name)
    _check_tool(tool.cls, spec)


def test_the_synthetic_catalogue_agrees_with_openapi_schema_validator(tmp_path: Path) -> None:
    import importlib
    import sys

    from generator.workflows.generate import generate

    document = build(12 if not LONG else 120, seed=7, constraints=True)
    spec = tmp_path / "catalogue.json"
    spec.write_text(json.dumps(document))
    generate([spec], tmp_path / "out", "oracle_catalogue")
    sys.path.insert(0, str(tmp_path / "out"))
    try:
        registry = importlib.import_module("oracle_catalogue.tools").TOOLS
        for name in sorted(registry):
            _check_tool(registry[name], None)
    finally:
        sys.path.remove(str(tmp_path / "out"))
        for module in [m for m in sys.modules if m.split(".")[0] == "oracle_catalogue"]:
            del sys.modules[module]


def test_a_bound_crossed_by_one_names_the_bound() -> None:
    [cls] = [
        t.cls for t in golden_tools("validation_shapes") if t.name == "ACME_BILLING_LIST_INVOICES"
    ]
    with pytest.raises(ValueError) as caught:
        cls.from_parameters({"limit": 201, "code": "x", "tags": ["a", "a"]})
    problems = {(p.path, p.message) for p in caught.value.problems}  # type: ignore[attr-defined]
    assert ("parameters.limit", "must be at most 200") in problems
    assert ("parameters.code", "must have at least 2 characters, has 1") in problems
    assert ("parameters.tags", "must have unique items: items 0 and 1 are equal") in problems
