"""Where ``from_parameters`` knowingly departs from OpenAPI 3.0 / JSON Schema: the one list.

The differential test (``tests/test_oracle.py``) gives the independent validator
(openapi-schema-validator's ``OAS30Validator``, with ECMA 262 patterns through ``regress``) the
spec's schema rewritten by ``oracle_schema``: each rewrite below is one deviation, and nothing
else may differ. README.md, "Local validation", says the same to users.
"""

from __future__ import annotations

from typing import Any

from actionkit_client._all_of import merged_all_of
from actionkit_client._patterns import compiled

# Any JSON value but null: what the client takes at a property that has no type and is not
# nullable (OpenAPI 3.0 has no "null" type to exclude).
_NOT_NULL: dict[str, Any] = {
    "anyOf": [{"type": kind} for kind in ("object", "array", "string", "number", "boolean")]
}

DEVIATIONS: dict[str, str] = {
    "closed objects": "An object with declared properties and no `additionalProperties` refuses "
    "other keys (JSON Schema takes them): a misspelt parameter is far likelier than a key the "
    "spec forgot, and a caller sends unknown ones through `extra_parameters`.",
    "free-form objects": "`type: object` with no properties (or `properties: {}`) and no "
    "`additionalProperties` takes any JSON value, not only objects: real specs pass lists and "
    "strings there.",
    "empty enum": "`enum: []` (an option list not loaded for this user) is a free string; JSON "
    "Schema would take nothing.",
    "format": "`format` is not checked (JSON Schema makes it an annotation too); `date` and "
    "`date-time` only decide the Python type. No rewrite: the oracle runs without a format checker.",
    "first option wins": "`oneOf` is read as `anyOf`: the first option that fits is taken, even "
    "where a second one fits too.",
    "null at an untyped property": "A property that is not `nullable` refuses null even where its "
    "schema has no type (JSON Schema takes null there); inside arrays, maps and unions such a "
    "schema takes null.",
    "nullable enum": "`nullable: true` beside an enum without null takes null (the field's `None` "
    "is that null); OpenAPI 3.0.3 asks for null in the enum too.",
    "untranslatable pattern": "A `pattern` that has no Python equivalent (`\\p{...}`, a lookbehind "
    "of varying length...) is not checked: see generator/runtime/_patterns.py.",
    "recursive values": "A recursive schema that is not an object (a JSON value defined in terms "
    "of itself) takes any JSON value.",
}


def oracle_schema(schema: Any) -> Any:
    """``schema`` (a tool's parameters, ``$defs`` inside) with every deviation applied, for the
    oracle."""
    definitions = schema.get("$defs", {}) if isinstance(schema, dict) else {}
    result = _rewrite(schema, position="root")
    if definitions:
        values = {
            name
            for name, value in definitions.items()
            if not (isinstance(value, dict) and value.get("properties"))
        }
        refs = {"#/$defs/" + name.replace("~", "~0").replace("/", "~1") for name in values}
        result["$defs"] = {
            name: _rewrite(_free_below(value, refs) if name in values else value, position="item")
            for name, value in definitions.items()
        }
    return result


def _free_below(node: Any, values: set[str]) -> Any:
    """recursive values: below its first level, a recursive value schema takes any JSON."""
    if isinstance(node, dict):
        if node.get("$ref") in values:
            return {}
        return {key: _free_below(value, values) for key, value in node.items()}
    if isinstance(node, list):
        return [_free_below(item, values) for item in node]
    return node


def _rewrite(schema: Any, *, position: str) -> Any:
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        return schema
    # allOf is merged by the client's rule first (`_all_of`), as `from_parameters` reads it.
    out = dict(merged_all_of(schema)) if "allOf" in schema else dict(schema)
    # first option wins
    if "oneOf" in out:
        out["anyOf"] = out.pop("oneOf")
    # empty enum
    if out.get("enum") == []:
        del out["enum"]
    # nullable enum
    if out.get("nullable") and isinstance(out.get("enum"), list) and None not in out["enum"]:
        out["enum"] = [*out["enum"], None]
    # untranslatable pattern
    if isinstance(out.get("pattern"), str) and compiled(out["pattern"]) is None:
        del out["pattern"]
    kind = out.get("type")
    properties = out.get("properties")
    extra = out.get("additionalProperties")
    if kind in (None, "object") and "enum" not in out and "anyOf" not in out:
        if properties or position == "root":
            # closed objects
            out.setdefault("additionalProperties", False)
        elif extra is not False and not (isinstance(extra, dict) and extra):
            # free-form objects
            for key in ("type", "properties", "additionalProperties"):
                out.pop(key, None)
    _recurse(out)
    untyped = "type" not in out and "enum" not in out
    options = out.get("anyOf") or []
    takes_null = bool(out.get("nullable")) or any(
        isinstance(option, dict) and option.get("nullable") for option in options
    )
    if position == "property" and untyped and not takes_null:
        # null at an untyped property
        return {"allOf": [out, _NOT_NULL]}
    return out


def _recurse(out: dict[str, Any]) -> None:
    def apply(value: Any, position: str) -> Any:
        return _rewrite(value, position=position)

    if isinstance(out.get("properties"), dict):
        out["properties"] = {
            name: apply(value, "property") for name, value in out["properties"].items()
        }
    for key in ("items", "additionalProperties", "not"):
        if isinstance(out.get(key), dict):
            out[key] = apply(out[key], "item")
    for key in ("anyOf", "allOf"):
        if isinstance(out.get(key), list):
            out[key] = [apply(option, "item") for option in out[key]]
