"""A JSON Schema known only at run time (a user's live ``list_tools()`` schema, custom fields
included) compiled into the descriptors of ``_params``, as a ``ToolCall`` class built on the
spot: its ``from_parameters`` makes exactly the checks a generated class makes, by the same code.

The schema is read the way the generator reads a spec (``generator/catalogue/schemas.py``, whose
table ``generator/emit/python_types.py`` writes out): a non-empty enum of strings, integers or
booleans is an ``Enum`` (an empty one any string), an object with properties a class of its own
(a ``$ref``'d one built once, recursion included), an object with only ``additionalProperties`` a
``Map``, ``oneOf``/``anyOf`` a ``OneOf`` of the distinct options, ``allOf`` merged by ``_all_of``,
``nullable`` on a property a nullable parameter (on an item or a map value, ``OneOf(..., NULL)``),
and anything else (no type, ``true``, a ``$ref`` that leads nowhere) any JSON value.
"""

from __future__ import annotations

import json
import keyword
from collections.abc import Callable, Mapping
from typing import Any, cast

from . import _params as p
from ._all_of import AllOfTooDeep, merged_all_of
from ._pointers import pointer_key
from ._tool_call import ObjectModel, ToolCall, frozen_dataclass
from ._types import NOT_GIVEN, is_json_array, is_json_object

_LITERAL_KINDS = (None, "string", "integer", "boolean")
# Names a generated class keeps for itself: a parameter with one of these wire names gets a
# field name of its own.
_TAKEN = frozenset(
    {"extra_parameters", "to_parameters", "from_parameters", "json_schema", "to_json"}
    | {"from_json", "TOOL", "INTEGRATION", "TITLE", "DESCRIPTION"}
)


def compile_tool(
    name: str, integration: str, title: str, description: str | None, schema: Mapping[str, Any]
) -> type[ToolCall]:
    """The ``ToolCall`` class of a tool whose parameters ``schema`` says what it takes."""
    return _Compiler(schema).tool(name, integration, title, description)


class _Compiler:
    def __init__(self, root: Mapping[str, Any]) -> None:
        self._root = root
        self._objects: dict[str, type[ObjectModel]] = {}  # by $ref, once built
        self._pending: set[str] = set()  # object $refs whose class is being built
        self._value_refs: list[str] = []  # non-object $refs being read (recursion: any JSON)
        self._classes = 0

    def tool(
        self, name: str, integration: str, title: str, description: str | None
    ) -> type[ToolCall]:
        schema = self._merged(self._root)
        namespace: dict[str, Any] = {
            "TOOL": name,
            "INTEGRATION": integration,
            "TITLE": title,
            "DESCRIPTION": description,
            "json_schema": classmethod(_schema_of(self._root)),
        }
        built = _build_class(
            "LiveTool", ToolCall, self._params(schema), namespace, extra_parameters=True
        )
        return cast("type[ToolCall]", built)

    # -- types ------------------------------------------------------------------------------

    def _type(self, schema: object) -> p.ParamType:
        if not is_json_object(schema):
            return p.JSON
        ref = schema.get("$ref")
        if isinstance(ref, str):
            return self._referenced(ref)
        schema = self._merged(schema)
        kind = schema.get("type")
        options = schema.get("oneOf") or schema.get("anyOf")
        if is_json_array(options) and options:
            distinct: list[p.ParamType] = []
            for option in options:
                option_type = self._type(option)
                if not any(_same(option_type, known) for known in distinct):
                    distinct.append(option_type)
            return distinct[0] if len(distinct) == 1 else p.OneOf(*distinct)
        enum = schema.get("enum")
        if is_json_array(enum) and kind in _LITERAL_KINDS and all(map(_is_literal, enum)):
            literals = cast("list[str | int | bool]", enum)
            # Repeats dropped by value and type: `1` and `true` are both kept (1 == True).
            values = tuple({(type(value), value): value for value in literals}.values())
            return p.Enum(*values) if values else p.STRING
        if kind == "string":
            format = schema.get("format")
            return p.DATE if format == "date" else p.DATETIME if format == "date-time" else p.STRING
        if kind == "integer":
            return p.INTEGER
        if kind == "number":
            return p.NUMBER
        if kind == "boolean":
            return p.BOOLEAN
        if kind == "array":
            items = schema.get("items")
            if items is None:
                return p.Array(p.JSON)
            return p.Array(self._nullable_value(items))
        if kind is None or kind == "object":
            if schema.get("properties"):
                return p.Object(self._object_class(schema))
            extra = schema.get("additionalProperties")
            if is_json_object(extra) and extra:
                return p.Map(self._nullable_value(extra))
        return p.JSON

    def _nullable_value(self, schema: object) -> p.ParamType:
        """An array item or a map value: null allowed where the schema is nullable."""
        value = self._type(schema)
        if is_json_object(schema) and schema.get("nullable"):
            return p.OneOf(value, p.NULL)
        return value

    def _referenced(self, ref: str) -> p.ParamType:
        built = self._objects.get(ref)
        if built is not None:
            return p.Object(built)
        target = self._resolved({"$ref": ref})
        if target is None:
            return p.JSON  # a reference that leads nowhere: nothing known to check
        target = self._merged(target)
        if target.get("type", "object") == "object" and target.get("properties"):
            if ref in self._pending:
                return p.Object(lambda: self._objects[ref])  # recursive: built further up
            self._pending.add(ref)
            self._objects[ref] = self._object_class(target)
            self._pending.discard(ref)
            return p.Object(self._objects[ref])
        if ref in self._value_refs:
            return p.JSON  # a JSON value defined in terms of itself: any JSON
        self._value_refs.append(ref)
        try:
            return self._type(target)
        finally:
            self._value_refs.pop()

    # -- objects ----------------------------------------------------------------------------

    def _object_class(self, schema: Mapping[str, Any]) -> type[ObjectModel]:
        self._classes += 1
        return _build_class(f"LiveObject{self._classes}", ObjectModel, self._params(schema), {})

    def _params(self, schema: Mapping[str, Any]) -> list[p.Param]:
        """The parameters of an object schema (resolved and merged), in the schema's order."""
        required_keys: object = schema.get("required")
        required = (
            {key for key in required_keys if isinstance(key, str)}
            if is_json_array(required_keys)
            else set[str]()
        )
        properties: object = schema.get("properties")
        if not is_json_object(properties):
            return []
        names = _field_names(list(properties))
        params: list[p.Param] = []
        for wire_name, prop in properties.items():
            resolved = self._resolved(prop)
            annotations = prop if is_json_object(prop) and "$ref" not in prop else resolved
            nullable = is_json_object(annotations) and bool(annotations.get("nullable", False))
            params.append(
                p.Param(
                    names[wire_name],
                    wire_name,
                    self._type(prop),
                    required=wire_name in required,
                    nullable=nullable,
                )
            )
        return params

    # -- references -------------------------------------------------------------------------

    def _resolved(self, node: object) -> Mapping[str, Any] | None:
        """``node`` with any chain of local ``$ref``s followed (``None`` where one leads nowhere,
        loops, or is not local); ``allOf`` merged."""
        seen: set[str] = set()
        while is_json_object(node) and "$ref" in node:
            ref = node["$ref"]
            if not isinstance(ref, str) or not ref.startswith("#") or ref in seen:
                return None
            seen.add(ref)
            node = self._target(ref)
        return self._merged(node) if is_json_object(node) else None

    def _target(self, ref: str) -> object:
        node: object = self._root
        for part in ref[2:].split("/") if ref.startswith("#/") else []:
            key = pointer_key(part)
            if is_json_array(node) and key.isdigit() and int(key) < len(node):
                node = node[int(key)]
            elif is_json_object(node) and key in node:
                node = node[key]
            else:
                return None
        return node

    def _merged(self, schema: Mapping[str, Any]) -> Mapping[str, Any]:
        def resolve(member: Any, where: Any) -> Any:
            return self._resolved(member) or {}

        try:
            merged: object = merged_all_of(schema, resolve)
        except AllOfTooDeep:
            return {}
        return merged if is_json_object(merged) else {}


