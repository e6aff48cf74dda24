"""What each parameter of a tool takes: checked by ``from_parameters``, sent by ``to_parameters``.

Generated tool classes describe their parameters with the descriptors below (``STRING``,
``Enum("Yes", "No")``, ``Array(STRING)``...), so the checking lives here once, not in every tool.

``load(value, parent, key, problems)`` takes the path of a value as its parent's path and its key,
and joins them only when there is a problem to report: checking a valid call builds no paths.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any, TypeAlias

from ._exceptions import Problem
from ._pointers import child_path
from ._types import JsonValue

# The class an ``Object`` holds: an ``ObjectModel`` subclass (``_tool_call``, which builds on this
# module, so it is not named here).
ObjectClass: TypeAlias = "type[Any]"


def _is_json_number(value: object) -> bool:
    """An int or a finite float: JSON has no infinity and no NaN."""
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, int) and not isinstance(value, bool)


def _type_name(value: object) -> str:
    return "null" if value is None else type(value).__name__


class ParamType:
    """How one kind of value is checked and sent."""

    __slots__ = ()
    _expected = "a value"
    # A value of this type is sent as it is held: `to_parameters` skips `dump` for it.
    sent_as_held = True

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

    def load(self, value: object, parent: str, key: str | int, problems: list[Problem]) -> object:
        """The value to store in the dataclass; a problem is recorded when it does not fit."""
        if not self.accepts(value):
            self.refuse(value, parent, key, problems)
        return value

    def refuse(self, value: object, parent: str, key: str | int, problems: list[Problem]) -> None:
        path = child_path(parent, key)
        problems.append(Problem(path, f"expected {self.expected}, got {_type_name(value)}"))

    def dump(self, value: object) -> JsonValue:
        """The value as sent on the wire."""
        return value  # type: ignore[return-value]


class _String(ParamType):
    __slots__ = ()
    _expected = "a string"

    def accepts(self, value: object) -> bool:
        return isinstance(value, str)

    def load(self, value: object, parent: str, key: str | int, problems: list[Problem]) -> object:
        if not isinstance(value, str):
            self.refuse(value, parent, key, problems)
        return value


class _Integer(ParamType):
    __slots__ = ()
    _expected = "an integer"

    def accepts(self, value: object) -> bool:
        return isinstance(value, int) and not isinstance(value, bool)

    def load(self, value: object, parent: str, key: str | int, problems: list[Problem]) -> object:
        if not (isinstance(value, int) and not isinstance(value, bool)):
            self.refuse(value, parent, key, problems)
        return value


class _Number(ParamType):
    __slots__ = ()
    _expected = "a number"

    def accepts(self, value: object) -> bool:
        return _is_json_number(value)

    def load(self, value: object, parent: str, key: str | int, problems: list[Problem]) -> object:
        if not (_is_json_number(value)):
            self.refuse(value, parent, key, problems)
        return value


class _Boolean(ParamType):
    __slots__ = ()
    _expected = "a boolean"

    def accepts(self, value: object) -> bool:
        return isinstance(value, bool)

    def load(self, value: object, parent: str, key: str | int, problems: list[Problem]) -> object:
        if not (isinstance(value, bool)):
            self.refuse(value, parent, key, problems)
        return value


class _Null(ParamType):
    __slots__ = ()
    _expected = "null"

    def accepts(self, value: object) -> bool:
        return value is None


class _Date(_String):
    """A ``format: date`` string; a ``datetime.date`` is sent in ISO 8601 form."""

    __slots__ = ()
    python_type: type[date] = date
    sent_as_held = False

    def matches(self, value: object) -> bool:
        return isinstance(value, (str, self.python_type))

    def dump(self, value: object) -> JsonValue:
        return value.isoformat() if isinstance(value, self.python_type) else value  # type: ignore[return-value]


class _DateTime(_Date):
    """A ``format: date-time`` string; a ``datetime.datetime`` is sent in ISO 8601 form."""

    __slots__ = ()
    python_type = datetime


class _Json(ParamType):
    """Any JSON value: an object without properties is often given a list or a string."""

    __slots__ = ()
    _expected = "a JSON value"

    def accepts(self, value: object) -> bool:
        if value is None or isinstance(value, (str, bool)) or _is_json_number(value):
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
NULL = _Null()
DATE = _Date()
DATETIME = _DateTime()
JSON = _Json()


class Enum(ParamType):
    """One of the spec's values."""

    __slots__ = ("_allowed", "values")

    def __init__(self, *values: str | int | bool) -> None:
        self.values = values
        # Compared with their types: True is not 1, and 1 is not "1".
        self._allowed = frozenset((type(value), value) for value in values)

    def accepts(self, value: object) -> bool:
        try:
            return (type(value), value) in self._allowed
        except TypeError:  # a list or an object: unhashable, and never allowed
            return False

    @property
    def expected(self) -> str:
        return "one of " + ", ".join(repr(v) for v in self.values)

    def refuse(self, value: object, parent: str, key: str | int, problems: list[Problem]) -> None:
        path = child_path(parent, key)
        problems.append(Problem(path, f"expected {self.expected}, got {value!r}"))


