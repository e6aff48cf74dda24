"""What each parameter of a tool takes: checked by ``from_parameters``, sent by ``to_parameters``.

Generated tool classes describe their parameters with the descriptors below (``STRING``,
``Enum("Yes", "No")``, ``Array(STRING)``...), so the checking lives here once, not in every tool.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ._exceptions import Problem
from ._types import JsonValue

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def child_path(path: str, key: str | int) -> str:
    """``parameters.Name``, ``parameters["filter.value"]`` or ``parameters.Items[0]``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    if _IDENTIFIER.fullmatch(key):
        return f"{path}.{key}"
    return f"{path}[{_quoted(key)}]"


def _quoted(key: str) -> str:
    return '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _type_name(value: object) -> str:
    return "null" if value is None else type(value).__name__


class ParamType:
    """How one kind of value is checked and sent."""

    __slots__ = ()
    expected = "a value"

    def accepts(self, value: object) -> bool:
        raise NotImplementedError

    def load(self, value: object, path: str, problems: list[Problem]) -> object:
        """The value to store in the dataclass; a problem is recorded when it does not fit."""
        if not self.accepts(value):
            problems.append(Problem(path, f"expected {self.expected}, got {_type_name(value)}"))
        return value

    def dump(self, value: object) -> JsonValue:
        """The value as sent on the wire."""
        return value  # type: ignore[return-value]


class _String(ParamType):
    __slots__ = ()
    expected = "a string"

    def accepts(self, value: object) -> bool:
        return isinstance(value, str)


class _Integer(ParamType):
    __slots__ = ()
    expected = "an integer"

    def accepts(self, value: object) -> bool:
        return isinstance(value, int) and not isinstance(value, bool)


class _Number(ParamType):
    __slots__ = ()
    expected = "a number"

    def accepts(self, value: object) -> bool:
        return isinstance(value, (int, float)) and not isinstance(value, bool)


class _Boolean(ParamType):
    __slots__ = ()
    expected = "a boolean"

    def accepts(self, value: object) -> bool:
        return isinstance(value, bool)


class _Json(ParamType):
    """Any JSON value: an object without properties is often given a list or a string."""

    __slots__ = ()
    expected = "a JSON value"

    def accepts(self, value: object) -> bool:
        if value is None or isinstance(value, (str, bool, int, float)):
            return True
        if isinstance(value, list):
            return all(self.accepts(item) for item in value)
        if isinstance(value, Mapping):
            return all(isinstance(k, str) and self.accepts(v) for k, v in value.items())
        return False


STRING = _String()
INTEGER = _Integer()
NUMBER = _Number()
BOOLEAN = _Boolean()
JSON = _Json()


class Enum(ParamType):
    """One of the spec's string values."""

    __slots__ = ("_allowed", "values")

    def __init__(self, *values: str) -> None:
        self.values = values
        self._allowed = frozenset(values)

    def load(self, value: object, path: str, problems: list[Problem]) -> object:
        if not isinstance(value, str) or value not in self._allowed:
            allowed = ", ".join(repr(v) for v in self.values)
            problems.append(Problem(path, f"expected one of {allowed}, got {value!r}"))
        return value


class Array(ParamType):
    """A JSON array whose items all take ``items``."""

    __slots__ = ("items",)

    def __init__(self, items: ParamType) -> None:
        self.items = items

    def load(self, value: object, path: str, problems: list[Problem]) -> object:
        if not isinstance(value, list):
            problems.append(Problem(path, f"expected an array, got {_type_name(value)}"))
            return value
        return [
            self.items.load(item, child_path(path, index), problems)
            for index, item in enumerate(value)
        ]

    def dump(self, value: object) -> JsonValue:
        assert isinstance(value, list)
        return [self.items.dump(item) for item in value]


class Param:
    """One parameter of a tool: its field name, wire name, type and whether it is required."""

    __slots__ = ("name", "nullable", "required", "type", "wire_name")

    def __init__(
        self,
        name: str,
        wire_name: str,
        type: ParamType,
        *,
        required: bool = False,
        nullable: bool = False,
    ) -> None:
        self.name = name
        self.wire_name = wire_name
        self.type = type
        self.required = required
        self.nullable = nullable
