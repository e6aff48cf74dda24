"""The second input format: the JSON answer of ActionKit's List Tools endpoint.

``GET /projects/{project_id}/tools?format=json_schema`` answers with the tools one user can run,
typed with that user's custom fields::

    {"tools": {"salesforce": [{"type": "function",
                               "function": {"name": "SALESFORCE_CREATE_RECORD_CONTACT",
                                            "description": "...",
                                            "parameters": {<JSON Schema>}}}, ...], ...},
     "errors": [...]}

(older answers say ``actions`` instead of ``tools``, some as one list rather than by integration).
``load`` hands such a document to ``to_openapi``, which rewrites it as the OpenAPI 3.0 document the
docs would give for the same tools: one ``POST /projects/{project_id}/tools/#NAME`` operation per
tool, with ``x-integration`` the answer's integration key, and the summary the description's first
sentence. The rest of the pipeline then treats it like any spec. The converted document remembers
where each tool came from (``x-actionkit-list-tools``), so that ``locate`` can point problems
found later into the answer itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from generator.errors import InputError, Problem, json_pointer, pointer_key

if TYPE_CHECKING:
    from generator.load import Document

MARKER = "x-actionkit-list-tools"
TITLE = "ActionKit List Tools answer"
_BODY = ["post", "requestBody", "content", "application/json", "schema"]
_PARAMETERS = [*_BODY, "properties", "parameters"]
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def is_list_tools(data: Any) -> bool:
    """Whether a loaded document is a List Tools answer rather than an OpenAPI document."""
    return (
        isinstance(data, dict)
        and "openapi" not in data
        and "swagger" not in data
        and ("tools" in data or "actions" in data)
    )


def tool_path(name: str) -> str:
    """The OpenAPI path of a tool in the converted document."""
    return f"/projects/{{project_id}}/tools/#{name}"


def to_openapi(file: str, data: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI 3.0 document for the tools of a List Tools answer."""
    key = "tools" if "tools" in data else "actions"
    groups = data[key]
    problems: list[Problem] = []
    entries: list[tuple[str | None, list[str | int], Any]] = []
    if isinstance(groups, dict):
        for integration, items in groups.items():
            if isinstance(items, list):
                entries.extend(
                    (str(integration), [key, integration, index], item)
                    for index, item in enumerate(items)
                )
            else:
                problems.append(
                    Problem(file, json_pointer([key, integration]), "expected a list of tools")
                )
    elif isinstance(groups, list):
        entries.extend((None, [key, index], item) for index, item in enumerate(groups))
    else:
        problems.append(
            Problem(file, json_pointer([key]), "expected a mapping of integration to tools")
        )

    paths: dict[str, Any] = {}
    origins: dict[str, str] = {}
    for integration, where, item in entries:
        function, function_where = item, where
        if isinstance(item, dict) and "function" in item:
            function, function_where = item["function"], [*where, "function"]
        if not isinstance(function, dict):
            problems.append(Problem(file, json_pointer(where), "expected a tool object"))
            continue
        name = function.get("name")
        if not isinstance(name, str) or not name.strip():
            problems.append(
                Problem(file, json_pointer([*function_where, "name"]), "expected the tool's name")
            )
            continue
        description = function.get("description")
        if description is not None and not isinstance(description, str):
            problems.append(
                Problem(file, json_pointer([*function_where, "description"]), "expected a string")
            )
            continue
        parameters = function.get("parameters", {"type": "object", "properties": {}})
        if not isinstance(parameters, dict):
            problems.append(
                Problem(
                    file,
                    json_pointer([*function_where, "parameters"]),
                    "expected a JSON Schema object",
                )
            )
            continue
        if name in origins:
            problems.append(
                Problem(
                    file,
                    json_pointer(function_where),
                    f"tool {name} is listed twice (first at {origins[name]})",
                )
            )
            continue
        origins[name] = json_pointer(function_where)
        path = tool_path(name)
        # A `$ref` in the answer is relative to the tool's parameters schema.
        base = "#" + json_pointer(["paths", path, *_PARAMETERS])
        operation: dict[str, Any] = {
            "summary": _summary(name, description),
            "requestBody": tool_request_body(name, _rebase_refs(parameters, base)),
            "responses": {"200": {"description": "The tool's result"}},
        }
        if description:
            operation["description"] = description
        if integration is not None:
            operation["x-integration"] = integration
        paths[path] = {"post": operation}
    if problems:
        raise InputError(problems)
    return {
        "openapi": "3.0.3",
        "info": {"title": TITLE, "version": "list-tools"},
        "paths": paths,
        MARKER: origins,
    }


def overlap_problem(name: str, dump: str, spec: str) -> Problem:
    """The same tool from a List Tools answer and from an OpenAPI document."""
    return Problem(
        dump,
        json_pointer(["paths", tool_path(name)]),
        f"tool {name} is also in the OpenAPI document {spec}: a List Tools answer and OpenAPI "
        "documents may be generated together only when their tools do not overlap",
    )


def is_converted(data: Any) -> bool:
    return isinstance(data, dict) and MARKER in data


def locate(error: InputError, documents: Sequence[Document]) -> InputError:
    """``error`` with the locations of problems in converted answers pointing into the answer."""
    origins = {d.file: d.data[MARKER] for d in documents if is_converted(d.data)}
    if not origins:
        return error
    return InputError(
        Problem(problem.file, _origin(problem.location, origins[problem.file]), problem.message)
        if problem.file in origins
        else problem
        for problem in error.problems
    )


def _origin(location: str, origins: dict[str, str]) -> str:
    parts = [pointer_key(p) for p in location.split("/")[1:]]
    if len(parts) < 2 or parts[0] != "paths":
        return location
    _, _, name = parts[1].partition("#")
    origin = origins.get(name)
    if origin is None:
        return location
    rest = parts[2:]
    if rest[: len(_PARAMETERS)] == _PARAMETERS:
        return origin + json_pointer(["parameters", *rest[len(_PARAMETERS) :]])
    return origin


def _summary(name: str, description: str | None) -> str:
    """The description's first sentence, else the tool's name."""
    first_line = (description or "").strip().split("\n", 1)[0].strip()
    match = _SENTENCE_END.search(first_line)
    sentence = first_line[: match.start()] if match else first_line
    return sentence.strip() or name


def _rebase_refs(schema: Any, base: str) -> Any:
    """``schema`` with every local ``$ref`` (``#/$defs/X``) made absolute in the new document."""
    if isinstance(schema, dict):
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
