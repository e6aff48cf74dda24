"""A JSON Schema known only at run time (a user's live ``list_tools()`` schema, custom fields
included) compiled into the descriptors of ``_params``, as a ``ToolCall`` class built on the
spot: its ``from_parameters`` makes exactly the checks a generated class makes, by the same code.

The schema is read the way the generator reads a spec (``generator/catalogue/schemas.py``, whose
table ``generator/emit/python_types.py`` writes out; the enum and constraint rules are shared,
``_schema_rules``): a non-empty enum of scalars is an ``Enum`` (an empty one any string), an
object with properties a class of its own (a ``$ref``'d one built once, recursion included;
``WhenObject`` without a ``type``), ``additionalProperties`` beside them the class's extra keys,
alone a ``Map`` (``false`` alone ``EMPTY_OBJECT``), ``oneOf``/``anyOf`` a ``OneOf`` of the
distinct options, ``allOf`` merged by ``_all_of``, constraints a ``Constrained``, ``nullable`` on
a property a nullable parameter (on an item, a map value or a union option, ``NULL`` as an
option), and anything else (no type, ``true``, a ``$ref`` that leads nowhere) any JSON value.
"""

from __future__ import annotations

import json
import keyword
from collections.abc import Callable, Mapping
from typing import Any, cast

from . import _params as p
from ._all_of import AllOfTooDeep, merged_all_of
from ._pointers import pointer_key
from ._schema_rules import Constraint, constraints_of, literal_enum
from ._tool_call import ObjectModel, ToolCall, frozen_dataclass
from ._types import NOT_GIVEN, is_json_array, is_json_object

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
        constraints = constraints_of(schema)
        namespace: dict[str, Any] = {
            "TOOL": name,
            "INTEGRATION": integration,
            "TITLE": title,
            "DESCRIPTION": description,
            "json_schema": classmethod(_schema_of(self._root)),
            "_EXTRA": self._extra(schema),
            "_CONSTRAINTS": _constrained(p.JSON, constraints) if constraints else None,
        }
        built = _build_class(
            "LiveTool", ToolCall, self._params(schema), namespace, extra="extra_parameters"
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
        constraints = constraints_of(schema)
        shape = self._shape(schema)
        return _constrained(shape, constraints) if constraints else shape

    def _shape(self, schema: Mapping[str, Any]) -> p.ParamType:
        """The type of a merged schema, its constraints aside."""
        kind = schema.get("type")
        options = schema.get("oneOf") or schema.get("anyOf")
        if is_json_array(options) and options:
            distinct: list[p.ParamType] = []
            for option in options:
                option_type = self._nullable(option)
                flat = option_type.options if isinstance(option_type, p.OneOf) else (option_type,)
                distinct.extend(
                    one for one in flat if not any(_same(one, known) for known in distinct)
                )
            return distinct[0] if len(distinct) == 1 else p.OneOf(*distinct)
        enum = literal_enum(schema)
        if enum is not None:
            if not enum:
                return p.STRING  # an option list not loaded for this user: any string
            # `type: integer` refuses 1.0 even where the enum holds 1.
            return p.Enum(*enum, type=p.INTEGER) if kind == "integer" else p.Enum(*enum)
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
            return p.Array(p.JSON if items is None else self._nullable(items))
        if kind is None or kind == "object":
            extra = schema.get("additionalProperties")
            if schema.get("properties"):
                found = p.Object(self._object_class(schema))
                return found if kind == "object" else p.WhenObject(found)
            if extra is False:
                # Takes no key; without a type, only objects are held to that.
                return p.EMPTY_OBJECT if kind == "object" else p.WhenObject(p.EMPTY_OBJECT)
            if is_json_object(extra) and extra:
                return p.Map(self._nullable(extra))
        return p.JSON

    def _nullable(self, schema: object) -> p.ParamType:
        """An array's items, a map's values or a union's option: ``NULL`` an option where the
        schema, or the one its ``$ref`` names (its siblings are ignored), is ``nullable``."""
        found = self._type(schema)
        resolved = self._resolved(schema)
        if resolved is None or not resolved.get("nullable") or found in (p.NULL, p.JSON):
            return found
        if isinstance(found, p.OneOf):
            return found if p.NULL in found.options else p.OneOf(*found.options, p.NULL)
        return p.OneOf(found, p.NULL)

    def _extra(self, schema: Mapping[str, Any]) -> p.ParamType | None:
        """What keys beyond the declared properties take (``additionalProperties``; ``true``
        any JSON value), or None where they are refused."""
        extra = schema.get("additionalProperties")
        if extra is True or extra == {}:
            return p.JSON
        if is_json_object(extra):
            return self._nullable(extra)
        return None

    def _referenced(self, ref: str) -> p.ParamType:
        target = self._resolved({"$ref": ref})
        if target is None:
            return p.JSON  # a reference that leads nowhere: nothing known to check
        target = self._merged(target)
        if target.get("type", "object") == "object" and target.get("properties"):
            if ref in self._pending:
                found = p.Object(lambda: self._objects[ref])  # recursive: built further up
            elif ref in self._objects:
                found = p.Object(self._objects[ref])
            else:
                self._pending.add(ref)
                self._objects[ref] = self._object_class(target)
                self._pending.discard(ref)
                found = p.Object(self._objects[ref])
            shape = found if target.get("type") == "object" else p.WhenObject(found)
            constraints = constraints_of(target)
            return _constrained(shape, constraints) if constraints else shape
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
        extra = self._extra(schema)
        return _build_class(
            f"LiveObject{self._classes}",
            ObjectModel,
            self._params(schema),
            {"_EXTRA": extra},
            extra="extra_properties" if extra is not None else None,
        )

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
            declared = is_json_object(annotations) and bool(annotations.get("nullable", False))
            field_type = self._type(prop)
            params.append(
                p.Param(
                    names[wire_name],
                    wire_name,
                    field_type,
                    required=wire_name in required,
                    # Also where the type itself takes null (a nullable union option, an enum
                    # holding null): None is then that null, as for `nullable`.
                    nullable=declared or _takes_null(field_type),
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
    extra: str | None = None,
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
    if extra is not None:  # the field holding keys beyond the declared ones
        annotations[extra] = "object"
        defaults[extra] = None
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


def _constrained(shape: p.ParamType, constraints: tuple[Constraint, ...]) -> p.ParamType:
    bounds: dict[str, Any] = dict(constraints)
    return p.Constrained(shape, **bounds)


def _takes_null(kind: p.ParamType) -> bool:
    if isinstance(kind, p.Constrained):
        return _takes_null(kind.type)
    if isinstance(kind, p.OneOf):
        return p.NULL in kind.options
    if isinstance(kind, p.Enum):
        return None in kind.values
    return kind is p.NULL


def _same(one: p.ParamType, other: p.ParamType) -> bool:
    """Two options alike: the same singleton descriptor, or enums of the same values."""
    if one is other:
        return True
    if isinstance(one, p.Enum) and isinstance(other, p.Enum):
        return one.values == other.values and one.type is other.type
    return False


def _schema_of(schema: Mapping[str, Any]) -> Callable[[type[ToolCall]], dict[str, Any]]:
    """The ``json_schema()`` of a compiled tool: its live schema, a fresh copy each time."""
    text = json.dumps(schema)

    def json_schema(cls: type[ToolCall]) -> dict[str, Any]:
        copy: dict[str, Any] = json.loads(text)
        return copy

    return json_schema
