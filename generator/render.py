"""Stage 4: fill the Jinja templates from the catalogue.

The views built here hold every decision (names, annotations, literals, import lines), so the
templates only lay them out. Rendering uses ``StrictUndefined``: a name missing from a view is an
error, never an empty string.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jinja2

from generator import json_text, naming, parallel
from generator.literals import docstring, python_string
from generator.model import Catalogue, Field, Tool
from generator.python_types import python_type

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# Files copied as they are into the package root: the runtime every tool module runs on.
RUNTIME = TEMPLATES / "runtime"


@dataclass(frozen=True)
class FieldView:
    name: str
    name_literal: str
    wire_name: str  # a Python literal
    annotation: str
    default: str | None  # a Python expression, or None for a required field
    descriptor: str
    required: bool
    nullable: bool
    doc: str | None  # a docstring body


@dataclass(frozen=True)
class ToolView:
    name: str  # a Python literal
    class_name: str
    function_name: str
    integration: str  # a Python literal
    title: str  # a Python literal
    doc: str
    fields: tuple[FieldView, ...]

    @property
    def documented_fields(self) -> tuple[FieldView, ...]:
        return tuple(field for field in self.fields if field.doc is not None)


@dataclass(frozen=True)
class ModuleView:
    module: str
    doc: str
    imports: tuple[str, ...]
    tools: tuple[ToolView, ...]
    exports: tuple[str, ...]


@dataclass(frozen=True)
class RegistryEntry:
    name: str  # a Python literal
    module: str  # a Python literal
    class_name: str  # a Python literal


def render_package(catalogue: Catalogue, *, processes: int | None = None) -> dict[str, str]:
    """Every file of the package, by path relative to the package root.

    The integrations' modules are rendered by up to ``processes`` processes (default: as many as
    the catalogue is worth on this machine); the files are the same whatever the number.
    """
    files: dict[str, str] = {}
    for source in sorted(RUNTIME.rglob("*")):
        if source.is_file() and "__pycache__" not in source.parts:
            files[source.relative_to(RUNTIME).as_posix()] = source.read_text(encoding="utf-8")

    integrations = catalogue.integrations()
    modules = naming.unique(naming.module_name(key) for key in integrations)
    jobs = list(zip(modules, integrations.items(), strict=True))
    weights = [sum(1 + len(tool.fields) for tool in tools) for tools in integrations.values()]
    _template("tool_module.py.jinja")  # compiled once, before any worker process is forked
    rendered = parallel.map_forked(
        _render_module,
        jobs,
        weights=weights,
        processes=parallel.processes_for(sum(weights)) if processes is None else processes,
    )
    registry: list[RegistryEntry] = []
    for module_files, entries in rendered:
        files.update(module_files)
        registry.extend(entries)
    registry.sort(key=lambda entry: entry.name)
    files["tools/__init__.py"] = _template("tools_init.py.jinja").render(
        entries=registry, catalogue_title=docstring(catalogue.title)
    )
    return files


def _render_module(
    job: tuple[str, tuple[str, tuple[Tool, ...]]],
) -> tuple[dict[str, str], list[RegistryEntry]]:
    """The files of one integration's module, and its tools' registry entries."""
    module, (integration, tools) = job
    view = _module_view(module, integration, tools)
    files = {
        f"tools/{module}.py": _template("tool_module.py.jinja").render(module=view),
        f"tools/{module}.json": _schemas_json(tools),
    }
    entries = [
        RegistryEntry(tool.name, python_string(module), python_string(tool.class_name))
        for tool in view.tools
    ]
    return files, entries


@cache
def _template(name: str) -> jinja2.Template:
    """Each template is compiled once a process (templates do not change while it runs)."""
    return _environment().get_template(name)


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        auto_reload=False,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _module_view(module: str, integration: str, tools: tuple[Tool, ...]) -> ModuleView:
    class_names = naming.unique(naming.class_name(tool.name) for tool in tools)
    function_names = naming.unique(naming.function_name(tool.name) for tool in tools)
    tool_views = tuple(
        _tool_view(tool, class_name, function_name)
        for tool, class_name, function_name in zip(tools, class_names, function_names, strict=True)
    )
    needed = {
        ("collections.abc", "Mapping"),
        ("dataclasses", "dataclass"),
        ("typing", "ClassVar"),
        ("._params", "Param"),
        ("._tool_call", "Result"),
        ("._tool_call", "Runner"),
        ("._tool_call", "ToolCall"),
        ("._types", "JsonValue"),
    }
    for tool in tools:
        for field in tool.fields:
            needed |= python_type(field.type).imports
            if field.nullable and not field.required:
                needed |= {("._types", "NOT_GIVEN"), ("._types", "NotGiven")}
    exports = sorted([*class_names, *function_names])
    return ModuleView(
        module=module,
        doc=docstring(f"Tools of the {integration} integration."),
        imports=_import_lines(needed, depth=2),
        tools=tool_views,
        exports=tuple(python_string(name) for name in exports),
    )


def _tool_view(tool: Tool, class_name: str, function_name: str) -> ToolView:
    names = naming.field_names(field.wire_name for field in tool.fields)
    ordered = sorted(tool.fields, key=lambda field: not field.required)
    text = tool.title if not tool.description else f"{tool.title}\n\n{tool.description}"
    return ToolView(
        name=python_string(tool.name),
        class_name=class_name,
        function_name=function_name,
        integration=python_string(tool.integration),
        title=python_string(tool.title),
        doc=docstring(text),
        fields=tuple(_field_view(field, names[field.wire_name]) for field in ordered),
    )


def _field_view(field: Field, name: str) -> FieldView:
    kind = python_type(field.type)
    annotation = kind.annotation
    default: str | None = None
    if not field.required and field.nullable:
        # None is a JSON null here, so "not sent" needs a value of its own.
        annotation += " | NotGiven"
        default = "NOT_GIVEN"
    elif not field.required:
        default = "None"
    if field.nullable or not field.required:
        annotation += " | None"
    return FieldView(
        name=name,
        name_literal=python_string(name),
        wire_name=python_string(field.wire_name),
        annotation=annotation,
        default=default,
        descriptor=kind.descriptor,
        required=field.required,
        nullable=field.nullable,
        doc=docstring(field.description) if field.description else None,
    )


def _schemas_json(tools: Iterable[Tool]) -> str:
    """The spec's JSON Schema of each tool's parameters, for ``json_schema()``."""
    schemas = {tool.name: tool.parameters_schema for tool in tools}
    return json_text.dumps(schemas) + "\n"


def _import_lines(needed: set[tuple[str, str]], depth: int) -> tuple[str, ...]:
    """Import statements sorted the way ruff's isort sorts them: stdlib, then the package."""
    modules: dict[str, set[str]] = {}
    for module, name in needed:
        modules.setdefault(module, set()).add(name)

    def names(module: str) -> str:
        # ruff's default order-by-type: CONSTANTS, then Classes, then functions.
        def key(name: str) -> tuple[int, str]:
            rank = 0 if name.isupper() else 1 if name[:1].isupper() else 2
            return (rank, name)

        return ", ".join(sorted(modules[module], key=key))

    stdlib = sorted(module for module in modules if not module.startswith("."))
    local = sorted(module for module in modules if module.startswith("."))
    lines = [f"from {module} import {names(module)}" for module in stdlib]
    if local:
        lines.append("")
    prefix = "." * (depth - 1)
    lines.extend(f"from {prefix}{module} import {names(module)}" for module in local)
    return tuple(lines)
