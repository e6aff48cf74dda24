"""``actionkit-codegen diff``: how two specs differ, tool by tool and parameter by parameter.

The comparison itself is the runtime's ``_diff`` module, which every generated package carries
for its own drift check: one implementation. This module turns specs (and generated trees) into
what it compares.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from generator.catalogue.model import Catalogue
from generator.paths import SCHEMAS_CONSTANT, SCHEMAS_PREFIX
from generator.problems import InputError, SpecProblem
from generator.runtime._diff import DiffReport, ToolSchema, compare, drift_report
from generator.workflows.front import catalogue_of, read_spec

__all__ = ["compare", "diff_specs", "drift_report", "spec_tools", "tree_tools"]

# A tool as compared, by name.
ToolSchemas = Mapping[str, ToolSchema]


def diff_specs(old: Sequence[str | Path], new: Sequence[str | Path]) -> DiffReport:
    """The changes from the spec(s) ``old`` to ``new``; ``InputError`` lists every problem of both."""
    problems: list[SpecProblem] = []
    tools: list[dict[str, ToolSchema]] = []
    for paths in (old, new):
        try:
            tools.append(spec_tools(paths))
        except InputError as error:
            problems.extend(error.problems)
    if problems:
        raise InputError(problems)
    return compare(tools[0], tools[1])


def spec_tools(paths: Sequence[str | Path]) -> dict[str, ToolSchema]:
    """The tools of the spec(s) under ``paths``, each with the document its ``$ref``s point into."""
    checked = catalogue_of(read_spec(paths))
    roots = {document.file: document.data for document in checked.documents}
    return catalogue_tools(checked.catalogue, roots)


def catalogue_tools(
    catalogue: Catalogue, roots: Mapping[str, Mapping[str, object]] | None = None
) -> dict[str, ToolSchema]:
    return {
        tool.name: ToolSchema(
            tool.parameters_schema,
            tool.integration,
            (roots or {}).get(tool.source),
            title=tool.title,
            description=tool.description or "",
        )
        for tool in catalogue.tools
    }


def tree_tools(files: Mapping[str, bytes]) -> dict[str, ToolSchema]:
    """The tools of a generated package, from its files: the schemas it keeps in
    ``tools/_schemas_<module>.py`` (or, written by earlier releases, ``tools/<module>.json``),
    the module name standing for the integration. Nothing is run: the constant is read as a
    literal."""
    tools: dict[str, ToolSchema] = {}
    for path, content in sorted(files.items()):
        folder, _, name = path.rpartition("/")
        if folder != "tools":
            continue
        if name.startswith(SCHEMAS_PREFIX) and name.endswith(".py"):
            module = name[len(SCHEMAS_PREFIX) : -len(".py")]
            text = _schemas_constant(content)
        elif name.endswith(".json"):
            module, text = name.removesuffix(".json"), content.decode("utf-8", "replace")
        else:
            continue
        try:
            schemas = json.loads(text) if text is not None else None
        except ValueError:
            continue
        if not isinstance(schemas, dict):
            continue
        for tool, schema in schemas.items():
            if isinstance(schema, dict):
                tools[tool] = ToolSchema(schema, module)
    return tools


def _schemas_constant(content: bytes) -> str | None:
    """The string ``SCHEMAS_JSON`` holds in a schemas module's source, or None."""
    try:
        tree = ast.parse(content)
    except (SyntaxError, ValueError):
        return None
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and [getattr(target, "id", None) for target in node.targets] == [SCHEMAS_CONSTANT]
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            return node.value.value
    return None
