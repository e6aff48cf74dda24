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
from typing import Any, TypeAlias, cast

from ._exceptions import Problem
from ._patterns import compiled
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
            return all(self.accepts(item) for item in cast("list[object]", value))
        if isinstance(value, Mapping):
            entries = cast("Mapping[object, object]", value).items()
            return all(isinstance(k, str) and self.accepts(v) for k, v in entries)
        return False


STRING = _String()
INTEGER = _Integer()
NUMBER = _Number()
BOOLEAN = _Boolean()
NULL = _Null()
DATE = _Date()
DATETIME = _DateTime()
JSON = _Json()


EnumValue: TypeAlias = "str | int | float | bool | None"


def json_key(value: object) -> object:
    """A hashable key equal for values JSON holds equal: ``1`` and ``1.0`` are one number, ``True``
    is not ``1``, and an array or object is keyed by its contents."""
    if value is None or isinstance(value, (bool, str)):
        return (type(value), value)
    if isinstance(value, (int, float)):
        return (float, value)  # 1 == 1.0 and hash(1) == hash(1.0): one key
    if isinstance(value, list):
        return (list, tuple(json_key(item) for item in cast("list[object]", value)))
    if isinstance(value, Mapping):
        items = cast("Mapping[object, object]", value).items()
        return (dict, frozenset((key, json_key(item)) for key, item in items))
    return (type(value), id(value))


class Enum(ParamType):
    """One of the spec's values, compared as JSON compares them (``1.0`` is ``1``, ``True`` is
    not)."""

    __slots__ = ("_allowed", "type", "values")

    def __init__(self, *values: EnumValue, type: ParamType | None = None) -> None:
        self.values = values
        # What the schema's `type` adds: `INTEGER` refuses 1.0 where the enum holds 1.
        self.type = type
        self._allowed = frozenset(json_key(value) for value in values)

    def accepts(self, value: object) -> bool:
        if json_key(value) not in self._allowed:
            return False
        return self.type is None or self.type.accepts(value)

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
        items = cast("list[object]", value)
        if self.items.sent_as_held and all(map(self.items.accepts, items)):
            return list(items)  # items held as sent: nothing to convert, no path to build
        path = child_path(parent, key)
        load = self.items.load
        return [load(item, path, index, problems) for index, item in enumerate(items)]

    def accepts(self, value: object) -> bool:
        return isinstance(value, list) and all(map(self.items.accepts, cast("list[object]", value)))

    def matches(self, value: object) -> bool:
        return isinstance(value, list) and all(map(self.items.matches, cast("list[object]", value)))

    def dump(self, value: object) -> JsonValue:
        assert isinstance(value, list)
        return [self.items.dump(item) for item in cast("list[object]", value)]


class Map(ParamType):
    """A JSON object with free keys whose values all take ``values``."""

    __slots__ = ("sent_as_held", "values")

    def __init__(self, values: ParamType) -> None:
        self.values = values
        self.sent_as_held = values.sent_as_held

    def accepts(self, value: object) -> bool:
        return isinstance(value, Mapping) and all(
            isinstance(k, str) and self.values.accepts(v)
            for k, v in cast("Mapping[object, object]", value).items()
        )

    def matches(self, value: object) -> bool:
        return isinstance(value, Mapping) and all(
            map(self.values.matches, cast("Mapping[object, object]", value).values())
        )

    def load(self, value: object, parent: str, key: str | int, problems: list[Problem]) -> object:
        if not isinstance(value, Mapping):
            problems.append(
                Problem(child_path(parent, key), f"expected an object, got {_type_name(value)}")
            )
            return value
        path = child_path(parent, key)
        entries = cast("Mapping[object, object]", value).items()
        return {name: self.values.load(item, path, str(name), problems) for name, item in entries}

    def dump(self, value: object) -> JsonValue:
        assert isinstance(value, Mapping)
        entries = cast("Mapping[str, object]", value).items()
        return {key: self.values.dump(item) for key, item in entries}


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
        dumped: JsonValue = cast("Any", value).to_json()
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
        broken: list[Problem] | None = None
        for option in self.options:
            tried: list[Problem] = []
            loaded = option.load(value, parent, key, tried)
            if not tried:
                return loaded
            if broken is None and isinstance(option, Constrained) and option.type.accepts(value):
                broken = tried  # the value has the option's type, and breaks its constraints
        if broken is not None:
            problems.extend(broken)
        else:
            self.refuse(value, parent, key, problems)
        return value

    def dump(self, value: object) -> JsonValue:
        for option in self.options:
            if option.matches(value):
                return option.dump(value)
        return value  # type: ignore[return-value]


