"""Reading the JSON answer of ActionKit's List Tools endpoint: the rule the generator (which
generates from a saved answer), ``drift`` and ``client.list_tools()`` share.

``GET /projects/{project_id}/tools?format=json_schema`` answers with the tools one user can run::

    {"tools": {"salesforce": [{"type": "function",
                               "function": {"name": "SALESFORCE_CREATE_RECORD_CONTACT",
                                            "description": "...",
                                            "parameters": {<JSON Schema>}}}, ...], ...},
     "errors": [...]}

Older answers say ``actions`` instead of ``tools``, some give one list rather than one per
integration (then a tool's integration is the first word of its name, as for a spec without
``x-integration``), and an entry may be the bare function object.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ._types import is_json_array, is_json_object

# A place in the answer: keys and indexes from its root.
Where = tuple[str | int, ...]

EMPTY_PARAMETERS: Mapping[str, Any] = {"type": "object", "properties": {}}


_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def title_of(name: str, description: str | None) -> str:
    """A listed tool's title (its operation's summary once generated): the description's first
    sentence, else the tool's name."""
    first_line = (description or "").strip().split("\n", 1)[0].strip()
    match = _SENTENCE_END.search(first_line)
    sentence = first_line[: match.start()] if match else first_line
    return sentence.strip() or name


def default_integration(tool_name: str) -> str:
    """The integration of a tool nothing else names one for: ``SLACK_SEND_MESSAGE`` -> ``slack``."""
    return tool_name.split("_", 1)[0].lower()


@dataclass(frozen=True)
class ListedTool:
    name: str
    integration: str
    description: str | None
    parameters: Mapping[str, Any]
    """The JSON Schema of the tool's ``parameters``; ``EMPTY_PARAMETERS`` when the entry has none."""
    where: Where
    """Where the function object is in the answer."""


@dataclass(frozen=True)
class Answer:
    """What an answer holds. Entries that are not well-formed tools are left out of ``tools``
    and described in ``problems``; each reader decides whether that is fatal."""

    tools: tuple[ListedTool, ...]
    integrations: tuple[str, ...]
    """The integrations the answer covers, in its order (also those listed with no tools)."""
    errors: tuple[Any, ...]
    problems: tuple[tuple[Where, str], ...] = field(default=())


def is_answer(data: Any) -> bool:
    """Whether a document is a List Tools answer rather than an OpenAPI document."""
    return (
        is_json_object(data)
        and "openapi" not in data
        and "swagger" not in data
        and ("tools" in data or "actions" in data)
    )


def read_answer(data: Any) -> Answer:
    if not is_json_object(data):
        return Answer((), (), (), (((), "expected a JSON object with `tools`"),))
    key = "tools" if "tools" in data else "actions"
    groups = data.get(key)
    problems: list[tuple[Where, str]] = []
    entries: list[tuple[str | None, Where, Any]] = []
    covered: dict[str, None] = {}
    if is_json_object(groups):
        for integration, items in groups.items():
            if is_json_array(items):
                covered[str(integration)] = None
                entries.extend(
                    (str(integration), (key, integration, index), item)
                    for index, item in enumerate(items)
                )
            else:
                problems.append(((key, integration), "expected a list of tools"))
    elif is_json_array(groups):
        entries.extend((None, (key, index), item) for index, item in enumerate(groups))
    else:
        problems.append(((key,), "expected a mapping of integration to tools"))

    tools: list[ListedTool] = []
    for listed_under, where, item in entries:
        tool = _tool(listed_under, where, item, problems)
        if tool is not None:
            covered.setdefault(tool.integration, None)
            tools.append(tool)
    listed: Any = data.get("errors") or []
    errors: tuple[Any, ...] = tuple(listed) if is_json_array(listed) else (listed,)
    return Answer(tuple(tools), tuple(covered), errors, tuple(problems))


def _tool(
    integration: str | None, where: Where, item: Any, problems: list[tuple[Where, str]]
) -> ListedTool | None:
    function, function_where = item, where
    if is_json_object(item) and "function" in item:
        function, function_where = item["function"], (*where, "function")
    if not is_json_object(function):
        problems.append((where, "expected a tool object"))
        return None
    name = function.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append(((*function_where, "name"), "expected the tool's name"))
        return None
    description = function.get("description")
    if description is not None and not isinstance(description, str):
        problems.append(((*function_where, "description"), "expected a string"))
        return None
    parameters = function.get("parameters", EMPTY_PARAMETERS)
    if not is_json_object(parameters):
        problems.append(((*function_where, "parameters"), "expected a JSON Schema object"))
        return None
    return ListedTool(
        name=name,
        integration=integration if integration is not None else default_integration(name),
        description=description,
        parameters=parameters,
        where=function_where,
    )
