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

from collections.abc import Sequence

from ._base_client import DEFAULT_BASE_URL
from ._diff import Change, DiffReport, ToolSchema, drift_report
from ._exceptions import ActionKitError
from ._sync_client import ActionKit

__all__ = ["Change", "DiffReport", "ToolSchema", "check_drift", "generated_tools"]

DEFAULT_DRIFT_TIMEOUT = 60.0


def generated_tools() -> dict[str, ToolSchema]:
    """Every tool of this package: its parameters' JSON Schema and its integration."""
    from ._registry import TOOLS

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
    base_url: str = DEFAULT_BASE_URL,
    integrations: Sequence[str] | None = None,
    reload_fields: bool = False,
    timeout: float = DEFAULT_DRIFT_TIMEOUT,
    max_retries: int = 2,
) -> DiffReport:
    """How the user's live tools differ from this package's (``old`` is this package).

    Asks through ``client.list_tools``; without a ``client``, through one made from
    ``project_id``, ``user_token`` (else ``PARAGON_PROJECT_ID`` and ``PARAGON_USER_TOKEN``),
    ``base_url``, ``timeout`` and ``max_retries``. ``integrations`` limits the question to those
    integrations; ``reload_fields`` asks ActionKit to load the user's custom fields afresh rather
    than from its cache.

    Raises the client's errors: ``APIStatusError`` (and its subclasses) for an error answer,
    ``APIConnectionError``/``APITimeoutError``, and ``ActionKitError`` for an answer that is not
    a List Tools answer.
    """
    if client is None:
        options = {"base_url": base_url, "timeout": timeout, "max_retries": max_retries}
        with ActionKit(project_id, user_token, **options) as own:  # type: ignore[arg-type]
            return check_drift(own, integrations=integrations, reload_fields=reload_fields)
    answer = client.list_tools(
        integrations=list(integrations) if integrations else None,
        reload_fields=True if reload_fields else None,
    )
    try:
        return drift_report(generated_tools(), answer.raw)
    except ValueError as error:
        raise ActionKitError(f"not a List Tools answer: {error}") from None
