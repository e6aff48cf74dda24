"""Drift: ``actionkit-codegen drift`` and ``<package>.drift.check_drift`` against a List Tools
stand-in on 127.0.0.1: the report in the ``diff`` format, the request sent, and every failure."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from actionkit_client import (
    ActionKit,
    ActionKitError,
    APITimeoutError,
    AuthenticationError,
    InternalServerError,
)
from actionkit_client.drift import DiffReport, check_drift, generated_tools

from support.standin import Reply, Standin
from tests.clirun import Ran, run_cli

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "specs" / "actionkit.yaml"
TOKEN = "eyJhbGciOiJIUzI1NiJ9.drift-user.signature"
TOOL = "DYNAMICS_365_FINANCE_UPDATE_INVOICE"


def _answer(extra: dict[str, Any] | None = None, **changes: Any) -> dict[str, Any]:
    """A List Tools answer for the seed tool, as one user sees it."""
    parameters = generated_tools()[TOOL].parameters
    schema = json.loads(json.dumps(parameters))
    schema["properties"].update(extra or {})
    for key, value in changes.items():
        schema[key] = value
    return {
        "tools": {
            "dynamicsfinance": [
                {
                    "type": "function",
                    "function": {
                        "name": TOOL,
                        "description": "Update Invoice",
                        "parameters": schema,
                    },
                }
            ]
        },
        "errors": [],
    }


@pytest.fixture
def standin(standin: Standin) -> Standin:
    """Quiet when the client hangs up early (on purpose here)."""
    standin._server.handle_error = lambda request, client_address: None  # type: ignore[method-assign]
    return standin


@pytest.fixture
def drift(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Callable[..., Ran]:
    monkeypatch.setenv("PARAGON_USER_TOKEN", TOKEN)
    monkeypatch.delenv("PARAGON_PROJECT_ID", raising=False)

    def run(*args: str) -> Ran:
        return run_cli(
            ["drift", "--spec", str(SEED), *args],
            cwd=tmp_path,
            capsys=capsys,
            monkeypatch=monkeypatch,
        )

    return run


# The command


def test_no_drift(drift: Callable[..., Ran], standin: Standin) -> None:
    standin.script(Reply(body=_answer()))
    result = drift("--project-id", "project 1", "--base-url", standin.url + "/")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "no changes\n"
    [request] = standin.received
    assert request.method == "GET"
    assert request.path == "/projects/project%201/tools?format=json_schema"
    assert request.headers["authorization"] == f"Bearer {TOKEN}"


def test_custom_fields_and_other_integrations_are_reported_in_the_diff_format(
    drift: Callable[..., Ran], standin: Standin
) -> None:
    answer = _answer({"Level__c": {"type": "string", "enum": ["Gold"]}}, required=["DueDate"])
    answer["tools"]["slack"] = [{"type": "function", "function": {"name": "SLACK_SEND_MESSAGE"}}]
    answer["errors"] = [{"integration": "hubspot", "message": "Integration not enabled for user."}]
    standin.script(Reply(body=answer), Reply(body=answer), Reply(body=answer))

    result = drift(
        "--project-id", "p", "--base-url", standin.url, "--integrations", "dynamicsfinance, slack"
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        f"~ {TOOL}\n"
        "    DueDate: optional became required  [breaking]\n"
        "    InvoiceIdentifier: required became optional\n"
        "    Level__c: added, optional (string)\n"
        "+ SLACK_SEND_MESSAGE: added (integration slack)\n"
        'note: {"integration": "hubspot", "message": "Integration not enabled for user."}\n'
        "\n"
        "1 tool added, 1 changed (1 breaking)\n"
    )
    assert standin.received[0].path == (
        "/projects/p/tools?format=json_schema&integrations=dynamicsfinance%2Cslack"
    )

    failing = drift("--project-id", "p", "--base-url", standin.url, "--fail-on-breaking")
    assert failing.returncode == 1

    as_json = drift("--project-id", "p", "--base-url", standin.url, "--format", "json")
    report = json.loads(as_json.stdout)
    assert report["breaking"] is True
    assert report["tools"]["added"] == ["SLACK_SEND_MESSAGE"]
    assert report["notes"] == [
        '{"integration": "hubspot", "message": "Integration not enabled for user."}'
    ]


def test_integrations_the_answer_does_not_cover_are_skipped(
    drift: Callable[..., Ran], standin: Standin, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARAGON_PROJECT_ID", "from-env")
    standin.script(Reply(body={"tools": {}, "errors": []}))
    result = drift("--base-url", standin.url, "--reload-fields")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "not compared (not in the List Tools answer): dynamicsfinance\n\nno changes\n"
    )
    assert (
        standin.received[0].path == "/projects/from-env/tools?format=json_schema&reload_fields=true"
    )


FAILURES: dict[str, tuple[Reply, list[str], str]] = {
    "HTTP 500": (
        Reply(status=500, body={"message": "Boom"}),
        [],
        "HTTP 500 Internal Server Error: Boom",
    ),
    "HTTP 401": (
        Reply(status=401, body={"message": "Invalid token"}),
        [],
        "HTTP 401 Unauthorized: Invalid token",
    ),
    "timeout": (Reply(delay=3.0, drop=True), ["--timeout", "0.5"], "timed out after 0.5s"),
    "garbage": (Reply(raw=b"<html>", headers={"Content-Type": "text/html"}), [], "not JSON"),
    "not an answer": (Reply(body={"tools": "none"}), [], "not a List Tools answer"),
    "over the size limit": (
        Reply(body={"tools": {"x": []}, "pad": "x" * 5000}),
        ["--max-bytes", "1000"],
        "over the limit of 1000 (--max-bytes)",
    ),
}


@pytest.mark.parametrize("case", sorted(FAILURES))
def test_failures_exit_2_with_a_clear_message(
    case: str, drift: Callable[..., Ran], standin: Standin
) -> None:
    reply, options, message = FAILURES[case]
    standin.script(reply)
    result = drift("--project-id", "p", "--base-url", standin.url, *options)
    assert result.returncode == 2
    url = f"{standin.url}/projects/p/tools"
    assert result.stderr.startswith(f"{url}: /: "), result.stderr
    assert message in result.stderr
    assert TOKEN not in result.stderr + result.stdout
    assert result.stdout == ""


def test_a_project_and_a_token_are_needed(
    drift: Callable[..., Ran], monkeypatch: pytest.MonkeyPatch
) -> None:
    result = drift()
    assert result.returncode == 2
    assert "--project-id or PARAGON_PROJECT_ID" in result.stderr

    monkeypatch.delenv("PARAGON_USER_TOKEN")
    result = drift("--project-id", "p")
    assert result.returncode == 2
    assert "PARAGON_USER_TOKEN" in result.stderr


def test_a_bad_spec_is_bad_input(drift: Callable[..., Ran], tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text("{")
    result = drift("--spec", str(tmp_path / "bad.json"), "--project-id", "p")
    assert result.returncode == 2
    assert "bad.json: line 1: invalid JSON" in result.stderr


# The function in the generated package


def test_check_drift_with_a_client(standin: Standin) -> None:
    standin.script(Reply(body=_answer({"Level__c": {"type": "string"}})))
    with ActionKit("p-9", TOKEN, base_url=standin.url) as client:
        report = check_drift(client, integrations=["dynamicsfinance"], reload_fields=True)
    assert isinstance(report, DiffReport)
    assert not report.breaking
    assert [(c.kind, c.parameter) for c in report.changes] == [("parameter_added", "Level__c")]
    assert report.summary() == "1 tool changed"
    [request] = standin.received
    path, _, query = request.path.partition("?")
    assert path == "/projects/p-9/tools"
    assert sorted(query.split("&")) == [
        "format=json_schema",
        "integrations=dynamicsfinance",
        "reload_fields=true",
    ]
    assert request.headers["authorization"] == f"Bearer {TOKEN}"


def test_check_drift_from_the_environment(
    standin: Standin, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARAGON_PROJECT_ID", "env-project")
    monkeypatch.setenv("PARAGON_USER_TOKEN", TOKEN)
    standin.script(Reply(body={"actions": {}, "errors": []}))
    report = check_drift(base_url=standin.url)
    assert report.changes == ()
    assert report.skipped_integrations == ("dynamicsfinance",)
    assert standin.received[0].path == "/projects/env-project/tools?format=json_schema"


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        (Reply(status=401, body={"message": "Invalid token"}), AuthenticationError),
        (Reply(status=503, body={"message": "Down"}), InternalServerError),
        (Reply(raw=b"<html>", headers={"Content-Type": "text/html"}), ActionKitError),
        (Reply(body=["not", "an", "answer"]), ActionKitError),
    ],
)
def test_check_drift_raises_the_client_errors(
    reply: Reply, error: type[Exception], standin: Standin
) -> None:
    standin.script(reply)
    with pytest.raises(error) as caught:
        check_drift(project_id="p", user_token=TOKEN, base_url=standin.url, max_retries=0)
    assert TOKEN not in str(caught.value)


def test_check_drift_times_out(standin: Standin) -> None:
    standin.script(Reply(delay=3.0, drop=True))
    with pytest.raises(APITimeoutError):
        check_drift(
            project_id="p", user_token=TOKEN, base_url=standin.url, timeout=0.3, max_retries=0
        )


def test_check_drift_needs_a_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PARAGON_USER_TOKEN", raising=False)
    with pytest.raises(ActionKitError, match="PARAGON_USER_TOKEN"):
        check_drift(project_id="p")
