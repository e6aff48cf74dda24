"""Samples drawn from a tool's JSON Schema (the OpenAPI 3.0 dialect the specs use).

Covers what the generator reads: scalar types, dates, enums (an empty one takes any string),
arrays, objects with properties (closed: the client takes no undeclared key there; a caller sends
those through ``extra_parameters``), maps, free-form values, ``oneOf``/``anyOf``, ``nullable`` and
``$ref`` into ``$defs`` (recursive ones too).
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from typing import Any

from actionkit_client._all_of import merged_all_of
from hypothesis import strategies as st

# How many samples each property test draws; raise it for a thorough run:
# `ACTIONKIT_EXAMPLES=500 make pytest`.
EXAMPLES = int(os.environ.get("ACTIONKIT_EXAMPLES", "12"))

_FLOATS = st.floats(allow_nan=False, allow_infinity=False)
_SCALARS = st.none() | st.booleans() | st.integers() | _FLOATS | st.text()
# A free-form value: any JSON but a bare null, which only a `nullable` property takes.
JSON_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
).filter(lambda value: value is not None)


def samples(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Valid values for ``schema``; ``$ref``s point into its own ``$defs``."""
    definitions = schema.get("$defs", {})
    deferred: dict[str, st.SearchStrategy[Any]] = {}

    def later(name: str) -> st.SearchStrategy[Any]:
        return st.deferred(lambda: _strategy(definitions[name], deferred))

    for name in definitions:
        deferred["#/$defs/" + name.replace("~", "~0").replace("/", "~1")] = later(name)
    return _strategy(schema, deferred)


def _strategy(schema: Any, refs: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[Any]:
    if not isinstance(schema, dict):
        return JSON_VALUES
    if "$ref" in schema:
        return refs[schema["$ref"]]
    base = _base(schema, refs)
    return st.none() | base if schema.get("nullable") else base


def _base(
    schema: dict[str, Any], refs: dict[str, st.SearchStrategy[Any]]
) -> st.SearchStrategy[Any]:
    if "allOf" in schema:
        return _base(dict(merged_all_of(schema)), refs)
    options = schema.get("oneOf") or schema.get("anyOf")
    if options:
        return st.one_of([_strategy(option, refs) for option in options])
    if schema.get("enum"):
        return st.sampled_from(schema["enum"])
    kind = schema.get("type")
    if kind == "string":
        if schema.get("format") == "date":
            return st.dates().map(date.isoformat)
        if schema.get("format") == "date-time":
            return st.datetimes(timezones=st.just(UTC)).map(datetime.isoformat)
        return st.text(max_size=20)
    if kind == "integer":
        return st.integers()
    if kind == "number":
        return st.integers() | _FLOATS
    if kind == "boolean":
        return st.booleans()
    if kind == "array":
        return st.lists(_strategy(schema.get("items", {}), refs), max_size=3)
    properties = schema.get("properties")
    if properties is not None:
        required = set(schema.get("required", ()))
        return st.fixed_dictionaries(
            {name: _strategy(properties[name], refs) for name in properties if name in required},
            optional={
                name: _strategy(properties[name], refs)
                for name in properties
                if name not in required
            },
        )
    extra = schema.get("additionalProperties")
    if isinstance(extra, dict) and extra:
        return st.dictionaries(st.text(max_size=8), _strategy(extra, refs), max_size=3)
    return JSON_VALUES


_REPLACEMENTS: list[Any] = [None, "text", 7, 2.5, True, [], {}, {"unknown_key": 1}]


def mutations(value: Any) -> list[Any]:
    """``value`` with one thing changed: a value replaced by one of another kind, an unknown key
    added, a key taken out."""
    found: list[Any] = []

    def walk(node: Any, rebuild: Any) -> None:
        if isinstance(node, dict):
            found.append(rebuild({**node, "not_a_parameter": 1}))
            for key in node:
                found.append(rebuild({k: v for k, v in node.items() if k != key}))
                for replacement in _REPLACEMENTS:
                    found.append(rebuild({**node, key: replacement}))
                walk(node[key], lambda new, key=key, node=node: rebuild({**node, key: new}))
        elif isinstance(node, list):
            for index, item in enumerate(node):
                for replacement in _REPLACEMENTS[:3]:
                    changed = list(node)
                    changed[index] = replacement
                    found.append(rebuild(changed))
                walk(
                    item,
                    lambda new, index=index, node=node: rebuild(
                        [*node[:index], new, *node[index + 1 :]]
                    ),
                )

    walk(value, lambda new: new)
    step = max(1, len(found) // 24)
    return found[::step]
