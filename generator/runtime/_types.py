"""Types shared by the client and the generated tools."""

from __future__ import annotations

from typing import Final, Literal, TypeAlias

# A value JSON can carry: what a free-form parameter takes and what `to_parameters` returns.
JsonValue: TypeAlias = bool | int | float | str | list["JsonValue"] | dict[str, "JsonValue"] | None


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
