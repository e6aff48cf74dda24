"""How each schema type of the model is written in generated Python.

For every type: its annotation (what a type checker sees), its runtime descriptor (what
``from_parameters`` checks and ``to_parameters`` sends, an expression over the runtime's
``_params`` module), and the names both need imported.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.literals import python_string
from generator.model import (
    ArrayType,
    BooleanType,
    EnumType,
    IntegerType,
    JsonType,
    NumberType,
    SchemaType,
    StringType,
)


@dataclass(frozen=True)
class PythonType:
    annotation: str
    descriptor: str
    # (module, name) pairs, module relative to the generated package root ("typing", "._types").
    imports: frozenset[tuple[str, str]]


_PARAMS = "._params"


def python_type(schema_type: SchemaType) -> PythonType:
    if isinstance(schema_type, StringType):
        return _simple("str", "STRING")
    if isinstance(schema_type, IntegerType):
        return _simple("int", "INTEGER")
    if isinstance(schema_type, NumberType):
        # `float` accepts an int for a type checker too.
        return _simple("float", "NUMBER")
    if isinstance(schema_type, BooleanType):
        return _simple("bool", "BOOLEAN")
    if isinstance(schema_type, EnumType):
        if not schema_type.values:
            # An empty enum is an option list not loaded for this user: any string goes.
            return _simple("str", "STRING")
        values = ", ".join(python_string(value) for value in schema_type.values)
        return PythonType(
            annotation=f"Literal[{values}]",
            descriptor=f"Enum({values})",
            imports=frozenset({("typing", "Literal"), (_PARAMS, "Enum")}),
        )
    if isinstance(schema_type, ArrayType):
        item = python_type(schema_type.items)
        return PythonType(
            annotation=f"list[{item.annotation}]",
            descriptor=f"Array({item.descriptor})",
            imports=item.imports | {(_PARAMS, "Array")},
        )
    if isinstance(schema_type, JsonType):
        return PythonType(
            annotation="JsonValue",
            descriptor="JSON",
            imports=frozenset({("._types", "JsonValue"), (_PARAMS, "JSON")}),
        )
    raise TypeError(f"no Python type for {schema_type!r}")


def _simple(annotation: str, descriptor: str) -> PythonType:
    return PythonType(annotation, descriptor, frozenset({(_PARAMS, descriptor)}))
