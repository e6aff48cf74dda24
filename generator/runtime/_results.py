"""What a tool call gives a model back, by one rule for ``dispatch(errors="return")``, the MCP
server and the framework adapters: every ``ActionKitError`` as an error value (a dict with
``"error"``, the ``"tool"`` and a ``"message"`` the model can act on), a file as
``{"file": {"filename", "content_type", "size", "content_base64"}}``, and either as JSON text.
"""

from __future__ import annotations

import base64
import json
from typing import TYPE_CHECKING, Any

from ._exceptions import (
    ActionKitError,
    ActionKitValidationError,
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    IntegrationNotConnectedError,
)
from ._types import JsonValue

if TYPE_CHECKING:  # imported when a result is read: the MCP server starts without httpx
    from ._response import FileResult

ErrorValue = dict[str, JsonValue]


def error_value(
    error: ActionKitError, *, tool: str | None = None, integration: str | None = None
) -> ErrorValue:
    """``error`` as a value a model can read; ``tool`` and ``integration`` name the call where
    the error itself does not."""
    name: JsonValue = getattr(error, "tool", None) or tool
    if isinstance(error, ActionKitValidationError):
        return {
            "error": "invalid_tool_call",
            "tool": name,
            "message": f"The call was not sent: {len(error.problems)} problem(s) with it.",
            "problems": [{"path": p.path, "message": p.message} for p in error.problems],
        }
    if isinstance(error, IntegrationNotConnectedError):
        who = integration or "this tool's integration"
        return {
            "error": "integration_not_connected",
            "tool": name,
            "integration": integration,
            "status_code": error.status_code,
            "message": (
                f"The user has not connected {who}: ask them to connect it in the app, then try"
                f" again. (ActionKit said: {error.message})"
            ),
        }
    if isinstance(error, APIStatusError):
        return {
            "error": "api_error",
            "tool": name,
            "status_code": error.status_code,
            "message": error.message,
        }
    if isinstance(error, APIResponseValidationError):
        return {
            "error": "invalid_response",
            "tool": name,
            "status_code": error.status_code,
            "message": (
                f"The tool ran, but its answer could not be read ({error.message}): do not run"
                " it again without checking what it did."
            ),
        }
    if isinstance(error, APIConnectionError):
        return {
            "error": "connection_error",
            "tool": name,
            "message": f"{error} Whether the tool ran is unknown.",
        }
    return {"error": "actionkit_error", "tool": name, "message": str(error)}


def result_value(result: Any) -> JsonValue:
    """A tool's result as a JSON value: a ``FileResult`` as ``{"file": {...}}``, its bytes in
    base64; decoded JSON as it is."""
    from ._response import FileResult

    if isinstance(result, FileResult):
        return {"file": file_value(result)}
    value: JsonValue = result
    return value


def file_value(result: FileResult, *, content: bool = True) -> dict[str, JsonValue]:
    """The ``"file"`` part of a file's value: ``filename``, ``content_type``, ``size`` and
    ``content_base64`` (left out with ``content=False``, where the bytes travel beside it, as
    the MCP server's embedded resource)."""
    value: dict[str, JsonValue] = {
        "filename": result.filename,
        "content_type": result.content_type,
        "size": len(result.content),
    }
    if content:
        value["content_base64"] = base64.b64encode(result.content).decode("ascii")
    return value


def as_text(value: JsonValue) -> str:
    """A value as the JSON text a model reads: UTF-8 as it is, unless the value holds text no
    encoding can carry (a lone surrogate from a third party's JSON), then escaped."""
    text = json.dumps(value, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value)
    return text
