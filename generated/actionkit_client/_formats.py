"""A tool's parameters schema (the spec's OpenAPI 3.0 dialect) as JSON Schema 2020-12 that accepts
what the tool's ``from_parameters`` accepts: what every provider format (OpenAI, the Responses
API, Anthropic, MCP) is given.

The rules follow the client's own checking (``_params``, ``_tool_call``):

- ``nullable: true`` becomes a type list with ``"null"`` (``anyOf`` with ``{"type": "null"}``
  where there is no single type); a property that is not nullable takes no null.
- An object with ``properties`` is closed (``additionalProperties: false``) unless its
  ``additionalProperties`` is ``true`` or a schema: the client takes no other undeclared key there.
  ``properties`` without ``type`` stay without one (they apply to objects only). An object with a
  schema for ``additionalProperties`` and no properties is a map; with ``additionalProperties:
  false`` and no properties, it takes only ``{}``. Any other object, or a schema without a type, is
  a free-form value: ``{}`` (any JSON but null as a property, as the client takes it).
- Constraints stay; ``exclusiveMinimum: true`` becomes the number form; a ``pattern`` the client
  does not check (``_patterns``) goes.
- ``enum: []`` is a free string; ``oneOf`` is read as ``anyOf`` (the client takes the first option
  that fits); ``allOf`` is merged by the client's rule; ``$ref``s into ``$defs`` stay.
- OpenAPI-only keywords (``nullable``, ``discriminator``, ``xml``, ``externalDocs``, ``example``,
  ``x-*``) go; ``example`` becomes ``examples``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from ._all_of import merged_all_of
from ._patterns import compiled

# Kept as they are on a scalar or array: JSON Schema 2020-12 keywords that describe or constrain
# a value without changing its type.
_ANNOTATIONS = frozenset(
    {
        "title",
        "description",
        "default",
        "examples",
        "deprecated",
        "readOnly",
        "writeOnly",
        "format",
        "pattern",
        "minLength",
        "maxLength",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
        "minItems",
        "maxItems",
        "uniqueItems",
        "minProperties",
        "maxProperties",
        "const",
    }
)
_JSON_TYPES = ("object", "array", "string", "number", "boolean")


def provider_schema(schema: Mapping[str, Any]) -> dict[str, Any]:
    """The tool's parameters schema as JSON Schema 2020-12, an object at the root."""
    root = dict(schema)
    root.setdefault("type", "object")
    root.setdefault("properties", {})
    result = _convert(root, nullable=False, position="root")
    definitions = schema.get("$defs")
    if isinstance(definitions, Mapping) and definitions:
        result["$defs"] = {
            name: _convert(definition, nullable=False, position="item")
            for name, definition in cast("Mapping[str, Any]", definitions).items()
        }
    return result


