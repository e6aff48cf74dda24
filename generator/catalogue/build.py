"""Turn validated OpenAPI documents into the catalogue model.

Every operation under ``paths`` is a tool: its JSON request body holds ``tool`` (whose ``default`` is
the tool's wire name) and ``parameters`` (the JSON Schema of what the tool takes). Documents are
merged; a tool defined twice must be defined the same way.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Sequence
from typing import Any

from generator.catalogue.model import Catalogue, ObjectDef, Tool
from generator.catalogue.schemas import SchemaReader, Where
from generator.inputs.documents import Document
from generator.problems import InputError, SpecProblem
from generator.runtime._list_tools import default_integration
from generator.runtime._pointers import json_pointer
from generator.runtime._schema_rules import constraints_of

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def build_catalogue(
    documents: Sequence[Document],
    overlays: Sequence[Document] = (),
    *,
    skip_invalid_tools: bool = False,
    locate: Callable[[SpecProblem], SpecProblem] = lambda problem: problem,
) -> Catalogue:
    """The catalogue of ``documents``; the tools of ``overlays`` (List Tools answers or OpenAPI
    documents) replace the documents' definitions of the same tools and add the others. With
    ``skip_invalid_tools``, a tool whose own definition is bad is left out instead of failing
    (``Catalogue.skipped``, its problems placed by ``locate``)."""
    objects: dict[str, ObjectDef] = {}
    problems: list[SpecProblem] = []
    bad: list[tuple[str, InputError]] = []
    overlaid = _overlay_names(overlays)
    spec_names: set[str] = set()
    tools = _merged(documents, objects, problems, skip=overlaid, skipped=spec_names, bad=bad)
    overlay_tools = _merged(overlays, objects, problems, bad=bad)
    spec_names.update(tools)
    tools.update(overlay_tools)
    skipped: list[tuple[str, SpecProblem]] = []
    for label, error in bad:
        if skip_invalid_tools:
            skipped.extend((label, locate(problem)) for problem in error.problems)
        else:
            problems.extend(error.problems)
    if problems:
        raise InputError(problems)
    info = documents[0].data.get("info", {}) if documents else {}
    return Catalogue(
        title=str(info.get("title", "")),
        version=str(info.get("version", "")),
        tools=tuple(tools[name] for name in sorted(tools)),
        objects=tuple(objects[key] for key in sorted(objects) if _kept(objects[key], tools)),
        replaced=tuple(sorted(overlay_tools.keys() & spec_names)),
        added=tuple(sorted(overlay_tools.keys() - spec_names)),
        skipped=tuple(skipped),
    )


def _kept(definition: ObjectDef, tools: dict[str, Tool]) -> bool:
    """An inline object of a tool left out goes with it."""
    return definition.owner is None or definition.owner in tools


def _merged(
    documents: Sequence[Document],
    objects: dict[str, ObjectDef],
    problems: list[SpecProblem],
    *,
    skip: frozenset[str] = frozenset(),
    skipped: set[str] | None = None,
    bad: list[tuple[str, InputError]] | None = None,
) -> dict[str, Tool]:
    """The tools of ``documents``, merged: one tool defined twice must be defined the same way.
    Tools named in ``skip`` are not read (their names go to ``skipped``)."""
    tools: dict[str, Tool] = {}
    answers = {d.file for d in documents if d.is_list_tools_answer}
    places: dict[str, str] = {}
    for document in documents:
        reader = SchemaReader(document, objects)
        for tool, where in _document_tools(document, reader, problems, skip, skipped, bad):
            known = tools.get(tool.name)
            if known is None:
                tools[tool.name] = tool
                places[tool.name] = where
            elif (known.source in answers) != (tool.source in answers):
                answer, spec = (tool, known) if tool.source in answers else (known, tool)
                problems.append(
                    SpecProblem(
                        answer.source,
                        where if answer is tool else places[tool.name],
                        f"tool {tool.name} is also in the OpenAPI document {spec.source}: a List "
                        "Tools answer and OpenAPI documents may be generated together only when "
                        "their tools do not overlap (to lay a user's tools over the spec, "
                        "use --overlay)",
                    )
                )
            elif _definition(known) != _definition(tool):
                problems.append(
                    SpecProblem(
                        tool.source,
                        where,
                        f"tool {tool.name} is also defined, differently, in {known.source}",
                    )
                )
    return tools


def _overlay_names(overlays: Sequence[Document]) -> frozenset[str]:
    """The names of the overlays' tools, read before anything else (problems come later)."""
    names: set[str] = set()
    for document in overlays:
        reader = SchemaReader(document, {})
        for path, path_item in document.data.get("paths", {}).items():
            for method in HTTP_METHODS:
                operation = path_item.get(method) if isinstance(path_item, dict) else None
                if not isinstance(operation, dict):
                    continue
                try:
                    body = reader.resolve(operation.get("requestBody"), [])
                    media = body.get("content", {}).get("application/json", {})
                    schema = reader.resolve(media.get("schema"), [])
                    name = _tool_name(path, schema.get("properties", {}).get("tool"))
                except (InputError, AttributeError):
                    name = _tool_name(path, None)
                if name is not None:
                    names.add(name)
    return frozenset(names)


def _definition(tool: Tool) -> tuple[object, ...]:
    """What makes two definitions of a tool the same, whichever file they come from."""
    return (tool.integration, tool.title, tool.description, json.dumps(tool.parameters_schema))


