"""``ToolCall``, the base of every generated tool class; ``ObjectModel``, the base of their nested
objects; and the ``Runner`` a tool function runs on."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, fields
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar, cast

from . import _schemas
from ._exceptions import ActionKitValidationError, Problem
from ._params import Constrained, Param, ParamType
from ._pointers import child_path
from ._types import NOT_GIVEN, JsonValue

Result = TypeVar("Result")
_Result_co = TypeVar("_Result_co", covariant=True)
_Object = TypeVar("_Object", bound="ObjectModel")
_Class = TypeVar("_Class", bound=type)

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:  # only type checkers read it; Python 3.10's typing lacks it

    def dataclass_transform(**_: object) -> Callable[[_Class], _Class]:
        return lambda decorated: decorated


@dataclass_transform(kw_only_default=True, frozen_default=True)
def frozen_dataclass(cls: _Class) -> _Class:
    """A frozen, keyword-only dataclass with slots: how every generated class is declared.

    Equality, hashing and the repr come from ``ObjectModel`` rather than from code the
    ``dataclasses`` module compiles for each class: a catalogue has a thousand classes, and
    compiling fewer methods for each makes importing them a third faster.
    """
    make = cast(
        "Callable[[type], type]",
        dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False),
    )
    return cast("_Class", make(cls))


class Runner(Protocol[_Result_co]):
    """What a tool function runs its call on: ``ActionKit`` (a result) or ``AsyncActionKit``
    (an awaitable of it)."""

    def run(self, call: ToolCall, /) -> _Result_co: ...


class ObjectModel:
    """A JSON object with declared properties, as a frozen dataclass under Python names."""

    __slots__ = ()

    _PARAMS: ClassVar[tuple[Param, ...]]
    # What keys beyond the declared ones take (the schema's `additionalProperties`, a schema or
    # `true`), and the field they are held in; None where such keys are refused.
    _EXTRA: ClassVar[ParamType | None] = None
    _EXTRA_FIELD: ClassVar[str] = "extra_properties"
    # The object's own constraints (a tool's `minProperties`...); a nested object's are on the
    # descriptor that holds it.
    _CONSTRAINTS: ClassVar[Constrained | None] = None

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for _, name, _ in _setters(type(self)))

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        values = self._values()
        try:
            return hash((type(self), values))
        except TypeError:  # a list, a dict or `extra_parameters`: hashed by their contents
            return hash((type(self), _hashable(values)))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for _, name, _ in _setters(type(self)))
        return f"{type(self).__qualname__}({shown})"

    def to_json(self) -> dict[str, JsonValue]:
        """The object as sent, under wire names; ``None`` and ``NOT_GIVEN`` fields are left out
        (``None`` is sent as null where the spec makes the field nullable)."""
        data: dict[str, JsonValue] = {}
        for param in self._PARAMS:
            value = getattr(self, param.name)
            if value is None:
                if param.nullable:
                    data[param.wire_name] = None
            elif value is not NOT_GIVEN:
                kind = param.type
                data[param.wire_name] = value if kind.sent_as_held else kind.dump(value)
        extra = self._EXTRA
        if extra is not None:
            extras: Mapping[str, object] | None = getattr(self, self._EXTRA_FIELD)
            if extras:
                for key, item in extras.items():
                    data[key] = item if extra.sent_as_held else extra.dump(item)  # type: ignore[assignment]
        return data

    @classmethod
    def from_json(cls: type[_Object], data: Mapping[str, object]) -> _Object:
        """The object for ``data`` under wire names, checked first (see ``from_parameters``)."""
        problems: list[Problem] = []
        loaded = cls._load(data, "$", problems)
        if problems:
            raise ActionKitValidationError(cls.__name__, problems)
        return loaded

    @classmethod
    def _load(cls: type[_Object], data: object, path: str, problems: list[Problem]) -> _Object:
        """The object for ``data``; every problem found is added to ``problems``, with its path.
        With problems, what comes back is not to be used."""
        if not isinstance(data, Mapping):
            problems.append(Problem(path, "expected an object"))
            return None  # type: ignore[return-value]
        data = cast("Mapping[str, object]", data)
        values: dict[str, Any] = {}
        found = len(problems)
        for param in cls._PARAMS:
            wire_name = param.wire_name
            if wire_name not in data:
                if param.required:
                    problems.append(Problem(child_path(path, wire_name), "required, missing"))
                continue
            value = data[wire_name]
            if value is not None:
                values[param.name] = param.type.load(value, path, wire_name, problems)
            elif param.nullable:
                values[param.name] = None
            else:
                problems.append(Problem(child_path(path, wire_name), "must not be null"))
        owner: type[ObjectModel] = cls
        known = _wire_names(owner)
        if not known.issuperset(data):
            extra = owner._EXTRA
            if extra is None:
                problems.extend(
                    Problem(child_path(path, str(key)), "unknown property")
                    for key in data
                    if key not in known
                )
            else:
                values[owner._EXTRA_FIELD] = {
                    key: extra.load(item, path, key, problems)
                    for key, item in data.items()
                    if key not in known
                }
        constraints = owner._CONSTRAINTS
        if constraints is not None:
            problems.extend(Problem(path, message) for message in constraints.problems(data))
        if len(problems) > found:
            return None  # type: ignore[return-value]
        instance: _Object = _build(owner, values)  # type: ignore[assignment]
        return instance


def _hashable(value: object) -> object:
    """A hashable stand-in for a JSON value that is equal wherever the value is equal."""
    if isinstance(value, Mapping):
        items = cast("Mapping[object, object]", value).items()
        return frozenset((key, _hashable(item)) for key, item in items)
    if isinstance(value, (list, tuple)):
        return tuple(_hashable(item) for item in cast("list[object]", value))
    return value


# Per class, worked out on first use.
_WIRE_NAMES: dict[type[ObjectModel], frozenset[str]] = {}
_SETTERS: dict[type[ObjectModel], tuple[tuple[Callable[[Any, Any], None], str, Any], ...]] = {}


def _wire_names(cls: type[ObjectModel]) -> frozenset[str]:
    names = _WIRE_NAMES.get(cls)
    if names is None:
        params: tuple[Param, ...] = getattr(cls, "_PARAMS")  # noqa: B009 (a protected name)
        names = _WIRE_NAMES[cls] = frozenset(param.wire_name for param in params)
    return names


def _setters(cls: type[ObjectModel]) -> tuple[tuple[Callable[[Any, Any], None], str, Any], ...]:
    """Each field of the dataclass: what sets its slot, its name, and its default (``MISSING``
    for a required one)."""
    setters = _SETTERS.get(cls)
    if setters is None:
        setters = _SETTERS[cls] = tuple(
            (getattr(cls, f.name).__set__, f.name, f.default)
            for f in fields(cls)  # type: ignore[arg-type]
        )
    return setters


def _build(cls: type[ObjectModel], values: dict[str, Any]) -> ObjectModel:
    """The dataclass holding checked ``values``, every other field at its default.

    Its fields are set directly: matching a hundred keyword arguments in the generated
    ``__init__`` costs more than checking them did.
    """
    instance = object.__new__(cls)
    for set_slot, name, default in _setters(cls):
        value = values.get(name, default)
        if value is MISSING:
            raise TypeError(f"{cls.__name__} needs {name}")
        set_slot(instance, value)
    return instance


class ToolCall(ObjectModel):
    """One call of one tool: a frozen dataclass of its parameters under Python names."""

    __slots__ = ()

    TOOL: ClassVar[str]
    """The tool's wire name."""
    INTEGRATION: ClassVar[str]
    TITLE: ClassVar[str]
    """The operation's summary."""
    DESCRIPTION: ClassVar[str | None]
    """The operation's description, where the spec gives one."""

    # Each generated class declares its `extra_parameters` field itself, typed by its schema's
    # `additionalProperties` (`Mapping[str, str]`...) or `Mapping[str, JsonValue]`: a field
    # declared here could not be narrowed (dataclass fields are invariant to type checkers).
    _EXTRA_FIELD: ClassVar[str] = "extra_parameters"

    def to_parameters(self) -> dict[str, JsonValue]:
        """The ``parameters`` object as sent, under wire names, with ``extra_parameters``."""
        parameters = self.to_json()
        extra: Mapping[str, JsonValue] | None = getattr(self, "extra_parameters", None)
        if extra and self._EXTRA is None:
            parameters.update(extra)
        return parameters

    @classmethod
    def from_parameters(cls: type[_Object], data: Mapping[str, object]) -> _Object:
        """The call for a ``parameters`` object under wire names, checked first.

        Raises ``ActionKitValidationError`` listing every unknown key, missing required key, wrong
        type, value outside an enum and broken constraint (``minimum``, ``maxLength``,
        ``pattern``...), nested objects included, each with its path. Where the schema has
        ``additionalProperties`` beside its properties, other keys are checked against it and
        kept in ``extra_parameters``.
        """
        problems: list[Problem] = []
        loaded = cls._load(data, "parameters", problems)
        if problems:
            raise ActionKitValidationError(getattr(cls, "TOOL", cls.__name__), problems)
        return loaded

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The JSON Schema of ``parameters``, as the spec gives it (a fresh copy), with every
        ``$ref`` inlined, or kept under ``$defs`` where the schema is recursive."""
        return _schemas.schema(cls.__module__, cls.TOOL)
