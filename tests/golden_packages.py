"""The expected packages of the golden cases, imported for behaviour tests."""

from __future__ import annotations

import importlib
import sys
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from tests.golden import built_root, cases, package_name


@dataclass(frozen=True)
class GoldenTool:
    case: str
    name: str
    cls: Any  # the generated ToolCall subclass
    package: ModuleType

    def __str__(self) -> str:
        return f"{self.case}:{self.name}"


def golden_package(case: str) -> ModuleType:
    root = str(built_root())
    if root not in sys.path:
        sys.path.insert(0, root)
    return importlib.import_module(package_name(case))


def golden_tools(*only: str) -> list[GoldenTool]:
    found: list[GoldenTool] = []
    for case in cases():
        if only and case not in only:
            continue
        package = golden_package(case)
        registry = importlib.import_module(f"{package.__name__}.tools").TOOLS
        found.extend(GoldenTool(case, name, registry[name], package) for name in registry)
    return found
