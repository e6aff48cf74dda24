"""JSON Schemas of one document, read into the model's types.

Objects with declared properties become ``ObjectDef``s (nested dataclasses), registered once in a
catalogue-wide table: an inline object under its tool and property path, a ``$ref``'d component
under its reference, so a component shared by several tools is generated once. A recursive
component is an ``ObjectRef`` to itself; a recursive schema that is not an object (a JSON value
defined in terms of itself) reads as a free JSON value.
"""

from __future__ import annotations

import json
import re
from typing import Any

from generator.catalogue.model import (
    ArrayType,
    BooleanType,
    ConstrainedType,
    EmptyObjectType,
    EnumType,
    Field,
    IntegerType,
    JsonType,
    MapType,
    NullType,
    NumberType,
    ObjectDef,
    ObjectRef,
    SchemaType,
    StringType,
    UnionType,
    WhenObjectType,
)
from generator.inputs.documents import Document
from generator.problems import InputError, SpecProblem
from generator.runtime._all_of import AllOfTooDeep, merged_all_of
from generator.runtime._pointers import json_pointer, pointer_key
from generator.runtime._schema_rules import constraints_of, literal_enum

Where = list[str | int]


class SchemaReader:
    """Reads the schemas of one document into the model's types, adding the objects it meets to
    the catalogue-wide table ``objects``; a problem is an ``InputError`` pointing into the
    document."""

    def __init__(self, document: Document, objects: dict[str, ObjectDef]) -> None:
        self.document = document
        # Catalogue-wide: every document's reader adds to the same table.
        self.objects = objects
        self._read_here: set[str] = set()
        self._value_refs: list[str] = []

    # -- references -------------------------------------------------------------------------

    def resolve(self, node: Any, where: Where) -> Any:
        """``node`` with any chain of local ``$ref``s followed."""
        seen: set[str] = set()
        while isinstance(node, dict) and "$ref" in node:
            ref = node["$ref"]
            if not isinstance(ref, str) or not ref.startswith("#/"):
                raise self.problem(where, f"only local $refs (#/...) are supported, got {ref!r}")
            if ref in seen:
                raise self.problem(where, f"$ref {ref} refers only to itself")
            seen.add(ref)
            node = self._target(ref, where)
        return node

    def _target(self, ref: str, where: Where) -> Any:
        node: Any = self.document.data
        for part in ref[2:].split("/"):
            key = pointer_key(part)
            if isinstance(node, list) and key.isdigit() and int(key) < len(node):
                node = node[int(key)]
            elif isinstance(node, dict) and key in node:
                node = node[key]
            else:
                raise self.problem(where, f"$ref {ref} points at nothing")
        return node

    def merged(self, schema: Any, where: Where) -> Any:
        """``schema`` with its ``allOf`` folded in, by the rule the runtime shares (``_all_of``)."""

        def resolve(member: Any, inner: tuple[str | int, ...]) -> Any:
            return self.resolve(member, [*where, *inner])

        try:
            return merged_all_of(schema, resolve)
        except AllOfTooDeep as error:
            raise self.problem([*where, *error.where], str(error)) from None

    # -- fields and types ---------------------------------------------------------------------

    def fields(
        self, schema: dict[str, Any], where: Where, name_path: tuple[str, ...], owner: str | None
    ) -> tuple[Field, ...]:
        """The properties of an object schema (already resolved and merged), in spec order."""
        required = set(schema.get("required") or ())
        result: list[Field] = []
        for wire_name, prop in (schema.get("properties") or {}).items():
            prop_where: Where = [*where, "properties", wire_name]
            resolved = self.merged(self.resolve(prop, prop_where), prop_where)
            annotations = prop if isinstance(prop, dict) and "$ref" not in prop else resolved
            annotations = annotations if isinstance(annotations, dict) else {}
            default = annotations.get("default")
            field_type = self.type_of(prop, prop_where, (*name_path, wire_name), owner)
            result.append(
                Field(
                    wire_name=wire_name,
                    type=field_type,
                    required=wire_name in required,
                    # Also where the type itself takes null (a nullable union option, an untyped
                    # enum holding null): None is then that null, as for `nullable`.
                    nullable=bool(annotations.get("nullable", False)) or _takes_null(field_type),
                    description=annotations.get("description"),
                    default=None if default is None else json.dumps(default, ensure_ascii=False),
                )
            )
        return tuple(result)

    def type_of(
        self, schema: Any, where: Where, name_path: tuple[str, ...], owner: str | None
    ) -> SchemaType:
        if not isinstance(schema, dict):
            return JsonType()  # `true`, or anything else a schema may be
        if "$ref" in schema:
            return self._referenced_type(schema, where, owner)
        alias = _allof_alias(schema)
        if alias is not None:
            # `allOf: [$ref]` beside a description: the component itself, still shared.
            return self._referenced_type(alias, [*where, "allOf", 0], owner)
        schema = self.merged(schema, where)
        shape = self._shape(schema, where, name_path, owner)
        constraints = constraints_of(schema)
        return ConstrainedType(shape, constraints) if constraints else shape

    def nullable_type(
        self, schema: Any, where: Where, name_path: tuple[str, ...], owner: str | None
    ) -> SchemaType:
        """The type of an array's items, a map's values or a union's option: with ``null`` as
        an option where the schema, or the one its ``$ref`` names, is ``nullable``."""
        found = self.type_of(schema, where, name_path, owner)
        resolved = (
            self.merged(self.resolve(schema, where), where) if isinstance(schema, dict) else None
        )
        # A `$ref`'s siblings are ignored (OpenAPI 3.0): the schema it names says.
        nullable = isinstance(resolved, dict) and bool(resolved.get("nullable"))
        if not nullable or found in (NullType(), JsonType()):
            return found
        if isinstance(found, UnionType):
            return found if NullType() in found.options else UnionType((*found.options, NullType()))
        return UnionType((found, NullType()))

    def extra(
        self, schema: dict[str, Any], where: Where, name_path: tuple[str, ...], owner: str | None
    ) -> SchemaType | None:
        """What keys beyond the declared properties of an object schema take: its
        ``additionalProperties`` (``true`` takes any JSON value), or None where they are refused
        (``false``, or absent: the client's rule for objects with declared properties)."""
        extra = schema.get("additionalProperties")
        if extra is True or extra == {}:
            return JsonType()
        if isinstance(extra, dict):
            value_where: Where = [*where, "additionalProperties"]
            return self.nullable_type(extra, value_where, (*name_path, "Value"), owner)
        return None

    def _shape(
        self, schema: dict[str, Any], where: Where, name_path: tuple[str, ...], owner: str | None
    ) -> SchemaType:
        """The type of a merged schema, its constraints aside."""
        kind = schema.get("type")

        options = schema.get("oneOf") or schema.get("anyOf")
        if options:
            keyword = "oneOf" if schema.get("oneOf") else "anyOf"
            return self._union(options, [*where, keyword], name_path, owner)

        enum = literal_enum(schema)
        if enum is not None:
            # `type: integer` refuses 1.0 even where the enum holds 1.
            return EnumType(enum, integer=bool(enum) and kind == "integer")

        if kind == "string":
            return StringType(schema.get("format"))
        if kind == "integer":
            return IntegerType()
        if kind == "number":
            return NumberType()
        if kind == "boolean":
            return BooleanType()
        if kind == "array":
            items = schema.get("items")
            if items is None:
                return ArrayType(JsonType())
            return ArrayType(
                self.nullable_type(items, [*where, "items"], (*name_path, "Item"), owner)
            )
        if kind in (None, "object"):
            extra = schema.get("additionalProperties")
            if schema.get("properties"):
                key = "inline:" + json_pointer([owner or "", *name_path])
                found = self._object(key, schema, where, name_path, owner)
                return found if kind == "object" else WhenObjectType(found)
            if extra is False:
                # Takes no key; without a type, only objects are held to that.
                return EmptyObjectType() if kind == "object" else WhenObjectType(EmptyObjectType())
            if isinstance(extra, dict) and extra:
                value_where: Where = [*where, "additionalProperties"]
                return MapType(self.nullable_type(extra, value_where, (*name_path, "Value"), owner))
        return JsonType()

    def _referenced_type(
        self, schema: dict[str, Any], where: Where, owner: str | None
    ) -> SchemaType:
        ref = schema["$ref"]
        target = self.merged(self.resolve(schema, where), where)
        is_object = isinstance(target, dict) and target.get("type", "object") == "object"
        if is_object and target.get("properties"):
            ref_where: Where = [pointer_key(part) for part in ref[2:].split("/")]
            found = self._object("ref:" + ref, target, ref_where, (str(ref_where[-1]),), None)
            shape: SchemaType = found if target.get("type") == "object" else WhenObjectType(found)
            constraints = constraints_of(target)
            return ConstrainedType(shape, constraints) if constraints else shape
        if ref in self._value_refs:
            return JsonType()  # a JSON value defined in terms of itself: any JSON
        self._value_refs.append(ref)
        try:
            name = ref.rsplit("/", 1)[-1]
            return self.type_of(target, where, (name,), owner)
        finally:
            self._value_refs.pop()

    def _union(
        self, options: list[Any], where: Where, name_path: tuple[str, ...], owner: str | None
    ) -> SchemaType:
        types: list[SchemaType] = []
        hints: set[str] = set()
        for index, option in enumerate(options):
            hint = _variant_name(self.resolve(option, [*where, index]), index)
            if hint in hints:
                # Two options alike (the same first required key): each its own class.
                hint = f"{hint} {index + 1}"
            hints.add(hint)
            option_type = self.nullable_type(option, [*where, index], (*name_path, hint), owner)
            # A nullable option's own union is flattened in: `A | None | B`, not `(A | None) | B`.
            flat = option_type.options if isinstance(option_type, UnionType) else (option_type,)
            types.extend(kind for kind in flat if kind not in types)
        return types[0] if len(types) == 1 else UnionType(tuple(types))

    def _object(
        self,
        key: str,
        schema: dict[str, Any],
        where: Where,
        name_path: tuple[str, ...],
        owner: str | None,
    ) -> ObjectRef:
        if key in self._read_here:
            return ObjectRef(key)  # being read (a recursive component) or read already
        self._read_here.add(key)
        definition = ObjectDef(
            key=key,
            name_path=name_path,
            owner=owner,
            fields=self.fields(schema, where, name_path, owner),
            description=schema.get("description"),
            extra=self.extra(schema, where, name_path, owner),
        )
        known = self.objects.setdefault(key, definition)
        # An inline object differs only where its tool does, which parsing reports by name.
        if known != definition and key.startswith("ref:"):
            raise self.problem(where, f"{name_path[-1]} is defined differently in another document")
        return ObjectRef(key)

    # -- self-contained schemas -------------------------------------------------------------

    def self_contained(self, schema: Any, where: Where) -> Any:
        """``schema`` with every ``$ref`` inlined, except recursive ones, kept under ``$defs``."""
        refs = self._refs_under(schema, where)
        if not refs:
            return schema  # most tools: nothing to inline, and nothing here changes the schema
        recursive = {ref for ref in refs if self._reaches(ref, ref, where)}
        names = _def_names(recursive)
        definitions: dict[str, Any] = {}

        def inline(node: Any) -> Any:
            """A schema with its references inlined; values that are not schemas (an
            ``example``, a ``default``) are kept as they are, ``$ref`` keys and all."""
            if not isinstance(node, dict):
                return node
            ref = node.get("$ref")
            if isinstance(ref, str):
                if ref in recursive:
                    if names[ref] not in definitions:
                        definitions[names[ref]] = None  # placeholder: stops the recursion
                        definitions[names[ref]] = inline(self._target(ref, where))
                    return {"$ref": "#/$defs/" + _escaped(names[ref])}
                return inline(self._target(ref, where))
            return {key: _map_subschemas(key, value, inline) for key, value in node.items()}

        result = inline(schema)
        if definitions and isinstance(result, dict):
            result["$defs"] = {name: definitions[name] for name in sorted(definitions)}
        return result

    def _refs_under(self, node: Any, where: Where) -> set[str]:
        found: set[str] = set()
        pending = [node]
        while pending:
            current = pending.pop()
            if isinstance(current, dict):
                ref = current.get("$ref")
                if isinstance(ref, str) and ref not in found:
                    found.add(ref)
                    pending.append(self._target(ref, where))
                for key, value in current.items():
                    _map_subschemas(key, value, pending.append)
        return found

    def _reaches(self, start: str, goal: str, where: Where) -> bool:
        return goal in self._refs_under(self._target(start, where), where)

    def problem(self, where: Where, message: str) -> InputError:
        return InputError([SpecProblem(self.document.file, json_pointer(where), message)])


