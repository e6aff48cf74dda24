"""LangChain tools (extra ``langchain``): ``tools(client, **choose)``."""

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
    """A ``StructuredTool`` per chosen tool, its ``args_schema`` the JSON Schema 2020-12 export
    (LangChain passes a dict schema through; its strict conversion would collapse a map). A
    problem raises ``ToolException``, which the tool (``handle_tool_error=True``) hands back to
    the model as an error ``ToolMessage``; nothing is sent."""
    require("langchain_core", "langchain", "LangChain (langchain-core)")
    from langchain_core.tools import StructuredTool, ToolException

    found: list[Any] = []
    for definition in definitions(names, integrations, pattern, strict=False, live=live):
        function = definition["function"]
        sync, coroutine = _functions(client, function["name"], ToolException, live)
        found.append(
            StructuredTool.from_function(
                func=sync,
                coroutine=coroutine,
                name=function["name"],
                description=function["description"],
                args_schema=function["parameters"],
                handle_tool_error=True,
            )
        )
    return found


def _functions(
    client: Any, name: str, problem: type[Exception], live: ToolList | None
) -> tuple[Any, Any]:
    async def coroutine(**arguments: Any) -> str:
        ok, value = await run(client, name, arguments, strict=False, live=live)
        if not ok:
            raise problem(text(value))
        return text(value)

    def sync(**arguments: Any) -> str:
        import asyncio

        return asyncio.run(coroutine(**arguments))

    return sync, coroutine
