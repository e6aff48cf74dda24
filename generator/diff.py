"""``actionkit-codegen diff``: how two specs differ, tool by tool and parameter by parameter.

The comparison itself lives in ``templates/runtime/_diff.py``, the module every generated package
carries for its own drift check; it is loaded here from that file, so there is one implementation.
This module turns specs (and generated trees) into what it compares.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol, cast

from generator import list_tools
from generator.errors import InputError, Problem
from generator.load import Document, load_documents
from generator.model import Catalogue
from generator.paths import RUNTIME


class Report(Protocol):
    """What ``_diff.DiffReport`` offers (the class is loaded from the runtime file)."""

    @property
    def breaking(self) -> bool: ...

    @property
    def changes(self) -> tuple[Any, ...]: ...

    def summary(self) -> str: ...

    def to_text(self) -> str: ...

    def to_json(self) -> dict[str, Any]: ...


def _load_runtime(name: str) -> ModuleType:
    module_name = f"generator._runtime{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, RUNTIME / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Registered first: dataclasses look their module up while the file runs.
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


runtime: Any = _load_runtime("_diff")

# A tool as compared: runtime.ToolSchema(parameters, integration, root).
ToolSchemas = Mapping[str, Any]


def compare(old: ToolSchemas, new: ToolSchemas) -> Report:
    return cast(Report, runtime.compare(old, new))


def drift_report(generated: ToolSchemas, answer: Any) -> Report:
    """Raises ``ValueError`` when ``answer`` is not a List Tools answer."""
    return cast(Report, runtime.drift_report(generated, answer))


def diff_specs(old: Sequence[str | Path], new: Sequence[str | Path]) -> Report:
    """The changes from the spec(s) ``old`` to ``new``; ``InputError`` lists every problem of both."""
    problems: list[Problem] = []
    tools: list[dict[str, Any]] = []
    for paths in (old, new):
        try:
            tools.append(spec_tools(paths))
        except InputError as error:
            problems.extend(error.problems)
    if problems:
        raise InputError(problems)
    return compare(tools[0], tools[1])


def spec_tools(paths: Sequence[str | Path]) -> dict[str, Any]:
    """The tools of the spec(s) under ``paths``, each with the document its ``$ref``s point into."""
    documents = load_documents(paths)
    catalogue = checked_catalogue(documents)
    roots = {document.file: document.data for document in documents}
    return catalogue_tools(catalogue, roots)


def checked_catalogue(documents: Sequence[Document]) -> Catalogue:
    """Validate and parse; problems in a List Tools answer point into the answer itself."""
    from generator.parse import parse_documents
    from generator.validate import validate_documents

    try:
        validate_documents(documents)
        return parse_documents(documents)
    except InputError as error:
        raise list_tools.locate(error, documents) from None


def catalogue_tools(
    catalogue: Catalogue, roots: Mapping[str, Mapping[str, Any]] | None = None
) -> dict[str, Any]:
    return {
        tool.name: runtime.ToolSchema(
            tool.parameters_schema, tool.integration, (roots or {}).get(tool.source)
        )
        for tool in catalogue.tools
    }


def tree_tools(files: Mapping[str, bytes]) -> dict[str, Any]:
    """The tools of a generated package, from its files (``read_tree``): the schemas it keeps in
    ``tools/<integration>.json``, the module name standing for the integration."""
    tools: dict[str, Any] = {}
    for path, content in files.items():
        folder, _, name = path.rpartition("/")
        if folder != "tools" or not name.endswith(".json"):
            continue
        try:
            schemas = json.loads(content)
        except ValueError:
            continue
        if not isinstance(schemas, dict):
            continue
        module = name.removesuffix(".json")
        for tool, schema in schemas.items():
            if isinstance(schema, dict):
                tools[tool] = runtime.ToolSchema(schema, module)
    return tools