# Keywords whose value is a schema, a list of schemas, or a map of names to schemas: the only
# places a `$ref` is a reference. Anywhere else (`example`, `default`, `enum`) it is data.
_SCHEMA_KEYWORDS = frozenset(
    {"items", "additionalProperties", "not", "contains", "propertyNames", "if", "then", "else"}
    | {"unevaluatedItems", "unevaluatedProperties", "additionalItems"}
)
_SCHEMA_LISTS = frozenset({"allOf", "oneOf", "anyOf", "prefixItems"})
_SCHEMA_MAPS = frozenset(
    {"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"}
)


def _map_subschemas(key: str, value: Any, apply: Any) -> Any:
    """``value`` (under ``key`` of a schema) with ``apply`` applied to each schema it holds;
    data (an ``example``, a ``default``) is left as it is."""
    if key in _SCHEMA_KEYWORDS:
        return apply(value)
    if key in _SCHEMA_LISTS and isinstance(value, list):
        return [apply(item) for item in value]
    if key in _SCHEMA_MAPS and isinstance(value, dict):
        return {name: apply(item) for name, item in value.items()}
    return value


def _escaped(name: str) -> str:
    """A name as one JSON-pointer segment: ``~`` as ``~0``, ``/`` as ``~1``."""
    return name.replace("~", "~0").replace("/", "~1")


