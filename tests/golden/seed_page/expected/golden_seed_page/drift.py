"""Drift: how the tools ActionKit offers a user now differ from the ones generated here.

Tool schemas are per user and change over time: a user's custom fields, option lists loaded or
not, tools renamed or split. ``check_drift`` asks the List Tools endpoint for the user's tools and
compares them with this package's, tool by tool and parameter by parameter::

    from actionkit_client import ActionKit
    from actionkit_client.drift import check_drift

    with ActionKit() as client:
        report = check_drift(client)
    if report.breaking:
        print(report.to_text())

Only the integrations the answer covers are compared (List Tools answers for the integrations
the user has connected); the others are listed in ``report.skipped_integrations``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from urllib.parse import quote

import httpx

from ._client import DEFAULT_BASE_URL, ActionKit, _connection_error, _status_error
from ._diff import Change, DiffReport, ToolSchema, drift_report
from ._exceptions import ActionKitError

__all__ = ["Change", "DiffReport", "ToolSchema", "check_drift", "generated_tools"]

DEFAULT_DRIFT_TIMEOUT = 60.0


def generated_tools() -> dict[str, ToolSchema]:
    """Every tool of this package: its parameters' JSON Schema and its integration."""
    from .tools import TOOLS

    tools: dict[str, ToolSchema] = {}
    for name in TOOLS:
        call = TOOLS[name]
        tools[name] = ToolSchema(call.json_schema(), call.INTEGRATION)
    return tools


def check_drift(
    client: ActionKit | None = None,
    /,
    *,
    project_id: str | None = None,
    user_token: str | None = None,
    base_url: str | None = None,
    integrations: Sequence[str] | None = None,
    reload_fields: bool = False,
    timeout: float = DEFAULT_DRIFT_TIMEOUT,
    http_client: httpx.Client | None = None,
) -> DiffReport:
    """How the user's live tools differ from this package's (``old`` is this package).

    Pass a ``client`` (its project, token, base URL and connections are used), or ``project_id``
    and ``user_token`` (else ``PARAGON_PROJECT_ID`` and ``PARAGON_USER_TOKEN``). ``integrations``
    limits the question to those integrations; ``reload_fields`` asks ActionKit to load the user's
    custom fields afresh rather than from its cache.

    Raises the client's errors: ``APIStatusError`` (and its subclasses) for an error answer,
    ``APIConnectionError``/``APITimeoutError``, and ``ActionKitError`` for an answer that is not
    a List Tools answer.
    """
    if client is not None:
        project_id = project_id or client.project_id
        base_url = base_url or client.base_url
        token = user_token or _token_of(client)
        http_client = http_client or client._http
    else:
        project_id = project_id or os.environ.get("PARAGON_PROJECT_ID")
        token = user_token or os.environ.get("PARAGON_USER_TOKEN")
    if not project_id:
        raise ActionKitError("no project_id: pass one or set PARAGON_PROJECT_ID")
    if not token:
        raise ActionKitError("no user_token: pass one or set PARAGON_USER_TOKEN")

    url = (
        f"{(base_url or DEFAULT_BASE_URL).rstrip('/')}/projects/{quote(project_id, safe='')}/tools"
    )
    params = {"format": "json_schema"}
    if integrations:
        params["integrations"] = ",".join(integrations)
    if reload_fields:
        params["reload_fields"] = "true"
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}

    http = http_client if http_client is not None else httpx.Client()
    try:
        response = http.get(url, params=params, headers=headers, timeout=timeout)
    except httpx.TransportError as error:
        raise _connection_error(error) from None
    finally:
        if http_client is None:
            http.close()
    if not response.is_success:
        raise _status_error(response)
    try:
        answer = response.json()
    except ValueError:
        raise ActionKitError("the List Tools answer is not JSON") from None
    try:
        return drift_report(generated_tools(), answer)
    except ValueError as error:
        raise ActionKitError(f"not a List Tools answer: {error}") from None


def _token_of(client: ActionKit) -> str | None:
    # The client keeps its token private (out of reprs and logs); drift is part of the package.
    token = getattr(client, "_BaseClient__user_token", None)
    return token if isinstance(token, str) else None
