"""Types shared by the client and the generated tools."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final, Literal, TypeAlias, TypeGuard

# A value JSON can carry: what a free-form parameter takes and what `to_parameters` returns.
JsonValue: TypeAlias = bool | int | float | str | list["JsonValue"] | dict[str, "JsonValue"] | None


# Where decoded JSON (a schema, an answer, a model's arguments) is looked into: what it holds is
# unknown until read, and these say so to a type checker in one place.
def is_json_object(value: object) -> TypeGuard[Mapping[str, Any]]:
    """Whether ``value`` is a JSON object (any mapping: JSON's keys are strings)."""
    return isinstance(value, Mapping)


def is_json_array(value: object) -> TypeGuard[list[Any]]:
    return isinstance(value, list)


class NotGiven:
    """The default of a nullable parameter: "not sent", where ``None`` means "send null"."""

    __slots__ = ()
    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __reduce__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()