# Keywords that only document a schema: beside `allOf: [$ref]` they leave it the component.
_ANNOTATIONS = frozenset({"allOf", "description", "title", "default", "example", "nullable"})


def _allof_alias(schema: dict[str, Any]) -> dict[str, Any] | None:
    parts = schema.get("allOf")
    if not isinstance(parts, list) or len(parts) != 1:
        return None
    only = parts[0]
    if isinstance(only, dict) and "$ref" in only and set(schema) <= _ANNOTATIONS:
        return only
    return None


def _takes_null(schema_type: SchemaType) -> bool:
    if isinstance(schema_type, ConstrainedType):
        return _takes_null(schema_type.type)
    if isinstance(schema_type, UnionType):
        return NullType() in schema_type.options
    if isinstance(schema_type, EnumType):
        return None in schema_type.values
    return isinstance(schema_type, NullType)


def _variant_name(option: Any, index: int) -> str:
    """What a union option's class is named after: its title, else what sets it apart."""
    if isinstance(option, dict):
        if isinstance(option.get("title"), str) and option["title"].strip():
            return str(option["title"])
        properties = list(option.get("properties") or ())
        required = [name for name in option.get("required") or () if name in properties]
        if required or properties:
            return f"With {(required or properties)[0]}"
    return f"Option {index + 1}"


def _def_names(refs: set[str]) -> dict[str, str]:
    """A ``$defs`` name per reference: its last segment, or the whole path where those meet."""
    last = {ref: pointer_key(ref.rsplit("/", 1)[-1]) for ref in refs}
    counts: dict[str, int] = {}
    for name in last.values():
        counts[name] = counts.get(name, 0) + 1
    return {
        ref: name if counts[name] == 1 else re.sub(r"[^A-Za-z0-9_]+", "_", ref[2:])
        for ref, name in last.items()
    }
