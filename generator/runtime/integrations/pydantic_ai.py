"""pydantic-ai tools (extra ``pydantic-ai``): ``tools(client, **choose)``."""

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
    """A ``Tool`` (``Tool.from_schema``) per chosen tool with the project's strict schema; a call
    is mapped back, checked and run with ``client``. A problem raises ``ModelRetry`` with the
    problem list, so the model tries again; nothing is sent."""
    pydantic_ai = require("pydantic_ai", "pydantic-ai", "pydantic-ai (pydantic-ai-slim)")
    found: list[Any] = []
    for definition in definitions(names, integrations, pattern, strict=True, live=live):
        function = definition["function"]
        found.append(
            pydantic_ai.Tool.from_schema(
                _function(client, function["name"], pydantic_ai.ModelRetry, live),
                name=function["name"],
                description=function["description"],
                json_schema=function["parameters"],
            )
        )
    return found


def _function(client: Any, name: str, retry: type[Exception], live: ToolList | None) -> Any:
    async def call(**arguments: Any) -> str:
        ok, value = await run(client, name, arguments, strict=True, live=live)
        if not ok and isinstance(value, dict) and value.get("error") == "invalid_tool_call":
            raise retry(text(value))
        return text(value)

    return call