def _document_tools(
    document: Document,
    reader: SchemaReader,
    problems: list[SpecProblem],
    skip: frozenset[str] = frozenset(),
    skipped: set[str] | None = None,
    bad: list[tuple[str, InputError]] | None = None,
) -> list[tuple[Tool, str]]:
    """Each tool of the document, with the JSON pointer to its path item; where ``bad`` is
    given, a tool whose definition is bad goes there, under its name (or its path)."""
    tools: list[tuple[Tool, str]] = []
    for path, path_item in document.data.get("paths", {}).items():
        for method in HTTP_METHODS:
            operation = path_item.get(method)
            if operation is None:
                continue
            where: Where = ["paths", path, method]
            try:
                tool = _tool(document, reader, path, operation, where, skip)
            except InputError as error:
                if bad is None:
                    problems.extend(error.problems)
                else:
                    _, hash_sign, fragment = path.partition("#")
                    bad.append((fragment if hash_sign and fragment else path, error))
                continue
            if isinstance(tool, str):
                if skipped is not None:
                    skipped.add(tool)
            else:
                tools.append((tool, json_pointer(where[:2])))
    return tools


def _tool(
    document: Document,
    reader: SchemaReader,
    path: str,
    operation: dict[str, Any],
    where: Where,
    skip: frozenset[str] = frozenset(),
) -> Tool | str:
    """The tool of one operation; only its name when it is one of ``skip``."""
    resolve = reader.resolve
    body = resolve(operation.get("requestBody"), [*where, "requestBody"])
    content = body.get("content", {}) if isinstance(body, dict) else {}
    media = content.get("application/json")
    if not isinstance(media, dict) or "schema" not in media:
        raise _problem(document, where, "tool operation has no application/json request body")
    body_where = [*where, "requestBody", "content", "application/json", "schema"]
    body_schema = resolve(media["schema"], body_where)
    properties = body_schema.get("properties", {})

    name = _tool_name(path, properties.get("tool"))
    _, hash_sign, fragment = path.partition("#")
    if name is not None and hash_sign and fragment and name != fragment:
        raise _problem(
            document,
            [*body_where, "properties", "tool", "default"],
            f"the `tool` default {name!r} differs from the path's #{fragment}: which tool this "
            "operation runs is ambiguous",
        )
    if name is None:
        raise _problem(
            document,
            body_where,
            "cannot tell the tool's name: no `tool` property with a default, and no #TOOL in the path",
        )
    if name in skip:
        return name

    parameters_where = [*body_where, "properties", "parameters"]
    raw_parameters = properties.get("parameters", {"type": "object"})
    parameters = reader.merged(resolve(raw_parameters, parameters_where), parameters_where)
    if not isinstance(parameters, dict) or parameters.get("type", "object") != "object":
        raise _problem(document, parameters_where, "`parameters` must be an object schema")

    integration = (
        operation.get("x-integration")
        or body_schema.get("x-integration")
        or parameters.get("x-integration")
        or default_integration(name)
    )
    _check_required(document, reader, parameters, parameters_where)
    fields = reader.fields(parameters, parameters_where, (name,), name)
    return Tool(
        name=name,
        integration=str(integration),
        title=operation.get("summary") or name,
        description=operation.get("description"),
        fields=fields,
        parameters_schema=reader.self_contained(raw_parameters, parameters_where),
        source=document.file,
        extra=reader.extra(parameters, parameters_where, (name,), name),
        constraints=constraints_of(parameters),
    )


def _check_required(document: Document, reader: SchemaReader, schema: Any, where: Where) -> None:
    """Every object schema under ``schema`` (the tool's parameters, nested objects) declares
    each property its ``required`` names: the generated class would otherwise drop what the API
    demands."""
    problems: list[SpecProblem] = []
    seen: set[int] = set()

    def visit(node: Any, at: Where) -> None:
        if not isinstance(node, dict) or id(node) in seen:
            return
        seen.add(id(node))
        if "$ref" in node:
            with contextlib.suppress(InputError):  # reported where the reference is read
                visit(reader.resolve(node, at), at)
            return
        properties = node.get("properties")
        required = node.get("required")
        if isinstance(properties, dict) and isinstance(required, list):
            for name in required:
                if isinstance(name, str) and name not in properties:
                    problems.append(
                        SpecProblem(
                            document.file,
                            json_pointer([*at, "required"]),
                            f"`required` names {name!r}, which `properties` does not declare",
                        )
                    )
        if isinstance(properties, dict):
            for key, value in properties.items():
                visit(value, [*at, "properties", key])
        for key in ("items", "additionalProperties"):
            visit(node.get(key), [*at, key])
        for key in ("allOf", "oneOf", "anyOf"):
            options = node.get(key)
            if isinstance(options, list):
                for index, option in enumerate(options):
                    visit(option, [*at, key, index])

    visit(schema, where)
    if problems:
        raise InputError(problems)


def _tool_name(path: str, tool_property: Any) -> str | None:
    if isinstance(tool_property, dict) and isinstance(tool_property.get("default"), str):
        return str(tool_property["default"])
    _, hash_sign, fragment = path.partition("#")
    return fragment if hash_sign and fragment else None


def _problem(document: Document, where: Where, message: str) -> InputError:
    return InputError([SpecProblem(document.file, json_pointer(where), message)])
