"""``ToolCall``, the base of every generated tool class; ``JsonObject``, the base of their nested
objects; and the ``Runner`` a tool function runs on."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any, ClassVar, Protocol, TypeVar

from ._exceptions import ActionKitValidationError, Problem
from ._params import Param, child_path
from ._types import NOT_GIVEN, JsonValue

Result = TypeVar("Result")
_Result_co = TypeVar("_Result_co", covariant=True)
_Object = TypeVar("_Object", bound="JsonObject")


class Runner(Protocol[_Result_co]):
    """What a tool function runs its call on: ``ActionKit`` (a result) or ``AsyncActionKit``
    (an awaitable of it)."""

    def run(self, call: ToolCall, /) -> _Result_co: ...


class JsonObject:
    """A JSON object with declared properties, as a frozen dataclass under Python names."""

    __slots__ = ()

    _PARAMS: ClassVar[tuple[Param, ...]]

    def to_json(self) -> dict[str, JsonValue]:
        """The object as sent, under wire names; ``None`` and ``NOT_GIVEN`` fields are left out
        (``None`` is sent as null where the spec makes the field nullable)."""
        data: dict[str, JsonValue] = {}
        for param in self._PARAMS:
            value = getattr(self, param.name)
            if value is NOT_GIVEN or (value is None and not param.nullable):
                continue
            data[param.wire_name] = None if value is None else param.type.dump(value)
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
        values: dict[str, Any] = {}
        known: set[str] = set()
        found = len(problems)
        for param in cls._PARAMS:
            known.add(param.wire_name)
            param_path = child_path(path, param.wire_name)
            if param.wire_name not in data:
                if param.required:
                    problems.append(Problem(param_path, "required, missing"))
                continue
            value = data[param.wire_name]
            if value is None:
                if param.nullable:
                    values[param.name] = None
                else:
                    problems.append(Problem(param_path, "must not be null"))
                continue
            values[param.name] = param.type.load(value, param_path, problems)
        for key in data:
            if key not in known:
                problems.append(Problem(child_path(path, str(key)), "unknown property"))
        if len(problems) > found:
            return None  # type: ignore[return-value]
        return cls(**values)


class ToolCall(JsonObject):
    """One call of one tool: a frozen dataclass of its parameters under Python names."""

    __slots__ = ()

    TOOL: ClassVar[str]
    """The tool's wire name."""
    INTEGRATION: ClassVar[str]
    TITLE: ClassVar[str]
    """The operation's summary."""
    DESCRIPTION: ClassVar[str | None]
    """The operation's description, where the spec gives one."""

    extra_parameters: Mapping[str, JsonValue] | None

    def to_parameters(self) -> dict[str, JsonValue]:
        """The ``parameters`` object as sent, under wire names, with ``extra_parameters``."""
        parameters = self.to_json()
        if self.extra_parameters:
            parameters.update(self.extra_parameters)
        return parameters

    @classmethod
    def from_parameters(cls: type[_Object], data: Mapping[str, object]) -> _Object:
        """The call for a ``parameters`` object under wire names, checked first.

        Raises ``ActionKitValidationError`` listing every unknown key, missing required key, wrong
        type and value outside an enum, nested objects included, each with its path.
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
        module_file = sys.modules[cls.__module__].__file__ or ""
        schema: dict[str, Any] = json.loads(_schemas_json(module_file)[cls.TOOL])
        return schema


@cache
def _schemas_json(module_file: str) -> dict[str, str]:
    """The schemas of one integration module, kept as JSON text until a tool asks for its own."""
    schemas = json.loads(Path(module_file).with_suffix(".json").read_text(encoding="utf-8"))
    return {name: json.dumps(schema) for name, schema in schemas.items()}