class WhenObject(ParamType):
    """A schema with ``properties`` and no ``type``: an object is checked by ``object``, any other
    JSON value is taken as it is (JSON Schema applies ``properties`` to objects only)."""

    __slots__ = ("object",)
    sent_as_held = False

    def __init__(self, object: ParamType) -> None:
        self.object = object

    @property
    def expected(self) -> str:
        return self.object.expected + " or any JSON value but an object"

    def accepts(self, value: object) -> bool:
        if isinstance(value, Mapping):
            return self.object.accepts(cast("Mapping[object, object]", value))
        return JSON.accepts(value)

    def matches(self, value: object) -> bool:
        return self.object.matches(value) or (
            not isinstance(value, Mapping) and JSON.accepts(value)
        )

    def load(self, value: object, parent: str, key: str | int, problems: list[Problem]) -> object:
        if isinstance(value, Mapping):
            return self.object.load(cast("Mapping[object, object]", value), parent, key, problems)
        return JSON.load(value, parent, key, problems)

    def dump(self, value: object) -> JsonValue:
        return self.object.dump(value) if self.object.matches(value) else JSON.dump(value)


class _EmptyObject(ParamType):
    """An object that takes no key (``additionalProperties: false`` and no properties): ``{}``."""

    __slots__ = ()
    _expected = "an empty object"

    def accepts(self, value: object) -> bool:
        return isinstance(value, Mapping) and not value

    def load(self, value: object, parent: str, key: str | int, problems: list[Problem]) -> object:
        if not isinstance(value, Mapping):
            self.refuse(value, parent, key, problems)
            return value
        keys = cast("Mapping[object, object]", value)
        if keys:
            path = child_path(parent, key)
            problems.extend(
                Problem(child_path(path, str(name)), "unknown property") for name in keys
            )
        return keys


EMPTY_OBJECT = _EmptyObject()

# One check of a constraint: the problem's message, or None where the value keeps it.
Check: TypeAlias = "Callable[[Any], str | None]"


