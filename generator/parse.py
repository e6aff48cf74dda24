"""Stage 3: turn validated OpenAPI documents into the catalogue model.

Every operation under ``paths`` is a tool: its JSON request body holds ``tool`` (whose ``default`` is
the tool's wire name) and ``parameters`` (the JSON Schema of what the tool takes). Documents are
merged; a tool defined twice must be defined the same way.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from generator import list_tools
from generator.errors import InputError, Problem, json_pointer
from generator.load import Document
from generator.model import (
    ArrayType,
    BooleanType,
    Catalogue,
    EnumType,
    Field,
    IntegerType,
    JsonType,
    NumberType,
    SchemaType,
    StringType,
    Tool,
)

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def parse_documents(documents: Sequence[Document]) -> Catalogue:
    tools: dict[str, Tool] = {}
    problems: list[Problem] = []
    answers = {d.file for d in documents if list_tools.is_converted(d.data)}
    for document in documents:
        for tool in _document_tools(document, problems):
            known = tools.get(tool.name)
            if known is None:
                tools[tool.name] = tool
            elif (known.source in answers) != (tool.source in answers):
                dump, spec = (tool, known) if tool.source in answers else (known, tool)
                problems.append(list_tools.overlap_problem(tool.name, dump.source, spec.source))
            elif _definition(known) != _definition(tool):
                problems.append(
                    Problem(
                        tool.source,
                        "/paths",
                        f"tool {tool.name} is also defined, differently, in {known.source}",
                    )
                )
    if problems:
        raise InputError(problems)
    info = documents[0].data.get("info", {}) if documents else {}
    return Catalogue(
        title=str(info.get("title", "")),
        version=str(info.get("version", "")),
        tools=tuple(tools[name] for name in sorted(tools)),
    )


def _definition(tool: Tool) -> tuple[object, ...]:
    """What makes two definitions of a tool the same, whichever file they come from."""
    return (tool.integration, tool.title, tool.description, json.dumps(tool.parameters_schema))


def _document_tools(document: Document, problems: list[Problem]) -> list[Tool]:
    tools: list[Tool] = []
    for path, path_item in document.data.get("paths", {}).items():
        for method in HTTP_METHODS:
            operation = path_item.get(method)
            if operation is None:
                continue
            where = ["paths", path, method]
            try:
                tools.append(_tool(document, path, operation, where))
            except InputError as error:
                problems.extend(error.problems)
    return tools


def _tool(document: Document, path: str, operation: dict[str, Any], where: list[str]) -> Tool:
    resolve = _Resolver(document)
    body = resolve(operation.get("requestBody"), [*where, "requestBody"])
    content = body.get("content", {}) if isinstance(body, dict) else {}
    media = content.get("application/json")
    if not isinstance(media, dict) or "schema" not in media:
        raise _problem(document, where, "tool operation has no application/json request body")
    body_where = [*where, "requestBody", "content", "application/json", "schema"]
    body_schema = resolve(media["schema"], body_where)
    properties = body_schema.get("properties", {})

    name = _tool_name(path, properties.get("tool"))
    if name is None:
        raise _problem(
            document,
            body_where,
            "cannot tell the tool's name: no `tool` property with a default, and no #TOOL in the path",
        )

    parameters_where = [*body_where, "properties", "parameters"]
    parameters = resolve(properties.get("parameters", {"type": "object"}), parameters_where)
    if parameters.get("type", "object") != "object":
        raise _problem(document, parameters_where, "`parameters` must be an object schema")

    integration = (
        operation.get("x-integration")
        or body_schema.get("x-integration")
        or parameters.get("x-integration")
        or name.split("_", 1)[0].lower()
    )
    required = set(parameters.get("required", []))
    fields = tuple(
        Field(
            wire_name=wire_name,
            type=_schema_type(resolve(schema, [*parameters_where, "properties", wire_name])),
            required=wire_name in required,
            nullable=bool(schema.get("nullable", False)),
            description=schema.get("description"),
        )
        for wire_name, schema in parameters.get("properties", {}).items()
    )
    return Tool(
        name=name,
        integration=str(integration),
        title=operation.get("summary") or name,
        description=operation.get("description"),
        fields=fields,
        parameters_schema=parameters,
        source=document.file,
    )


def _tool_name(path: str, tool_property: Any) -> str | None:
    if isinstance(tool_property, dict) and isinstance(tool_property.get("default"), str):
        return str(tool_property["default"])
    _, hash_sign, fragment = path.partition("#")
    return fragment if hash_sign and fragment else None


def _schema_type(schema: dict[str, Any]) -> SchemaType:
    kind = schema.get("type")
    enum = schema.get("enum")
    if enum is not None and kind in (None, "string") and all(isinstance(v, str) for v in enum):
        return EnumType(tuple(enum))
    if kind == "string":
        return StringType(schema.get("format"))
    if kind == "integer":
        return IntegerType()
    if kind == "number":
        return NumberType()
    if kind == "boolean":
        return BooleanType()
    if kind == "array":
        items = schema.get("items")
        return ArrayType(_schema_type(items) if isinstance(items, dict) else JsonType())
    return JsonType()


class _Resolver:
    """Follows local ``$ref``s (``#/components/...``) within one document."""

    def __init__(self, document: Document) -> None:
        self.document = document

    def __call__(self, node: Any, where: list[str]) -> Any:
        seen: set[str] = set()
        while isinstance(node, dict) and "$ref" in node:
            ref = node["$ref"]
            if not isinstance(ref, str) or not ref.startswith("#/"):
                raise _problem(self.document, where, f"only local $refs are supported, got {ref!r}")
            if ref in seen:
                raise _problem(self.document, where, f"$ref {ref} refers to itself")
            seen.add(ref)
            node = self._target(ref, where)
        return node

    def _target(self, ref: str, where: list[str]) -> Any:
        node: Any = self.document.data
        for part in ref[2:].split("/"):
            key = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(node, dict) or key not in node:
                raise _problem(self.document, where, f"$ref {ref} points at nothing")
            node = node[key]
        return node


def _problem(document: Document, where: list[str], message: str) -> InputError:
    return InputError([Problem(document.file, json_pointer(where), message)])