def _build_class(
    name: str,
    base: type[ObjectModel],
    params: list[p.Param],
    namespace: dict[str, Any],
    *,
    extra_parameters: bool = False,
) -> type[ObjectModel]:
    """A frozen dataclass of ``base`` with a field per parameter, as the generator writes one:
    an optional field defaults to ``None`` ("not sent"), or to ``NOT_GIVEN`` where ``None`` is a
    null to send."""
    annotations: dict[str, str] = {}
    defaults: dict[str, object] = {}
    for param in params:
        annotations[param.name] = "object"
        if not param.required:
            defaults[param.name] = NOT_GIVEN if param.nullable else None
    if extra_parameters:
        annotations["extra_parameters"] = "object"
        defaults["extra_parameters"] = None
    body: dict[str, Any] = {
        "__annotations__": annotations,
        "__module__": __name__,
        "__qualname__": name,
        "_PARAMS": tuple(params),
        **namespace,
        **defaults,
    }
    made: Callable[[type[ObjectModel]], type[ObjectModel]] = frozen_dataclass
    return made(type(name, (base,), body))


def _field_names(wire_names: list[str]) -> dict[str, str]:
    """A Python field name per wire name: the wire name itself where it is a plain identifier,
    else ``field_<n>``; never one a class keeps for itself, never twice."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for index, wire_name in enumerate(wire_names):
        usable = (
            wire_name.isidentifier()
            and not keyword.iskeyword(wire_name)
            and not wire_name.startswith("_")
            and wire_name not in _TAKEN
            and wire_name not in used
        )
        name = wire_name if usable else f"field_{index}"
        while name in used:
            name += "_"
        names[wire_name] = name
        used.add(name)
    return names


def _is_literal(value: object) -> bool:
    return isinstance(value, (str, int, bool))


def _same(one: p.ParamType, other: p.ParamType) -> bool:
    """Two options alike: the same singleton descriptor, or enums of the same values."""
    if one is other:
        return True
    if isinstance(one, p.Enum) and isinstance(other, p.Enum):
        return one.values == other.values
    return False


def _schema_of(schema: Mapping[str, Any]) -> Callable[[type[ToolCall]], dict[str, Any]]:
    """The ``json_schema()`` of a compiled tool: its live schema, a fresh copy each time."""
    text = json.dumps(schema)

    def json_schema(cls: type[ToolCall]) -> dict[str, Any]:
        copy: dict[str, Any] = json.loads(text)
        return copy

    return json_schema
