"""The second input format: a saved answer of ActionKit's List Tools endpoint.

``to_openapi`` rewrites an answer (read by the runtime's ``_list_tools``, the rule every reader
of an answer shares) as the OpenAPI 3.0 document the docs would give for the same tools: one
``POST /projects/{project_id}/tools/#NAME`` operation per tool, ``x-integration`` the answer's
integration, the summary the description's first sentence. The rest of the pipeline treats it
like any spec; ``locate`` points the problems found in it back into the answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from generator.problems import InputError, SpecProblem
from generator.runtime._list_tools import is_answer, read_answer, title_of
from generator.runtime._pointers import json_pointer, pointer_key

__all__ = ["is_answer", "locate", "to_openapi", "tool_request_body"]

TITLE = "ActionKit List Tools answer"
_BODY = ["post", "requestBody", "content", "application/json", "schema"]
_PARAMETERS = [*_BODY, "properties", "parameters"]


def _tool_path(name: str) -> str:
    return f"/projects/{{project_id}}/tools/#{name}"


def to_openapi(file: str, data: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """The OpenAPI 3.0 document for the tools of a List Tools answer, and where each tool is in
    the answer (a JSON pointer, by name)."""
    answer = read_answer(data)
    problems = [
        SpecProblem(file, json_pointer(where), message) for where, message in answer.problems
    ]
    paths: dict[str, Any] = {}
    origins: dict[str, str] = {}
    for tool in answer.tools:
        if tool.name in origins:
            problems.append(
                SpecProblem(
                    file,
                    json_pointer(tool.where),
                    f"tool {tool.name} is listed twice (first at {origins[tool.name]})",
                )
            )
            continue
        origins[tool.name] = json_pointer(tool.where)
        path = _tool_path(tool.name)
        # A `$ref` in the answer is relative to the tool's parameters schema.
        base = "#" + json_pointer(["paths", path, *_PARAMETERS])
        operation: dict[str, Any] = {
            "summary": title_of(tool.name, tool.description),
            "requestBody": tool_request_body(tool.name, _rebase_refs(tool.parameters, base)),
            "responses": {"200": {"description": "The tool's result"}},
        }
        if tool.description:
            operation["description"] = tool.description
        operation["x-integration"] = tool.integration
        paths[path] = {"post": operation}
    if problems:
        raise InputError(problems)
    document = {
        "openapi": "3.0.3",
        "info": {"title": TITLE, "version": "list-tools"},
        "paths": paths,
    }
    return document, origins


def locate(problem: SpecProblem, origins: Mapping[str, str]) -> SpecProblem:
    """A problem found in the converted document, pointing into the answer instead."""
    parts = [pointer_key(p) for p in problem.location.split("/")[1:]]
    if not problem.location.startswith("/") or len(parts) < 2 or parts[0] != "paths":
        return problem
    _, _, name = parts[1].partition("#")
    origin = origins.get(name)
    if origin is None:
        return problem
    rest = parts[2:]
    if rest[: len(_PARAMETERS)] == _PARAMETERS:
        origin += json_pointer(["parameters", *rest[len(_PARAMETERS) :]])
    return SpecProblem(problem.file, origin, problem.message)


def _rebase_refs(schema: Any, base: str) -> Any:
    """``schema`` with every local ``$ref`` (``#/$defs/X``) made absolute in the new document."""
    if isinstance(schema, Mapping):
        return {
            key: (
                base + value[1:]
                if key == "$ref" and isinstance(value, str) and value.startswith("#")
                else _rebase_refs(value, base)
            )
            for key, value in schema.items()
        }
    if isinstance(schema, list):
        return [_rebase_refs(item, base) for item in schema]
    return schema


def tool_request_body(name: str, parameters: dict[str, Any]) -> dict[str, Any]:
    """A tool operation's request body as ActionKit's spec writes it: ``tool`` (the name, as the
    schema's default) and ``parameters``."""
    return {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "tool": {"type": "string", "default": name},
                        "parameters": parameters,
                    },
                    "required": ["tool", "parameters"],
                }
            }
        },
    }
