"""OpenAI Agents SDK tools (extra ``openai-agents``): ``tools(client, **choose)``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .._response import ToolList
from . import definitions, require, run, text


def tools(
    client: Any,
    names: Iterable[str] | None = None,
    *,
    integrations: Iterable[str] | None = None,
    pattern: str | None = None,
    live: ToolList | None = None,
) -> list[Any]:
    """A ``FunctionTool`` per chosen tool, with the project's strict schema (the SDK's own strict
    conversion of the plain schema would make optional properties required): the model's call is
    mapped back, checked, and run with ``client``; a problem goes back to the model as text."""
    agents = require("agents", "openai-agents", "The OpenAI Agents SDK (openai-agents)")
    found: list[Any] = []
    for definition in definitions(names, integrations, pattern, strict=True, live=live):
        function = definition["function"]
        found.append(
            agents.FunctionTool(
                name=function["name"],
                description=function["description"],
                params_json_schema=function["parameters"],
                on_invoke_tool=_invoker(client, function["name"], live),
                strict_json_schema=True,
            )
        )
    return found


def _invoker(client: Any, name: str, live: ToolList | None) -> Any:
    async def invoke(context: Any, arguments: str) -> str:
        _, value = await run(client, name, arguments, strict=True, live=live)
        return text(value)

    return invoke
