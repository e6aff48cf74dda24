"""``TOOLS``: every tool class by wire name, importing an integration's module on first use.

The one runtime module that reaches into the generated ``tools`` package: the others ask it.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import Any

from . import _schemas
from ._catalogue import TOOL_INDEX
from ._tool_call import ToolCall


class ToolRegistry(Mapping[str, type[ToolCall]]):
    """A read-only mapping from tool name to its ``ToolCall`` class."""

    __slots__ = ("_index", "_package")

    def __init__(self, package: str, index: Mapping[str, tuple[str, str, str]]) -> None:
        self._package = package
        # tool name -> (module within the package, class name, integration)
        self._index = dict(index)

    def __getitem__(self, name: str) -> type[ToolCall]:
        module = importlib.import_module(self._module(name))
        class_name = self._index[name][1]
        tool: type[ToolCall] = getattr(module, class_name)
        return tool

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def __contains__(self, name: object) -> bool:
        return name in self._index

    def integration(self, name: str) -> str:
        """The integration of a tool, without importing its module."""
        return self._index[name][2]

    def title(self, name: str) -> str:
        """The tool's ``TITLE``, without importing its module."""
        return _schemas.title(self._module(name), name)

    def description(self, name: str) -> str | None:
        """The tool's ``DESCRIPTION``, without importing its module."""
        return _schemas.description(self._module(name), name)

    def schema(self, name: str) -> dict[str, Any]:
        """The tool's ``json_schema()``, without importing its module."""
        return _schemas.schema(self._module(name), name)

    def _module(self, name: str) -> str:
        return f"{self._package}.{self._index[name][0]}"

    def __repr__(self) -> str:
        return f"<ToolRegistry of {len(self)} tools>"


TOOLS = ToolRegistry(f"{__package__}.tools", TOOL_INDEX)
