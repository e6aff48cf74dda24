"""Each error class, what it carries, and the user token kept out of every error, repr and log."""

from __future__ import annotations

import logging
import subprocess
import sys
import traceback
from pathlib import Path
from typing import Any

import httpx
import pytest

from support.standin import Reply, Standin
from tests.client_helpers import (
    KINDS,
    PROJECT,
    TOKEN,
    call_with,
    chat,
    closed_port_url,
    crm,
    drive,
    kit,
)


def send(client: Any, **options: Any) -> Any:
    return client.run(chat.ChatSendMessage(channel="C1", message="hello"), **options)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("status", "error_name"),
    [
        (400, "BadRequestError"),
        (401, "AuthenticationError"),
        (403, "PermissionDeniedError"),
        (404, "NotFoundError"),
        (409, "APIStatusError"),
        (422, "APIStatusError"),
        (429, "RateLimitError"),
        (500, "InternalServerError"),
        (501, "InternalServerError"),
        (503, "InternalServerError"),
    ],
)
def test_each_status_raises_its_class_with_status_message_body_and_response(
    kind: str, status: int, error_name: str, checked: Standin
) -> None:
    body = {"message": "The integration said no", "code": "E42"}
    checked.script(Reply(status=status, body=body, headers={"X-Request-Id": "req-1"}))
    with pytest.raises(kit.APIStatusError) as raised:
        call_with(kind, checked, send, max_retries=0)
    error = raised.value
    assert type(error) is getattr(kit, error_name)
    assert isinstance(error, kit.ActionKitError)
    assert error.status_code == status
    assert error.message == "The integration said no"
    assert error.body == body
    assert isinstance(error.response, httpx.Response)
    assert error.response.status_code == status
    assert error.response.headers["x-request-id"] == "req-1"
    assert str(error) == f"{status}: The integration said no"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("status", [400, 401, 403, 404, 422, 500])
def test_integration_not_connected_is_recognised_whatever_the_status(
    kind: str, status: int, checked: Standin
) -> None:
    checked.script(Reply(status=status, body={"message": "Integration not enabled for user."}))
    with pytest.raises(kit.IntegrationNotConnectedError) as raised:
        call_with(kind, checked, send, max_retries=0)
    assert raised.value.status_code == status
    assert raised.value.message == "Integration not enabled for user."
    assert isinstance(raised.value, kit.APIStatusError)


@pytest.mark.parametrize("kind", KINDS)
def test_rate_limit_error_carries_retry_after(kind: str, checked: Standin) -> None:
    checked.script(
        Reply(status=429, body={"message": "HubSpot: too many"}, headers={"Retry-After": "7"})
    )
    with pytest.raises(kit.RateLimitError) as raised:
        call_with(kind, checked, send, max_retries=0)
    assert raised.value.retry_after == 7.0
    assert raised.value.message == "HubSpot: too many"


@pytest.mark.parametrize("kind", KINDS)
def test_an_error_that_is_not_json_keeps_its_text(kind: str, checked: Standin) -> None:
    page = b"<html><body>Bad gateway</body></html>"
    checked.script(Reply(status=502, raw=page, headers={"Content-Type": "text/html"}))
    with pytest.raises(kit.InternalServerError) as raised:
        call_with(kind, checked, send)
    assert raised.value.body == page.decode()
    assert raised.value.message == "Bad Gateway"  # the reason phrase


@pytest.mark.parametrize("kind", KINDS)
def test_a_success_that_says_json_but_is_not_raises(kind: str, checked: Standin) -> None:
    checked.script(Reply(raw=b"{not json"))
    with pytest.raises(kit.APIResponseValidationError) as raised:
        call_with(kind, checked, send)
    assert raised.value.status_code == 200
    assert raised.value.body == "{not json"


@pytest.mark.parametrize("kind", KINDS)
def test_connection_and_timeout_errors(kind: str, checked: Standin) -> None:
    with pytest.raises(kit.APIConnectionError) as refused:
        call_with(kind, closed_port_url(), send, max_retries=0)
    checked.script(Reply(delay=0.5))
    with pytest.raises(kit.APITimeoutError) as timed_out:
        call_with(kind, checked, send, timeout=0.2)
    assert type(refused.value) is kit.APIConnectionError
    assert isinstance(timed_out.value, kit.APIConnectionError)


@pytest.mark.parametrize("kind", KINDS)
def test_validation_errors_send_nothing(kind: str, checked: Standin) -> None:
    with pytest.raises(kit.ActionKitValidationError) as unknown:
        call_with(kind, checked, lambda c: c.run_tool("CHAT_SEND_MESSAGE", {"channel": 1}))
    assert [str(p) for p in unknown.value.problems] == [
        "parameters.channel: expected a string, got int",
        "parameters.message: required, missing",
    ]
    not_json = chat.ChatSendMessage(channel="C", message="m", extra_parameters={"when": {1, 2}})
    with pytest.raises(kit.ActionKitValidationError) as unsendable:
        call_with(kind, checked, lambda c: c.run(not_json))
    assert "cannot be sent as JSON" in str(unsendable.value)
    with pytest.raises(kit.ActionKitValidationError):
        call_with(kind, checked, lambda c: c.run_tool("ANY_TOOL", {"n": float("nan")}))
    assert checked.received == []


