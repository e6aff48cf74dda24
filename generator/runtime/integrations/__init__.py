"""Adapters for agent frameworks: the chosen tools as each framework's own tool objects.

- ``integrations.openai_agents.tools(client, **choose)``: OpenAI Agents SDK ``FunctionTool``s.
- ``integrations.langchain.tools(client, **choose)``: LangChain ``StructuredTool``s.
- ``integrations.pydantic_ai.tools(client, **choose)``: pydantic-ai ``Tool``s.

``choose`` is ``tool_definitions``' selection (``names``, ``integrations``, ``pattern``), and
``live=client.list_tools()`` gives the model this user's live schemas (custom fields included)
and checks its calls against them. Each
module imports its framework only when ``tools`` is called, and raises an ``ImportError`` naming
the extra to install when it is missing. A call is checked by the tool's ``from_parameters``
before anything is sent; a call the model gets wrong goes back to it as the problem list (the
``dispatch(errors="return")`` value), and so do API and connection errors.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
from collections.abc import Iterable, Mapping
from typing import Any

from .._agents import parse_call, tool_definitions
from .._exceptions import ActionKitError
from .._response import ToolList
from .._results import as_text, error_value, result_value
from .._types import JsonValue

Choice = Mapping[str, Any]


def require(module: str, extra: str, framework: str) -> Any:
    """``import module``, or an ``ImportError`` that names the extra."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise ImportError(
            f"{framework} is not installed: pip install 'actionkit-client[{extra}]'",
            name=error.name,
        ) from None


def choose(
    names: Iterable[str] | None = None,
    *,
    integrations: Iterable[str] | None = None,
    pattern: str | None = None,
) -> dict[str, Any]:
    return {"names": names, "integrations": integrations, "pattern": pattern}


def definitions(
    names: Iterable[str] | None,
    integrations: Iterable[str] | None,
    pattern: str | None,
    *,
    strict: bool,
    live: ToolList | None,
) -> list[dict[str, Any]]:
    """The chosen tools' OpenAI definitions: from the package's snapshot, or from ``live``."""
    if live is not None:
        return live.definitions(
            names, integrations=integrations, pattern=pattern, format="openai", strict=strict
        )
    return tool_definitions(
        names, integrations=integrations, pattern=pattern, format="openai", strict=strict
    )


async def run(
    client: Any, name: str, arguments: Any, *, strict: bool, live: ToolList | None = None
) -> tuple[bool, JsonValue]:
    """``(True, result)`` for a call checked and run, ``(False, problem)`` for one refused or
    failed: values to hand back to the model, as ``dispatch(errors="return")`` gives them.
    ``client`` is an ``ActionKit`` (run in a worker thread) or an ``AsyncActionKit``; ``live``
    checks the call against this user's ``list_tools()`` schemas instead of the package's."""
    call = None
    try:
        call = parse_call(name, arguments, strict=strict, tools=live)
        if inspect.iscoroutinefunction(client.run):
            result = await client.run(call)
        else:
            result = await asyncio.to_thread(client.run, call)
    except ActionKitError as error:
        if call is None:
            return False, error_value(error, tool=name)
        return False, error_value(error, tool=call.TOOL, integration=call.INTEGRATION)
    return True, result_value(result)


def text(value: JsonValue) -> str:
    return as_text(value)
