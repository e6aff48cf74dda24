"""Stage 3's vocabulary: a small typed model of the tool catalogue.

It says what the spec means, in the spec's own names; how those become Python names and types is
decided later (``naming``, ``python_types``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeAlias


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
class EnumType:
    """A string enum; ``values`` in spec order, possibly empty (an option list not loaded)."""

    values: tuple[str, ...]


@dataclass(frozen=True)
class ArrayType:
    items: SchemaType


@dataclass(frozen=True)
class JsonType:
    """A free-form JSON value: an object without properties, or a schema without a type."""


SchemaType: TypeAlias = (
    StringType | IntegerType | NumberType | BooleanType | EnumType | ArrayType | JsonType
)


@dataclass(frozen=True)
class Field:
    """One parameter of a tool, under its wire name."""

    wire_name: str
    type: SchemaType
    required: bool
    nullable: bool
    description: str | None


@dataclass(frozen=True)
class Tool:
    name: str
    integration: str
    title: str
    description: str | None
    fields: tuple[Field, ...]
    # The JSON Schema of `parameters` as the spec gives it, for `json_schema()`.
    parameters_schema: dict[str, Any]
    source: str


@dataclass(frozen=True)
class Catalogue:
    title: str
    version: str
    tools: tuple[Tool, ...]

    def integrations(self) -> dict[str, tuple[Tool, ...]]:
        """The tools grouped by integration, both sorted."""
        grouped: dict[str, list[Tool]] = {}
        for tool in self.tools:
            grouped.setdefault(tool.integration, []).append(tool)
        return {key: tuple(grouped[key]) for key in sorted(grouped)}
