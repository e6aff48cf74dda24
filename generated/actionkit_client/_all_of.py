"""``allOf`` read as one schema: the rule the generator, ``diff``, ``drift`` and the agents'
export share.

JSON Schema applies every member of an ``allOf`` together with the schema around it. Read as one
schema: the properties of all of them, where a property declared by several is itself the merge of
their declarations (both apply); ``required`` the union; any other keyword from the first that
has it, the outer schema first, then the members in order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, cast

# Where a member is, from the schema holding the ``allOf``: ("allOf", 0), ("allOf", 0, "allOf", 1)...
Where = tuple[str | int, ...]
Resolve = Callable[[Any, Where], Any]

MAX_DEPTH = 32


class AllOfTooDeep(ValueError):
    """``allOf`` nested more than ``MAX_DEPTH`` deep: in practice, a cycle of references."""

    def __init__(self, where: Where) -> None:
        super().__init__("allOf nests too deeply (a cycle of allOf references?)")
        self.where = where


def _unresolved(schema: Any, where: Where) -> Any:
    return schema


def merged_all_of(schema: Any, resolve: Resolve = _unresolved, where: Where = ()) -> Any:
    """``schema`` with its ``allOf`` folded in; ``resolve(member, where)`` follows a ``$ref``."""
    return _merged(schema, resolve, where, 0)


def _merged(schema: Any, resolve: Resolve, where: Where, depth: int) -> Any:
    if not isinstance(schema, Mapping):
        return schema
    node = cast("Mapping[str, Any]", schema)
    members: list[Any] | None = node.get("allOf")
    if not isinstance(members, list):
        return node
    if depth > MAX_DEPTH:
        raise AllOfTooDeep(where)
    merged: dict[str, Any] = {key: value for key, value in node.items() if key != "allOf"}
    for index, member in enumerate(members):
        member_where = (*where, "allOf", index)
        resolved: Any = _merged(resolve(member, member_where), resolve, member_where, depth + 1)
        if not isinstance(resolved, Mapping):
            continue
        for key, value in cast("Mapping[str, Any]", resolved).items():
            if key == "properties" and isinstance(value, Mapping):
                merged["properties"] = _properties(
                    merged.get("properties"),
                    cast("Mapping[str, Any]", value),
                    resolve,
                    member_where,
                    depth,
                )
            elif key == "required" and isinstance(value, list):
                before: list[Any] = merged.get("required", [])
                more: list[Any] = value  # pyright: ignore[reportUnknownVariableType]
                merged["required"] = list(dict.fromkeys([*before, *more]))
            else:
                merged.setdefault(key, value)
    return merged


def _properties(
    outer: Any, member: Mapping[str, Any], resolve: Resolve, where: Where, depth: int
) -> dict[str, Any]:
    """The member's properties, then the outer ones; one declared by both is both merged."""
    known: Mapping[str, Any] = (
        cast("Mapping[str, Any]", outer) if isinstance(outer, Mapping) else {}
    )
    properties = {**member, **known}
    for name in member.keys() & known.keys():
        mine, theirs = known[name], member[name]
        if mine == theirs or not isinstance(theirs, Mapping) or not isinstance(mine, Mapping):
            continue
        properties[name] = _merged(
            {"allOf": [mine, theirs]}, resolve, (*where, "properties", name), depth + 1
        )
    return properties