def test_every_error_is_an_actionkit_error() -> None:
    for name in [
        "ActionKitValidationError",
        "APIConnectionError",
        "APITimeoutError",
        "APIStatusError",
        "APIResponseValidationError",
        "BadRequestError",
        "AuthenticationError",
        "PermissionDeniedError",
        "NotFoundError",
        "RateLimitError",
        "InternalServerError",
        "IntegrationNotConnectedError",
    ]:
        assert issubclass(getattr(kit, name), kit.ActionKitError), name
    assert issubclass(kit.APITimeoutError, kit.APIConnectionError)
    assert issubclass(kit.ActionKitValidationError, ValueError)


def _texts_of(error: BaseException) -> list[str]:
    """Everything a log or an error tracker would show of an error."""
    texts = [str(error), repr(error), "".join(traceback.format_exception(error))]
    for name in ("message", "body"):
        if hasattr(error, name):
            texts.append(repr(getattr(error, name)))
    return texts


@pytest.mark.parametrize("kind", KINDS)
def test_the_token_is_in_no_error_repr_or_debug_log(
    kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger: this package's, httpx's and httpcore's
    standin = Standin()
    echoed = {"message": f"Invalid token {TOKEN}", "detail": {"token": [TOKEN]}}
    standin.script(
        Reply(status=401, body=echoed),
        Reply(status=429, body={"message": "later"}),
        Reply(status=429, body={"message": "later"}),
        Reply(status=429, body={"message": f"still {TOKEN}"}),
        Reply(status=400, body={"message": "Integration not enabled for user."}),
        Reply(delay=0.5),
        Reply(drop=True),
        Reply(raw=b"{oops"),
        Reply(raw=b"PDF", headers={"Content-Type": "application/pdf"}),
    )
    errors: list[Any] = []
    reprs: list[str] = []

    async def noop() -> None:
        return None

    def scenario(client: Any) -> Any:
        reprs.extend([repr(client), repr(client.with_raw_response)])
        reprs.append(repr(client.pages(crm.CrmSearchRecords(object_type="T"))))
        steps = [
            lambda: send(client),
            lambda: send(client),
            lambda: send(client),
            lambda: send(client, timeout=0.2),
            lambda: send(client),
            lambda: send(client),
            lambda: client.run(drive.DriveDownloadFile(file_id="f")),
        ]
        if kind == "sync":
            for step in steps:
                try:
                    reprs.append(repr(step()))
                except kit.ActionKitError as error:
                    errors.append(error)
            return None

        async def run_all() -> None:
            for step in steps:
                try:
                    reprs.append(repr(await step()))
                except kit.ActionKitError as error:
                    errors.append(error)

        return run_all()

    with standin.running():
        call_with(kind, standin, scenario)
        try:
            call_with(kind, closed_port_url(), send)
        except kit.APIConnectionError as error:
            errors.append(error)

    assert standin.received[0].headers["authorization"] == f"Bearer {TOKEN}"
    assert [type(e).__name__ for e in errors] == [
        "AuthenticationError",
        "RateLimitError",
        "IntegrationNotConnectedError",
        "APITimeoutError",
        "APIConnectionError",
        "APIResponseValidationError",
        "APIConnectionError",
    ]
    assert "[redacted]" in errors[0].message and errors[0].body["detail"] == {
        "token": ["[redacted]"]
    }
    for failure in errors:
        assert failure.__cause__ is None and failure.__context__ is None, repr(failure)
        for text in _texts_of(failure):
            assert TOKEN not in text, text
    for text in reprs:
        assert TOKEN not in text, text
    assert "FileResult(content=<3 bytes>" in reprs[-1]
    assert TOKEN not in caplog.text
    assert f"POST {standin.url}/projects/{PROJECT}/tools" in caplog.text


def test_no_log_output_unless_the_application_configures_logging() -> None:
    """Retries are logged at INFO and a page cap at WARNING: none of it reaches stderr until the
    application sets up logging (Python's last-resort handler would print the warning)."""
    code = """if True:
        import sys
        sys.path.insert(0, sys.argv[1])
        import logging, client_kit
        client = client_kit.ActionKit("p", "t", base_url=sys.argv[2], initial_retry_delay=0.001)
        try:
            client.run_tool("ANY_TOOL", {})
        except client_kit.APIConnectionError:
            pass
        logging.getLogger("client_kit").warning("a warning of the package")
    """
    folder = Path(str(kit.__file__)).parent.parent
    result = subprocess.run(
        [sys.executable, "-c", code, str(folder), closed_port_url()],
        capture_output=True,
        text=True,
        check=True,
    )
    assert (result.stdout, result.stderr) == ("", "")
