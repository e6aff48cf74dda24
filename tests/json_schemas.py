"""Samples drawn from a tool's JSON Schema (the OpenAPI 3.0 dialect the specs use).

Covers what the generator reads: scalar types, dates, enums (an empty one takes any string; of
numbers; holding null), arrays, objects with properties (closed unless ``additionalProperties``
is ``true`` or a schema; without a type, any non-object value too), objects that take nothing,
maps, free-form values, ``oneOf``/``anyOf``, ``nullable`` and ``$ref`` into ``$defs`` (recursive
ones too), each within its constraints (bounds, ``multipleOf``, lengths, ``pattern``, item and
property counts, ``uniqueItems``).
"""

from __future__ import annotations

import math
import os
from datetime import UTC, date, datetime
from typing import Any

from actionkit_client._all_of import merged_all_of
from actionkit_client._patterns import translate
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
    if not schema.get("properties"):
        # The parameters are an object, whatever else the root says.
        extra = schema.get("additionalProperties")
        if extra is True or (isinstance(extra, dict) and not extra):
            return st.dictionaries(st.text(max_size=8), JSON_VALUES, max_size=3)
        if isinstance(extra, dict):
            return st.dictionaries(st.text(max_size=8), _strategy(extra, deferred), max_size=3)
        return st.just({})
    return _strategy({**schema, "type": "object"}, deferred)


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
    kind = schema.get("type")
    if schema.get("enum"):
        allowed = [value for value in schema["enum"] if _has_type(value, kind)]
        return st.sampled_from(allowed) if allowed else st.nothing()
    if kind == "string":
        if schema.get("format") == "date":
            return st.dates().map(date.isoformat)
        if schema.get("format") == "date-time":
            return st.datetimes(timezones=st.just(UTC)).map(datetime.isoformat)
        return _strings(schema)
    if kind == "integer":
        return _numbers(schema, integers=True)
    if kind == "number":
        return _numbers(schema, integers=False)
    if kind == "boolean":
        return st.booleans()
    if kind == "array":
        items = _strategy(schema.get("items", {}), refs)
        return st.lists(
            items,
            min_size=schema.get("minItems", 0),
            max_size=min(schema.get("maxItems", 3), max(3, schema.get("minItems", 0))),
            unique_by=json_key if schema.get("uniqueItems") else None,
        )
    properties = schema.get("properties")
    extra = schema.get("additionalProperties")
    if properties:
        required = set(schema.get("required", ()))
        declared = st.fixed_dictionaries(
            {name: _strategy(properties[name], refs) for name in properties if name in required},
            optional={
                name: _strategy(properties[name], refs)
                for name in properties
                if name not in required
            },
        )
        if extra is True or isinstance(extra, dict):
            values = JSON_VALUES if extra is True or not extra else _strategy(extra, refs)
            others = st.dictionaries(
                st.text(max_size=8).filter(lambda key: key not in properties), values, max_size=2
            )
            declared = st.tuples(declared, others).map(lambda pair: {**pair[1], **pair[0]})
        low, high = schema.get("minProperties", 0), schema.get("maxProperties")
        if low or high is not None:
            declared = declared.filter(
                lambda value: low <= len(value) and (high is None or len(value) <= high)
            )
        if kind is None:
            # `properties` apply to objects only: any other JSON value fits as well.
            return declared | JSON_VALUES.filter(lambda value: not isinstance(value, dict))
        return declared
    if extra is False and (kind == "object" or properties is not None):
        return st.just({})
    if isinstance(extra, dict) and extra:
        low = schema.get("minProperties", 0)
        return st.dictionaries(
            st.text(max_size=8),
            _strategy(extra, refs),
            min_size=low,
            max_size=min(schema.get("maxProperties", 3), max(3, low)),
        )
    return JSON_VALUES


def json_key(value: Any) -> Any:
    """Equal for values JSON holds equal (``1`` and ``1.0``; not ``1`` and ``true``)."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return (type(value).__name__, value)
    if isinstance(value, (int, float)):
        return ("number", value)
    if isinstance(value, list):
        return ("array", tuple(json_key(item) for item in value))
    return ("object", frozenset((key, json_key(item)) for key, item in value.items()))


def _has_type(value: Any, kind: Any) -> bool:
    if kind is None:
        return True
    if kind == "string":
        return isinstance(value, str)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _strings(schema: dict[str, Any]) -> st.SearchStrategy[str]:
    low = schema.get("minLength", 0)
    high = schema.get("maxLength")
    pattern = schema.get("pattern")
    translated = translate(pattern) if isinstance(pattern, str) else None
    if translated is None:
        return st.text(min_size=low, max_size=high if high is not None else max(20, low))
    fits = st.from_regex(translated)
    return fits.filter(lambda text: low <= len(text) and (high is None or len(text) <= high))


def _numbers(schema: dict[str, Any], *, integers: bool) -> st.SearchStrategy[Any]:
    low, high = schema.get("minimum"), schema.get("maximum")
    above = schema.get("exclusiveMinimum")
    below = schema.get("exclusiveMaximum")
    # OpenAPI 3.0: a boolean beside the bound; JSON Schema's later form: the bound itself.
    exclude_low, exclude_high = above is True, below is True
    if not isinstance(above, bool) and isinstance(above, (int, float)):
        low, exclude_low = above, True
    if not isinstance(below, bool) and isinstance(below, (int, float)):
        high, exclude_high = below, True
    step = schema.get("multipleOf")

    def fits(value: float) -> bool:
        if low is not None and (value < low or (exclude_low and value == low)):
            return False
        return high is None or not (value > high or (exclude_high and value == high))

    if step is not None:
        multiples = st.integers(-1000, 1000).map(lambda k: k * step)
        if integers:
            multiples = multiples.filter(lambda value: float(value).is_integer()).map(int)
        return multiples.filter(fits)
    whole = st.integers(
        min_value=None if low is None else math.floor(low),
        max_value=None if high is None else math.ceil(high),
    ).filter(fits)
    if integers:
        return whole
    return whole | st.floats(
        min_value=low,
        max_value=high,
        exclude_min=exclude_low and low is not None,
        exclude_max=exclude_high and high is not None,
        allow_nan=False,
        allow_infinity=False,
    )


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
