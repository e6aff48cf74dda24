"""``actionkit-codegen drift``: how a user's live tools differ from the ones the spec generates.

Tool schemas are per user and change over time (custom fields, option lists, renamed tools).
This asks ActionKit's List Tools endpoint for one user's tools and compares them with the spec's,
in the ``diff`` format: the spec is the old side, the live answer the new one. Only the
integrations the answer covers are compared (List Tools answers for connected integrations).
The same comparison runs inside a generated package: ``<package>.drift.check_drift``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from generator.problems import InputError, SpecProblem
from generator.runtime._diff import DiffReport
from generator.workflows import diff
from generator.workflows.fetch import DEFAULT_MAX_BYTES, download

DEFAULT_BASE_URL = "https://actionkit.useparagon.com"
DEFAULT_TIMEOUT = 60.0


def list_tools_url(base_url: str, project_id: str) -> str:
    return f"{base_url.rstrip('/')}/projects/{quote(project_id, safe='')}/tools"


def drift(
    specs: Sequence[str | Path],
    *,
    project_id: str,
    user_token: str,
    base_url: str = DEFAULT_BASE_URL,
    integrations: Sequence[str] = (),
    reload_fields: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> DiffReport:
    """The drift report; raises ``InputError`` for a bad spec or a failed or invalid answer."""
    generated = diff.spec_tools(specs)
    url = list_tools_url(base_url, project_id)
    params = {"format": "json_schema"}
    if integrations:
        params["integrations"] = ",".join(integrations)
    if reload_fields:
        params["reload_fields"] = "true"
    content = download(
        url,
        timeout=timeout,
        max_bytes=max_bytes,
        headers={"Authorization": f"Bearer {user_token}", "Accept": "application/json"},
        params=params,
    )
    try:
        answer = json.loads(content)
    except ValueError as error:  # UnicodeDecodeError too
        raise InputError([SpecProblem(url, "/", f"not JSON: {error}")]) from None
    try:
        return diff.drift_report(generated, answer)
    except ValueError as error:
        raise InputError([SpecProblem(url, "/", f"not a List Tools answer: {error}")]) from None
