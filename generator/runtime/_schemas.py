"""What ``tools/_schemas_<module>.py`` holds for each tool of ``tools/<module>.py``: the JSON
Schema of its parameters (``SCHEMAS_JSON``) and its title and description (``DOCS_JSON``), read
without importing the tool module, so that definitions for a model cost no class building."""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass
from functools import cache
from typing import Any, TypedDict


class _Docs(TypedDict):
    title: str
    description: str | None


@dataclass(frozen=True)
class _ModuleEntries:
    schemas: dict[str, str]  # tool name -> its schema as JSON text, decoded afresh for each caller
    docs: dict[str, _Docs]


@cache
def _entries(module: str) -> _ModuleEntries:
    """The entries for the tool module ``module`` (``package.tools.slack``)."""
    package, _, name = module.rpartition(".")
    source = importlib.import_module(f"{package}._schemas_{name}")
    schemas: dict[str, Any] = json.loads(source.SCHEMAS_JSON)
    docs: dict[str, _Docs] = json.loads(source.DOCS_JSON)
    return _ModuleEntries({tool: json.dumps(schema) for tool, schema in schemas.items()}, docs)


def schema(module: str, tool: str) -> dict[str, Any]:
    """The JSON Schema of ``tool``'s parameters (a fresh copy)."""
    value: dict[str, Any] = json.loads(_entries(module).schemas[tool])
    return value


def title(module: str, tool: str) -> str:
    return _entries(module).docs[tool]["title"]


def description(module: str, tool: str) -> str | None:
    return _entries(module).docs[tool]["description"]
