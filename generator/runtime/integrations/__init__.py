"""Adapters for agent frameworks: the chosen tools as each framework's own tool objects.

- ``integrations.openai_agents.tools(client, **choose)``: OpenAI Agents SDK ``FunctionTool``s.
- ``integrations.langchain.tools(client, **choose)``: LangChain ``StructuredTool``s.
- ``integrations.pydantic_ai.tools(client, **choose)``: pydantic-ai ``Tool``s.

``choose`` is ``tool_definitions``' selection (``names``, ``integrations``, ``pattern``). Each
module imports its framework only when ``tools`` is called, and raises an ``ImportError`` naming
the extra to install when it is missing. A call is checked by the tool's ``from_parameters``
before anything is sent; a call the model gets wrong goes back to it as the problem list (the
``dispatch(errors="return")`` value), and so do API and connection errors.
"""

from __future__ import annotations

import asyncio
import base64
import importlib
import inspect
import json
from collections.abc import Iterable, Mapping
from typing import Any

from .._agents import error_value, parse_call
from .._exceptions import ActionKitValidationError, APIConnectionError, APIStatusError

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


def as_json(result: Any) -> Any:
    """A tool's result as a JSON value: a file as ``{"file": {...}}`` with its bytes in base64."""
    from .._response import FileResult

    if isinstance(result, FileResult):
        return {
            "file": {
                "filename": result.filename,
                "content_type": result.content_type,
                "size": len(result.content),
                "content_base64": base64.b64encode(result.content).decode("ascii"),
            }
        }
    return result


async def run(client: Any, name: str, arguments: Any, *, strict: bool) -> tuple[bool, Any]:
    """``(True, result)`` for a call checked and run, ``(False, problem)`` for one refused or
    failed: a value to hand back to the model. ``client`` is an ``ActionKit`` (run in a worker
    thread) or an ``AsyncActionKit``."""
    try:
        call = parse_call(name, arguments, strict=strict)
        if inspect.iscoroutinefunction(client.run):
            result = await client.run(call)
        else:
            result = await asyncio.to_thread(client.run, call)
    except (ActionKitValidationError, APIStatusError, APIConnectionError) as error:
        return False, error_value(error)
    return True, as_json(result)


def text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
