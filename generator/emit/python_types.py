"""How each schema type of the model is written in generated Python.

For every type: its annotation (what a type checker sees), its runtime descriptor (what
``from_parameters`` checks and ``to_parameters`` sends, an expression over the runtime's
``_params`` module), and the names both need imported.

| JSON Schema                          | annotation                    | descriptor           |
|--------------------------------------|-------------------------------|----------------------|
| string                               | str                           | STRING               |
| string, format date / date-time      | str | date, str | datetime   | DATE, DATETIME       |
| integer / number / boolean           | int / float / bool            | INTEGER, NUMBER, ... |
| enum (non-empty) / enum: []          | Literal[...] / str            | Enum(...) / STRING   |
| array                                | list[T]                       | Array(T)             |
| object with properties               | a nested dataclass            | Object(Class)        |
| object with additionalProperties: S  | dict[str, S]                  | Map(S)               |
| object without properties, no type   | JsonValue                     | JSON                 |
| oneOf / anyOf                        | A | B                         | OneOf(A, B)          |
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.catalogue.model import (
    ArrayType,
    BooleanType,
    EnumType,
    IntegerType,
    JsonType,
    MapType,
    NullType,
    NumberType,
    ObjectRef,
    SchemaType,
    StringType,
    UnionType,
)
from generator.emit.literals import python_literal

# (module, name): module "typing", "datetime"..., or relative to the package root ("._params").
Import = tuple[str, str]


@dataclass(frozen=True)
class PythonType:
    annotation: str
    descriptor: str
    imports: frozenset[Import]


# How an object reference is written where it is used: its class, and the descriptor expression.
ObjectWriter = Callable[[ObjectRef], PythonType]

_PARAMS = "._params"


def python_type(schema_type: SchemaType, write_object: ObjectWriter) -> PythonType:
    if isinstance(schema_type, StringType):
        if schema_type.format == "date":
            return _with("str | date", "DATE", ("datetime", "date"))
        if schema_type.format == "date-time":
            return _with("str | datetime", "DATETIME", ("datetime", "datetime"))
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
        values = ", ".join(python_literal(value) for value in schema_type.values)
        return PythonType(
            annotation=f"Literal[{values}]",
            descriptor=f"Enum({values})",
            imports=frozenset({("typing", "Literal"), (_PARAMS, "Enum")}),
        )
    if isinstance(schema_type, ArrayType):
        item = python_type(schema_type.items, write_object)
        return _wrapping("list[{}]", "Array({})", "Array", item)
    if isinstance(schema_type, MapType):
        value = python_type(schema_type.values, write_object)
        return _wrapping("dict[str, {}]", "Map({})", "Map", value)
    if isinstance(schema_type, JsonType):
        return _with("JsonValue", "JSON", ("._types", "JsonValue"))
    if isinstance(schema_type, UnionType):
        options = [python_type(option, write_object) for option in schema_type.options]
        imports = frozenset({(_PARAMS, "OneOf")}).union(*(option.imports for option in options))
        return PythonType(
            annotation=" | ".join(option.annotation for option in options),
            descriptor=f"OneOf({', '.join(option.descriptor for option in options)})",
            imports=imports,
        )
    if isinstance(schema_type, ObjectRef):
        return write_object(schema_type)
    raise TypeError(f"no Python type for {schema_type!r}")


def _with(annotation: str, descriptor: str, *extra: Import) -> PythonType:
    name = descriptor.partition("(")[0]
    return PythonType(annotation, descriptor, frozenset({(_PARAMS, name), *extra}))


def _wrapping(annotation: str, descriptor: str, name: str, inner: PythonType) -> PythonType:
    return PythonType(
        annotation.format(inner.annotation),
        descriptor.format(inner.descriptor),
        inner.imports | {(_PARAMS, name)},
    )
