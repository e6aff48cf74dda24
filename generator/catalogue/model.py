"""Stage 3's vocabulary: a small typed model of the tool catalogue.

It says what the spec means, in the spec's own names; how those become Python names and types is
decided later (``naming``, ``python_types``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeAlias

from generator.problems import SpecProblem


@dataclass(frozen=True)
class StringType:
    format: str | None = None


@dataclass(frozen=True)
class IntegerType:
    pass


@dataclass(frozen=True)
class NumberType:
    pass


@dataclass(frozen=True)
class BooleanType:
    pass


@dataclass(frozen=True)
class NullType:
    """Only ``null``: the nullable branch of an array item or a union option."""


# An enum's value: any JSON scalar (floats and null too), compared as JSON compares them.
EnumValue: TypeAlias = str | int | float | bool | None


@dataclass(frozen=True)
class EnumType:
    """Enum values in spec order, possibly none at all (an option list not loaded for the user)."""

    values: tuple[EnumValue, ...]
    # `type: integer` beside it: a float is refused, whatever it equals.
    integer: bool = False


@dataclass(frozen=True)
class ArrayType:
    items: SchemaType


@dataclass(frozen=True)
class MapType:
    """An object whose keys are free and whose values all take one schema."""

    values: SchemaType


@dataclass(frozen=True)
class JsonType:
    """A free-form JSON value: an object without properties, or a schema without a type."""


@dataclass(frozen=True)
class EmptyObjectType:
    """An object that takes no key: ``additionalProperties: false`` and no properties."""


@dataclass(frozen=True)
class UnionType:
    """``oneOf`` / ``anyOf``: the value takes one of the options (tried in order)."""

    options: tuple[SchemaType, ...]


@dataclass(frozen=True)
class ObjectRef:
    """An object with declared properties, defined once in ``Catalogue.objects`` under ``key``."""

    key: str


@dataclass(frozen=True)
class WhenObjectType:
    """``properties`` without ``type``: an object takes the declared properties, any other JSON
    value is free."""

    object: ObjectRef | EmptyObjectType


# A constraint's runtime name (``min_length``) and its bound.
Constraint: TypeAlias = tuple[str, int | float | str | bool]


@dataclass(frozen=True)
class ConstrainedType:
    """``type`` held to the schema's constraints (``minimum``, ``pattern``...), in the runtime's
    names and terms (an excluded bound is a number)."""

    type: SchemaType
    constraints: tuple[Constraint, ...]


SchemaType: TypeAlias = (
    StringType
    | IntegerType
    | NumberType
    | BooleanType
    | NullType
    | EnumType
    | ArrayType
    | MapType
    | JsonType
    | UnionType
    | ObjectRef
    | EmptyObjectType
    | WhenObjectType
    | ConstrainedType
)


@dataclass(frozen=True)
class Field:
    """One property of a tool's parameters or of a nested object, under its wire name."""

    wire_name: str
    type: SchemaType
    required: bool
    nullable: bool
    description: str | None
    # The spec's `default`, as JSON text; documented, never sent in the caller's place.
    default: str | None = None


@dataclass(frozen=True)
class ObjectDef:
    """A nested object type: a frozen dataclass of its own in the generated code.

    ``name_path`` is what its class is named after: the tool and the property path for an inline
    object (``("HUBSPOT_SEARCH_CONTACTS", "filter")``), the component's name for a shared one.
    ``owner`` is the tool that holds an inline object; shared ones have none.
    """

    key: str
    name_path: tuple[str, ...]
    owner: str | None
    fields: tuple[Field, ...]
    description: str | None
    # What other keys take (`additionalProperties` beside properties); None: they are refused.
    extra: SchemaType | None = None


@dataclass(frozen=True)
class Tool:
    name: str
    integration: str
    title: str
    description: str | None
    fields: tuple[Field, ...]
    # The JSON Schema of `parameters` as the spec gives it, self-contained, for `json_schema()`.
    parameters_schema: dict[str, Any]
    source: str
    # What keys beyond the declared parameters take (`additionalProperties`); None: refused.
    extra: SchemaType | None = None
    # The parameters object's own constraints (`minProperties`, `maxProperties`).
    constraints: tuple[Constraint, ...] = ()


@dataclass(frozen=True)
class Catalogue:
    title: str
    version: str
    tools: tuple[Tool, ...]
    objects: tuple[ObjectDef, ...] = ()
    replaced: tuple[str, ...] = ()
    """Tools an overlay's definition replaced."""
    added: tuple[str, ...] = ()
    """Tools an overlay added."""
    skipped: tuple[tuple[str, SpecProblem], ...] = ()
    """With --skip-invalid-tools: each tool left out (its wire name, or its path where it has
    none) and what is wrong with it."""

    def integrations(self) -> dict[str, tuple[Tool, ...]]:
        """The tools grouped by integration, both sorted."""
        grouped: dict[str, list[Tool]] = {}
        for tool in self.tools:
            grouped.setdefault(tool.integration, []).append(tool)
        return {key: tuple(grouped[key]) for key in sorted(grouped)}