class Array(ParamType):
    """A JSON array whose items all take ``items``."""

    __slots__ = ("items", "sent_as_held")

    def __init__(self, items: ParamType) -> None:
        self.items = items
        self.sent_as_held = items.sent_as_held

    def load(self, value: object, parent: str, key: str | int, problems: list[Problem]) -> object:
        if not isinstance(value, list):
            problems.append(
                Problem(child_path(parent, key), f"expected an array, got {_type_name(value)}")
            )
            return value
        if self.items.sent_as_held and all(map(self.items.accepts, value)):
            return list(value)  # items held as sent: nothing to convert, no path to build
        path = child_path(parent, key)
        load = self.items.load
        return [load(item, path, index, problems) for index, item in enumerate(value)]

    def accepts(self, value: object) -> bool:
        return isinstance(value, list) and all(self.items.accepts(item) for item in value)

    def matches(self, value: object) -> bool:
        return isinstance(value, list) and all(self.items.matches(item) for item in value)

    def dump(self, value: object) -> JsonValue:
        assert isinstance(value, list)
        return [self.items.dump(item) for item in value]


class Map(ParamType):
    """A JSON object with free keys whose values all take ``values``."""

    __slots__ = ("sent_as_held", "values")

    def __init__(self, values: ParamType) -> None:
        self.values = values
        self.sent_as_held = values.sent_as_held

    def accepts(self, value: object) -> bool:
        return isinstance(value, Mapping) and all(
            isinstance(k, str) and self.values.accepts(v) for k, v in value.items()
        )

    def matches(self, value: object) -> bool:
        return isinstance(value, Mapping) and all(self.values.matches(v) for v in value.values())

    def load(self, value: object, parent: str, key: str | int, problems: list[Problem]) -> object:
        if not isinstance(value, Mapping):
            problems.append(
                Problem(child_path(parent, key), f"expected an object, got {_type_name(value)}")
            )
            return value
        path = child_path(parent, key)
        return {
            name: self.values.load(item, path, str(name), problems) for name, item in value.items()
        }

    def dump(self, value: object) -> JsonValue:
        assert isinstance(value, Mapping)
        return {key: self.values.dump(item) for key, item in value.items()}


class Object(ParamType):
    """A nested object with declared properties, held as its own frozen dataclass."""

    __slots__ = ("_cls", "_lookup")
    sent_as_held = False

    def __init__(self, cls: ObjectClass | Callable[[], ObjectClass]) -> None:
        # A class defined further down its module (a recursive one) is given as a lambda.
        self._cls: ObjectClass | None = None
        self._lookup: Callable[[], ObjectClass] | None = None
        if isinstance(cls, type):
            self._cls = cls
        else:
            self._lookup = cls

    @property
    def cls(self) -> ObjectClass:
        if self._cls is None:
            assert self._lookup is not None
            self._cls = self._lookup()
        return self._cls

    @property
    def expected(self) -> str:
        return f"an object ({self.cls.__name__})"

    def accepts(self, value: object) -> bool:
        problems: list[Problem] = []
        self.load(value, "", "", problems)
        return not problems

    def matches(self, value: object) -> bool:
        return isinstance(value, self.cls)

    def load(self, value: object, parent: str, key: str | int, problems: list[Problem]) -> object:
        if not isinstance(value, Mapping):
            problems.append(
                Problem(child_path(parent, key), f"expected an object, got {_type_name(value)}")
            )
            return value
        return self.cls._load(value, child_path(parent, key), problems)

    def dump(self, value: object) -> JsonValue:
        assert isinstance(value, self.cls)
        dumped: JsonValue = value.to_json()
        return dumped


class OneOf(ParamType):
    """``oneOf`` / ``anyOf``: the first option the value fits."""

    __slots__ = ("options", "sent_as_held")

    def __init__(self, *options: ParamType) -> None:
        self.options = options
        self.sent_as_held = all(option.sent_as_held for option in options)

    def accepts(self, value: object) -> bool:
        return any(option.accepts(value) for option in self.options)

    def matches(self, value: object) -> bool:
        return any(option.matches(value) for option in self.options)

    @property
    def expected(self) -> str:
        return " or ".join(option.expected for option in self.options)

    def load(self, value: object, parent: str, key: str | int, problems: list[Problem]) -> object:
        for option in self.options:
            tried: list[Problem] = []
            loaded = option.load(value, parent, key, tried)
            if not tried:
                return loaded
        self.refuse(value, parent, key, problems)
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
