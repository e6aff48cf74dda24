"""``ToolCall``, the base of every generated tool class, and the ``Runner`` a tool function runs on."""

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
_Call = TypeVar("_Call", bound="ToolCall")


class Runner(Protocol[_Result_co]):
    """What a tool function runs its call on: ``ActionKit`` (a result) or ``AsyncActionKit``
    (an awaitable of it)."""

    def run(self, call: ToolCall, /) -> _Result_co: ...


class ToolCall:
    """One call of one tool: a frozen dataclass of its parameters under Python names."""

    __slots__ = ()

    TOOL: ClassVar[str]
    """The tool's wire name."""
    INTEGRATION: ClassVar[str]
    TITLE: ClassVar[str]
    _PARAMS: ClassVar[tuple[Param, ...]]

    extra_parameters: Mapping[str, JsonValue] | None

    def to_parameters(self) -> dict[str, JsonValue]:
        """The ``parameters`` object as sent, under wire names."""
        parameters: dict[str, JsonValue] = {}
        for param in self._PARAMS:
            value = getattr(self, param.name)
            if value is NOT_GIVEN or (value is None and not param.nullable):
                continue
            parameters[param.wire_name] = None if value is None else param.type.dump(value)
        if self.extra_parameters:
            parameters.update(self.extra_parameters)
        return parameters

    @classmethod
    def from_parameters(cls: type[_Call], data: Mapping[str, object]) -> _Call:
        """The call for a ``parameters`` object under wire names, checked first.

        Raises ``ActionKitValidationError`` listing every unknown key, missing required key, wrong
        type and value outside an enum, each with its path.
        """
        problems: list[Problem] = []
        if not isinstance(data, Mapping):
            problems.append(Problem("parameters", "expected an object"))
            raise ActionKitValidationError(cls.TOOL, problems)
        values: dict[str, Any] = {}
        known: set[str] = set()
        for param in cls._PARAMS:
            known.add(param.wire_name)
            path = child_path("parameters", param.wire_name)
            if param.wire_name not in data:
                if param.required:
                    problems.append(Problem(path, "required, missing"))
                continue
            value = data[param.wire_name]
            if value is None:
                if param.nullable:
                    values[param.name] = None
                else:
                    problems.append(Problem(path, "must not be null"))
                continue
            values[param.name] = param.type.load(value, path, problems)
        for key in data:
            if key not in known:
                problems.append(Problem(child_path("parameters", str(key)), "unknown parameter"))
        if problems:
            raise ActionKitValidationError(cls.TOOL, problems)
        return cls(**values)

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The JSON Schema of ``parameters``, exactly as the spec gives it (a fresh copy)."""
        module_file = sys.modules[cls.__module__].__file__ or ""
        schema: dict[str, Any] = json.loads(_schemas_json(module_file)[cls.TOOL])
        return schema


@cache
def _schemas_json(module_file: str) -> dict[str, str]:
    """The schemas of one integration module, kept as JSON text until a tool asks for its own."""
    schemas = json.loads(Path(module_file).with_suffix(".json").read_text(encoding="utf-8"))
    return {name: json.dumps(schema) for name, schema in schemas.items()}
