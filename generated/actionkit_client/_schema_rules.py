"""How a schema's enum and constraints are read: the rules the generator (``catalogue/schemas.py``)
and the run-time compiler of live schemas (``_schema_compiler``) both apply, so that a tool checks
the same whether its class was generated or built from a user's ``list_tools()``."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, TypeAlias, TypeGuard

from ._params import EnumValue, json_key
from ._types import is_json_array

# A constraint in the runtime's terms: the keyword argument of ``_params.Constrained`` and its value.
Constraint: TypeAlias = "tuple[str, int | float | str | bool]"

_LITERAL_KINDS = (None, "string", "integer", "number", "boolean")


def literal_enum(schema: Mapping[str, Any]) -> tuple[EnumValue, ...] | None:
    """The values of the schema's ``enum`` as a tool holds them, or None where it has no enum of
    JSON scalars (of a scalar ``type`` or none): only the values the type lets through (one that
    does not can never be given), repeats dropped as JSON compares them (``1`` and ``1.0`` are
    one value, ``1`` and ``true`` two). ``()`` for ``enum: []``, an option list not loaded."""
    enum: object = schema.get("enum")
    kind = schema.get("type")
    if not is_json_array(enum) or kind not in _LITERAL_KINDS:
        return None
    literals: list[EnumValue] = [value for value in enum if _is_literal(value)]
    if len(literals) < len(enum):
        return None  # an object or an array among the values
    kept = [value for value in literals if _has_type(value, kind)] or literals
    return tuple({json_key(value): value for value in kept}.values())


def _is_literal(value: object) -> TypeGuard[EnumValue]:
    """A JSON scalar: what an enum of the model holds."""
    if isinstance(value, float):
        return math.isfinite(value)
    return value is None or isinstance(value, (str, bool, int))


def _has_type(value: EnumValue, kind: Any) -> bool:
    """Whether an enum's value passes the schema's ``type``."""
    if kind is None:
        return True
    if kind == "string":
        return isinstance(value, str)
    if kind == "boolean":
        return isinstance(value, bool)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return kind == "number" or isinstance(value, int) or value.is_integer()


# The constraints the client checks: the spec's keyword, the runtime's name, and what its value
# must be (a bound that is not one is ignored, as the spec's validators report it).
_NUMBER_BOUNDS = (("minimum", "minimum"), ("maximum", "maximum"), ("multipleOf", "multiple_of"))
_COUNTS = (
    ("minLength", "min_length"),
    ("maxLength", "max_length"),
    ("minItems", "min_items"),
    ("maxItems", "max_items"),
    ("minProperties", "min_properties"),
    ("maxProperties", "max_properties"),
)


def _number(value: object) -> int | float | None:
    """``value`` where it is a finite JSON number, else None."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def constraints_of(schema: Mapping[str, Any]) -> tuple[Constraint, ...]:
    """The schema's constraints, in the runtime's terms: OpenAPI 3.0's ``exclusiveMinimum: true``
    beside ``minimum: 5`` is ``exclusive_minimum=5`` (and a number there, JSON Schema's later
    form, is taken as it is)."""
    found: list[Constraint] = []
    for keyword, name in _NUMBER_BOUNDS:
        value = _number(schema.get(keyword))
        if value is not None and not (keyword == "multipleOf" and value <= 0):
            if keyword in ("minimum", "maximum"):
                exclusive = schema.get("exclusiveM" + keyword[1:])
                if exclusive is True:
                    found.append(("exclusive_" + name, value))
                    continue
            found.append((name, value))
    for keyword, name in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        value = _number(schema.get(keyword))
        if value is not None:
            found.append(("exclusive_" + name, value))
    for keyword, name in _COUNTS:
        count = schema.get(keyword)
        if isinstance(count, int) and not isinstance(count, bool) and count >= 0:
            found.append((name, count))
    pattern = schema.get("pattern")
    if isinstance(pattern, str):
        found.append(("pattern", pattern))
    if schema.get("uniqueItems") is True:
        found.append(("unique_items", True))
    return tuple(found)