def _convert(schema: Any, *, nullable: bool, position: str) -> dict[str, Any]:
    """``position`` is ``"property"`` where a null is refused unless the schema is nullable (an
    object's property), ``"item"`` where the value's own type decides (array items, map values)."""
    if not isinstance(schema, Mapping):
        return _free_form({}, nullable=nullable, position=position)
    schema = cast("Mapping[str, Any]", schema)
    if "$ref" in schema:
        ref: dict[str, Any] = {"$ref": schema["$ref"]}
        if "description" in schema:
            ref["description"] = schema["description"]
        return {"anyOf": [ref, {"type": "null"}]} if nullable or schema.get("nullable") else ref
    schema = merged_all_of(schema)
    nullable = nullable or bool(schema.get("nullable"))
    options = schema.get("oneOf") or schema.get("anyOf")
    if options:
        result: dict[str, Any] = {
            "anyOf": [_convert(option, nullable=False, position="item") for option in options]
        }
        _annotate(result, schema)
        return _with_null(result, nullable)
    kind = schema.get("type")
    enum = schema.get("enum")
    if enum:
        result = {"enum": list(enum)}
        if isinstance(kind, str):
            result["type"] = kind
        _annotate(result, schema)
        return _with_null(result, nullable)
    if kind == "array":
        result = {"type": "array"}
        result["items"] = _convert(schema.get("items", {}), nullable=False, position="item")
        _annotate(result, schema)
        return _with_null(result, nullable)
    if kind in (None, "object"):
        properties = schema.get("properties")
        extra = schema.get("additionalProperties")
        if isinstance(properties, Mapping) and (properties or position == "root"):
            required = [name for name in schema.get("required", ()) if name in properties]
            result = {
                "properties": {
                    name: _convert(value, nullable=False, position="property")
                    for name, value in cast("Mapping[str, Any]", properties).items()
                },
            }
            if kind == "object" or position == "root":
                result = {"type": "object", **result}
            elif position == "property" and not nullable:
                result = {"type": list(_JSON_TYPES), **result}  # any JSON but null
            if required:
                result["required"] = required
            if isinstance(extra, Mapping) and extra:
                result["additionalProperties"] = _convert(extra, nullable=False, position="item")
            elif extra is not True and extra != {}:
                result["additionalProperties"] = False
            _annotate(result, schema)
            return _with_null(result, nullable)
        if extra is False:
            if kind == "object":
                result = {"type": "object", "additionalProperties": False}
            elif position == "property" and not nullable:
                result = {"type": list(_JSON_TYPES), "additionalProperties": False}
            else:
                result = {"additionalProperties": False}  # objects take nothing; the rest is free
            return _with_null(result, nullable)
        if isinstance(extra, Mapping) and extra:
            result = {
                "type": "object",
                "additionalProperties": _convert(extra, nullable=False, position="item"),
            }
            _annotate(result, schema)
            return _with_null(result, nullable)
        return _free_form(schema, nullable=nullable, position=position)
    result = {"type": kind}
    _annotate(result, schema)
    return _with_null(result, nullable)


def _free_form(schema: Mapping[str, Any], *, nullable: bool, position: str) -> dict[str, Any]:
    result: dict[str, Any] = {}
    if position == "property" and not nullable:
        result["type"] = list(_JSON_TYPES)
    _annotate(result, schema)
    return result


# What the 2020-12 metaschema requires of a keyword's value, where a spec may say otherwise.
_VALUE_TYPES: dict[str, type | tuple[type, ...]] = {
    "title": str,
    "description": str,
    "examples": list,
    "deprecated": bool,
    "readOnly": bool,
    "writeOnly": bool,
    "uniqueItems": bool,
    "format": str,
    "pattern": str,
}


def _annotate(result: dict[str, Any], schema: Mapping[str, Any]) -> None:
    for key, value in schema.items():
        wanted = _VALUE_TYPES.get(key, object)
        if key in _ANNOTATIONS and key not in result and isinstance(value, wanted):
            result[key] = value
    if "example" in schema and "examples" not in result:
        result["examples"] = [schema["example"]]
    # OpenAPI 3.0's `exclusiveMinimum: true` beside `minimum: 5` is 2020-12's `exclusiveMinimum: 5`.
    for bound, exclusive in (("minimum", "exclusiveMinimum"), ("maximum", "exclusiveMaximum")):
        if isinstance(result.get(exclusive), bool) and result.pop(exclusive) and bound in result:
            result[exclusive] = result.pop(bound)
    # A pattern the client does not check (see `_patterns`) is not asked for either.
    pattern = result.get("pattern")
    if isinstance(pattern, str) and compiled(pattern) is None:
        del result["pattern"]
    kind = result.get("type")
    if (isinstance(kind, str) and kind != "string") or (
        isinstance(kind, list) and "string" not in kind
    ):
        for key in ("format", "pattern", "minLength", "maxLength"):
            result.pop(key, None)


def _with_null(schema: dict[str, Any], nullable: bool) -> dict[str, Any]:
    if not nullable:
        return schema
    if "enum" in schema and None not in schema["enum"]:
        schema["enum"] = [*schema["enum"], None]
    kind = schema.get("type")
    if isinstance(kind, str):
        schema["type"] = [kind, "null"]
    elif "anyOf" in schema:
        if {"type": "null"} not in schema["anyOf"]:
            schema["anyOf"] = [*schema["anyOf"], {"type": "null"}]
    elif "enum" not in schema and isinstance(kind, list) and "null" not in kind:
        schema["type"] = [*kind, "null"]
    return schema
