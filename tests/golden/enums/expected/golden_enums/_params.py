"""What each parameter of a tool takes: checked by ``from_parameters``, sent by ``to_parameters``.

Generated tool classes describe their parameters with the descriptors below (``STRING``,
``Enum("Yes", "No")``, ``Array(STRING)``...), so the checking lives here once, not in every tool.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING

from ._exceptions import Problem
from ._types import JsonValue

if TYPE_CHECKING:
    from ._tool_call import JsonObject

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
    _expected = "a value"

    @property
    def expected(self) -> str:
        """What the type takes, for problem messages."""
        return self._expected

    def accepts(self, value: object) -> bool:
        """Whether ``value`` is one this type takes, as it comes from JSON."""
        raise NotImplementedError

    def matches(self, value: object) -> bool:
        """Whether a value held in a dataclass is of this type (picks the option of a union)."""
        return self.accepts(value)

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
    _expected = "a string"

    def accepts(self, value: object) -> bool:
        return isinstance(value, str)


class _Integer(ParamType):
    __slots__ = ()
    _expected = "an integer"

    def accepts(self, value: object) -> bool:
        return isinstance(value, int) and not isinstance(value, bool)


class _Number(ParamType):
    __slots__ = ()
    _expected = "a number"

    def accepts(self, value: object) -> bool:
        return isinstance(value, (int, float)) and not isinstance(value, bool)


class _Boolean(ParamType):
    __slots__ = ()
    _expected = "a boolean"

    def accepts(self, value: object) -> bool:
        return isinstance(value, bool)


class _Json(ParamType):
    """Any JSON value: an object without properties is often given a list or a string."""

    __slots__ = ()
    _expected = "a JSON value"

    def accepts(self, value: object) -> bool:
        if value is None or isinstance(value, (str, bool, int, float)):
            return True
        if isinstance(value, list):
            return all(self.accepts(item) for item in value)
        if isinstance(value, Mapping):
            return all(isinstance(k, str) and self.accepts(v) for k, v in value.items())
        return False


class _Null(ParamType):
    __slots__ = ()
    _expected = "null"

    def accepts(self, value: object) -> bool:
        return value is None


class _Date(_String):
    """A ``format: date`` string; a ``datetime.date`` is sent in ISO 8601 form."""

    __slots__ = ()
    python_type: type[date] = date

    def matches(self, value: object) -> bool:
        return isinstance(value, (str, self.python_type))

    def dump(self, value: object) -> JsonValue:
        return value.isoformat() if isinstance(value, self.python_type) else value  # type: ignore[return-value]


class _DateTime(_Date):
    """A ``format: date-time`` string; a ``datetime.datetime`` is sent in ISO 8601 form."""

    __slots__ = ()
    python_type = datetime


STRING = _String()
INTEGER = _Integer()
NUMBER = _Number()
BOOLEAN = _Boolean()
NULL = _Null()
DATE = _Date()
DATETIME = _DateTime()
JSON = _Json()


class Enum(ParamType):
    """One of the spec's values."""

    __slots__ = ("values",)

    def __init__(self, *values: str | int | bool) -> None:
        self.values = values

    def accepts(self, value: object) -> bool:
        # Compared with their types: True is not 1, and 1 is not "1".
        return any(type(value) is type(v) and value == v for v in self.values)

    @property
    def expected(self) -> str:
        return "one of " + ", ".join(repr(v) for v in self.values)

    def load(self, value: object, path: str, problems: list[Problem]) -> object:
        if not self.accepts(value):
            problems.append(Problem(path, f"expected {self.expected}, got {value!r}"))
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

    def accepts(self, value: object) -> bool:
        return isinstance(value, list) and all(self.items.accepts(item) for item in value)

    def matches(self, value: object) -> bool:
        return isinstance(value, list) and all(self.items.matches(item) for item in value)

    def dump(self, value: object) -> JsonValue:
        assert isinstance(value, list)
        return [self.items.dump(item) for item in value]


class Map(ParamType):
    """A JSON object with free keys whose values all take ``values``."""

    __slots__ = ("values",)

    def __init__(self, values: ParamType) -> None:
        self.values = values

    def accepts(self, value: object) -> bool:
        return isinstance(value, Mapping) and all(
            isinstance(k, str) and self.values.accepts(v) for k, v in value.items()
        )

    def matches(self, value: object) -> bool:
        return isinstance(value, Mapping) and all(self.values.matches(v) for v in value.values())

    def load(self, value: object, path: str, problems: list[Problem]) -> object:
        if not isinstance(value, Mapping):
            problems.append(Problem(path, f"expected an object, got {_type_name(value)}"))
            return value
        return {
            key: self.values.load(item, child_path(path, str(key)), problems)
            for key, item in value.items()
        }

    def dump(self, value: object) -> JsonValue:
        assert isinstance(value, Mapping)
        return {key: self.values.dump(item) for key, item in value.items()}


class Object(ParamType):
    """A nested object with declared properties, held as its own frozen dataclass."""

    __slots__ = ("_cls", "_lookup")

    def __init__(self, cls: type[JsonObject] | Callable[[], type[JsonObject]]) -> None:
        # A class defined further down its module (a recursive one) is given as a lambda.
        self._cls: type[JsonObject] | None = None
        self._lookup: Callable[[], type[JsonObject]] | None = None
        if isinstance(cls, type):
            self._cls = cls
        else:
            self._lookup = cls

    @property
    def cls(self) -> type[JsonObject]:
        if self._cls is None:
            assert self._lookup is not None
            self._cls = self._lookup()
        return self._cls

    @property
    def expected(self) -> str:
        return f"an object ({self.cls.__name__})"

    def accepts(self, value: object) -> bool:
        problems: list[Problem] = []
        self.load(value, "", problems)
        return not problems

    def matches(self, value: object) -> bool:
        return isinstance(value, self.cls)

    def load(self, value: object, path: str, problems: list[Problem]) -> object:
        if not isinstance(value, Mapping):
            problems.append(Problem(path, f"expected an object, got {_type_name(value)}"))
            return value
        return self.cls._load(value, path, problems)

    def dump(self, value: object) -> JsonValue:
        assert isinstance(value, self.cls)
        return value.to_json()


class OneOf(ParamType):
    """``oneOf`` / ``anyOf``: the first option the value fits."""

    __slots__ = ("options",)

    def __init__(self, *options: ParamType) -> None:
        self.options = options

    def accepts(self, value: object) -> bool:
        return any(option.accepts(value) for option in self.options)

    def matches(self, value: object) -> bool:
        return any(option.matches(value) for option in self.options)

    def load(self, value: object, path: str, problems: list[Problem]) -> object:
        for option in self.options:
            tried: list[Problem] = []
            loaded = option.load(value, path, tried)
            if not tried:
                return loaded
        expected = " or ".join(option.expected for option in self.options)
        problems.append(Problem(path, f"expected {expected}, got {_type_name(value)}"))
        return value

    def dump(self, value: object) -> JsonValue:
        for option in self.options:
            if option.matches(value):
                return option.dump(value)
        return value  # type: ignore[return-value]


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