class Constrained(ParamType):
    """``type`` with the schema's constraints: a value of the right type is then held to each.

    Only a schema with constraints gets one, so a plain field costs what it did. As in JSON
    Schema, each constraint applies to values of its kind only (``minLength`` to strings...):
    the bounds are plain numbers, ``exclusive_minimum``/``exclusive_maximum`` the excluded bound
    itself (OpenAPI 3.0's ``exclusiveMinimum: true`` beside ``minimum: 5`` is ``exclusive_minimum=5``).
    """

    __slots__ = ("_checks", "_kinds", "constraints", "sent_as_held", "type")

    def __init__(
        self,
        type: ParamType,
        *,
        minimum: float | None = None,
        maximum: float | None = None,
        exclusive_minimum: float | None = None,
        exclusive_maximum: float | None = None,
        multiple_of: float | None = None,
        min_length: int | None = None,
        max_length: int | None = None,
        pattern: str | None = None,
        min_items: int | None = None,
        max_items: int | None = None,
        unique_items: bool = False,
        min_properties: int | None = None,
        max_properties: int | None = None,
    ) -> None:
        self.type = type
        self.sent_as_held = type.sent_as_held
        self.constraints: dict[str, object] = {
            name: value
            for name, value in (
                ("minimum", minimum),
                ("maximum", maximum),
                ("exclusive_minimum", exclusive_minimum),
                ("exclusive_maximum", exclusive_maximum),
                ("multiple_of", multiple_of),
                ("min_length", min_length),
                ("max_length", max_length),
                ("pattern", pattern),
                ("min_items", min_items),
                ("max_items", max_items),
                ("unique_items", unique_items or None),
                ("min_properties", min_properties),
                ("max_properties", max_properties),
            )
            if value is not None
        }
        numbers: list[Check] = []
        strings: list[Check] = []
        arrays: list[Check] = []
        objects: list[Check] = []
        if minimum is not None:
            numbers.append(lambda v: None if v >= minimum else f"must be at least {minimum!r}")
        if maximum is not None:
            numbers.append(lambda v: None if v <= maximum else f"must be at most {maximum!r}")
        if exclusive_minimum is not None:
            low = exclusive_minimum
            numbers.append(lambda v: None if v > low else f"must be greater than {low!r}")
        if exclusive_maximum is not None:
            high = exclusive_maximum
            numbers.append(lambda v: None if v < high else f"must be less than {high!r}")
        if multiple_of is not None:
            step = multiple_of
            numbers.append(
                lambda v: None if is_multiple(v, step) else f"must be a multiple of {step!r}"
            )
        if min_length is not None:
            strings.append(
                lambda v: (
                    None
                    if len(v) >= min_length
                    else f"must have at least {min_length} characters, has {len(v)}"
                )
            )
        if max_length is not None:
            strings.append(
                lambda v: (
                    None
                    if len(v) <= max_length
                    else f"must have at most {max_length} characters, has {len(v)}"
                )
            )
        if pattern is not None:
            strings.append(lambda v: _pattern_problem(pattern, v))
        if min_items is not None:
            arrays.append(
                lambda v: (
                    None
                    if len(v) >= min_items
                    else f"must have at least {min_items} items, has {len(v)}"
                )
            )
        if max_items is not None:
            arrays.append(
                lambda v: (
                    None
                    if len(v) <= max_items
                    else f"must have at most {max_items} items, has {len(v)}"
                )
            )
        if unique_items:
            arrays.append(_repeat_problem)
        if min_properties is not None:
            objects.append(
                lambda v: (
                    None
                    if len(v) >= min_properties
                    else f"must have at least {min_properties} properties, has {len(v)}"
                )
            )
        if max_properties is not None:
            objects.append(
                lambda v: (
                    None
                    if len(v) <= max_properties
                    else f"must have at most {max_properties} properties, has {len(v)}"
                )
            )
        self._checks = (tuple(numbers), tuple(strings), tuple(arrays), tuple(objects))

    @property
    def expected(self) -> str:
        return self.type.expected

    def _checks_for(self, value: object) -> tuple[Check, ...]:
        numbers, strings, arrays, objects = self._checks
        if isinstance(value, str):
            return strings
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return numbers
        if isinstance(value, list):
            return arrays
        if isinstance(value, Mapping):
            return objects
        return ()

    def problems(self, value: object) -> list[str]:
        """What ``value`` (of the right type) breaks, one message a constraint."""
        found: list[str] = []
        for check in self._checks_for(value):
            message = check(value)
            if message is not None:
                found.append(message)
        return found

    def accepts(self, value: object) -> bool:
        return self.type.accepts(value) and not self.problems(value)

    def matches(self, value: object) -> bool:
        return self.type.matches(value)

    def load(self, value: object, parent: str, key: str | int, problems: list[Problem]) -> object:
        found = len(problems)
        loaded = self.type.load(value, parent, key, problems)
        if len(problems) == found:
            broken = self.problems(value)
            if broken:
                path = child_path(parent, key)
                problems.extend(Problem(path, message) for message in broken)
        return loaded

    def dump(self, value: object) -> JsonValue:
        return self.type.dump(value)


def is_multiple(value: float, step: float) -> bool:
    """Whether ``value`` is a multiple of ``step``, by the rule JSON Schema validators use: exact
    for integers, the quotient's being whole for floats (``0.3`` is a multiple of ``0.1``)."""
    if isinstance(value, int) and isinstance(step, int):
        return value % step == 0
    try:
        quotient = value / step
        return math.isfinite(quotient) and quotient == int(quotient)
    except (OverflowError, ZeroDivisionError):
        return False


def _pattern_problem(pattern: str, value: str) -> str | None:
    expression = compiled(pattern)
    if expression is None or expression.search(value) is not None:
        return None
    return f"must match the pattern {pattern!r}"


def _repeat_problem(items: list[object]) -> str | None:
    seen: dict[object, int] = {}
    for index, item in enumerate(items):
        first = seen.setdefault(json_key(item), index)
        if first != index:
            return f"must have unique items: items {first} and {index} are equal"
    return None


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
