"""``TOOLS``: every tool class by wire name, importing an integration's module on first use.

The one runtime module that reaches into the generated ``tools`` package: the others ask it.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping

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
        module_name, class_name, _ = self._index[name]
        module = importlib.import_module(f"{self._package}.{module_name}")
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

    def __repr__(self) -> str:
        return f"<ToolRegistry of {len(self)} tools>"


TOOLS = ToolRegistry(f"{__package__}.tools", TOOL_INDEX)
