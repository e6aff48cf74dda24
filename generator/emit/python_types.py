"""How each schema type of the model is written in generated Python.

For every type: its annotation (what a type checker sees), its runtime descriptor (what
``from_parameters`` checks and ``to_parameters`` sends, an expression over the runtime's
``_params`` module, imported as ``_p``), and the modules both need imported. Every name a
generated module uses but its own classes it reaches through a private module alias
(``_p.STRING``, ``_typing.Literal``, ``_ty.JsonValue``), so that no class or function generated
from the spec can shadow it.

| JSON Schema                          | annotation                    | descriptor           |
|--------------------------------------|-------------------------------|----------------------|
| string                               | str                           | _p.STRING            |
| string, format date / date-time      | str | _datetime.date, ...    | DATE, DATETIME       |
| integer / number / boolean           | int / float / bool            | INTEGER, NUMBER, ... |
| enum (non-empty) / enum: []          | Literal[...] / str            | Enum(...) / STRING   |
| array                                | list[T]                       | Array(T)             |
| object with properties               | a nested dataclass            | Object(Class)        |
| object with additionalProperties: S  | dict[str, S]                  | Map(S)               |
| object without properties, no type   | JsonValue                     | JSON                 |
| oneOf / anyOf                        | A | B                         | OneOf(A, B)          |
| additionalProperties: false alone    | dict[str, JsonValue]          | EMPTY_OBJECT         |
| properties without type              | Class | JsonValue             | WhenObject(Object()) |
| any of these with constraints        | the same                      | Constrained(T, ...)  |
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.catalogue.model import (
    ArrayType,
    BooleanType,
    ConstrainedType,
    EmptyObjectType,
    EnumType,
    EnumValue,
    IntegerType,
    JsonType,
    MapType,
    NullType,
    NumberType,
    ObjectRef,
    SchemaType,
    StringType,
    UnionType,
    WhenObjectType,
)
from generator.emit.literals import python_literal

# A module the generated code imports, under its private alias: absolute ("typing"), or relative to
# the package root ("._params"). Generated code reaches the runtime, `typing` and `datetime` only
# through these aliases, which no name from a spec can take (generated names never start with `_`).
Import = str

ALIASES: dict[str, str] = {
    "typing": "_typing",
    "datetime": "_datetime",
    "collections.abc": "_abc",
    "._params": "_p",
    "._tool_call": "_tc",
    "._types": "_ty",
}


@dataclass(frozen=True)
class PythonType:
    annotation: str
    descriptor: str
    imports: frozenset[Import]


# How an object reference is written where it is used: its class, and the descriptor expression.
ObjectWriter = Callable[[ObjectRef], PythonType]
# How an enum's values are written where they are used: the annotation and the descriptor.
EnumWriter = Callable[[tuple[EnumValue, ...]], tuple[str, str]]

_PARAMS = "._params"
_P = ALIASES[_PARAMS]


def enum_literal(values: tuple[EnumValue, ...]) -> tuple[str, str]:
    """The annotation and the descriptor of a non-empty enum, written out: ``Literal[...]`` for
    strings, integers and booleans, ``float`` beside it where a float is among the values (no
    ``Literal`` holds one), ``None`` where null is."""
    literals = [v for v in values if v is not None and not isinstance(v, float)]
    members: list[str] = []
    if literals:
        members.append(f"_typing.Literal[{', '.join(python_literal(v) for v in literals)}]")
    if any(isinstance(v, float) for v in values):
        members.append("float")
    if None in values:
        members.append("None")
    listed = ", ".join(python_literal(value) for value in values)
    return " | ".join(members), f"{_P}.Enum({listed})"


def python_type(
    schema_type: SchemaType, write_object: ObjectWriter, write_enum: EnumWriter = enum_literal
) -> PythonType:
    if isinstance(schema_type, StringType):
        if schema_type.format == "date":
            return _with("str | _datetime.date", "DATE", "datetime")
        if schema_type.format == "date-time":
            return _with("str | _datetime.datetime", "DATETIME", "datetime")
        return _with("str", "STRING")
    if isinstance(schema_type, IntegerType):
        return _with("int", "INTEGER")
    if isinstance(schema_type, NumberType):
        # `float` accepts an int for a type checker too.
        return _with("float", "NUMBER")
    if isinstance(schema_type, BooleanType):
        return _with("bool", "BOOLEAN")
    if isinstance(schema_type, NullType):
        return _with("None", "NULL")
    if isinstance(schema_type, EnumType):
        if not schema_type.values:
            # An empty enum is an option list not loaded for this user: any string goes.
            return _with("str", "STRING")
        if schema_type.integer:
            annotation, descriptor = enum_literal(schema_type.values)
            descriptor = descriptor[:-1] + f", type={_P}.INTEGER)"
        else:
            annotation, descriptor = write_enum(schema_type.values)
        return PythonType(annotation, descriptor, frozenset({"typing", _PARAMS}))
    if isinstance(schema_type, ArrayType):
        item = python_type(schema_type.items, write_object, write_enum)
        return _wrapping("list[{}]", f"{_P}.Array({{}})", item)
    if isinstance(schema_type, MapType):
        value = python_type(schema_type.values, write_object, write_enum)
        return _wrapping("dict[str, {}]", f"{_P}.Map({{}})", value)
    if isinstance(schema_type, JsonType):
        return PythonType("_ty.JsonValue", f"{_P}.JSON", frozenset({"._types", _PARAMS}))
    if isinstance(schema_type, UnionType):
        options = [python_type(option, write_object, write_enum) for option in schema_type.options]
        imports = frozenset({_PARAMS}).union(*(option.imports for option in options))
        return PythonType(
            # Each member once (`str | date` beside `str`): ruff's PYI016.
            # `None` last (ruff's RUF036).
            annotation=" | ".join(
                sorted(
                    dict.fromkeys(
                        member for option in options for member in union_members(option.annotation)
                    ),
                    key=lambda member: member == "None",
                )
            ),
            descriptor=f"{_P}.OneOf({', '.join(option.descriptor for option in options)})",
            imports=imports,
        )
    if isinstance(schema_type, ObjectRef):
        return write_object(schema_type)
    if isinstance(schema_type, EmptyObjectType):
        return PythonType(
            "dict[str, _ty.JsonValue]", f"{_P}.EMPTY_OBJECT", frozenset({"._types", _PARAMS})
        )
    if isinstance(schema_type, WhenObjectType):
        inner = python_type(schema_type.object, write_object, write_enum)
        return PythonType(
            f"{inner.annotation} | _ty.JsonValue",
            f"{_P}.WhenObject({inner.descriptor})",
            inner.imports | {"._types", _PARAMS},
        )
    if isinstance(schema_type, ConstrainedType):
        inner = python_type(schema_type.type, write_object, write_enum)
        bounds = "".join(
            f", {name}={python_literal(value)}" for name, value in schema_type.constraints
        )
        return PythonType(
            inner.annotation, f"{_P}.Constrained({inner.descriptor}{bounds})", inner.imports
        )
    raise TypeError(f"no Python type for {schema_type!r}")


def union_members(annotation: str) -> list[str]:
    """The members of a union annotation, split at its top level only (``dict[str, A | B]``
    is one member)."""
    members: list[str] = []
    depth, start = 0, 0
    for index, char in enumerate(annotation):
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif depth == 0 and annotation.startswith(" | ", index):
            members.append(annotation[start:index])
            start = index + 3
    members.append(annotation[start:])
    return members


def _with(annotation: str, descriptor: str, *extra: Import) -> PythonType:
    return PythonType(annotation, f"{_P}.{descriptor}", frozenset({_PARAMS, *extra}))


def _wrapping(annotation: str, descriptor: str, inner: PythonType) -> PythonType:
    return PythonType(
        annotation.format(inner.annotation),
        descriptor.format(inner.descriptor),
        inner.imports | {_PARAMS},
    )
