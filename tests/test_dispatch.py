"""`dispatch` runs a model's tool call: valid ones reach the server with the exact wire body,
invalid ones never reach it and come back as a structured error or raise."""

from __future__ import annotations

import asyncio
import base64
import json
from typing import Any

import pytest

from support.standin import Reply, Standin
from tests.golden_packages import golden_package

package = golden_package("mixed_catalogue")
tools = pytest.importorskip(f"{package.__name__}.tools")


def _client(standin: Standin) -> Any:
    return package.ActionKit("p1", "token", base_url=standin.url, max_retries=0)


def test_a_valid_call_reaches_the_server_with_the_exact_wire_body(standin: Standin) -> None:
    arguments = '{"channel": "C1", "message": "Hi \\ud83c\\udf89", "blocks": [{"type": "divider"}]}'
    with _client(standin) as client:
        assert client.dispatch("SLACK_SEND_MESSAGE", arguments) == {"ok": True}
        client.dispatch("SLACK_SEND_MESSAGE", {"channel": "C2"})
    assert [r.json() for r in standin.received] == [
        {"tool": "SLACK_SEND_MESSAGE", "parameters": json.loads(arguments)},
        {"tool": "SLACK_SEND_MESSAGE", "parameters": {"channel": "C2"}},
    ]


def test_a_strict_call_maps_nulls_and_encoded_values_back(standin: Standin) -> None:
    [definition] = tools.tool_definitions(["SLACK_SEND_MESSAGE"], format="openai", strict=True)
    assert definition["function"]["parameters"]["required"] == [
        "channel",
        "message",
        "blocks",
        "thread_ts",
    ]
    arguments = {
        "channel": "C1",
        "message": None,
        "blocks": '[{"type": "divider"}]',
        "thread_ts": None,
    }
    with _client(standin) as client:
        client.dispatch("SLACK_SEND_MESSAGE", json.dumps(arguments), strict=True)
    assert standin.received[0].json()["parameters"] == {
        "channel": "C1",
        "blocks": [{"type": "divider"}],
    }


@pytest.mark.parametrize(
    ("name", "arguments", "problems"),
    [
        ("NO_SUCH_TOOL", "{}", [{"path": "name", "message": "no tool named 'NO_SUCH_TOOL'"}]),
        ("SLACK_SEND_MESSAGE", '{"channel": ', None),
        (
            "SLACK_SEND_MESSAGE",
            "[1, 2]",
            [{"path": "arguments", "message": "expected a JSON object"}],
        ),
        (
            "GMAIL_SEND_EMAIL",
            {"subject": "Hi"},
            [{"path": "parameters.to", "message": "required, missing"}],
        ),
        (
            "ZENDESK_CREATE_TICKET",
            {"subject": "s", "comment": "c", "priority": "blocker"},
            [
                {
                    "path": "parameters.priority",
                    "message": "expected one of 'urgent', 'high', 'normal', 'low', got 'blocker'",
                }
            ],
        ),
    ],
)
def test_invalid_calls_never_reach_the_server(
    standin: Standin, name: str, arguments: Any, problems: list[dict[str, str]] | None
) -> None:
    with _client(standin) as client:
        value = client.dispatch(name, arguments, errors="return")
        with pytest.raises(package.ActionKitValidationError):
            client.dispatch(name, arguments)
    assert standin.received == []
    assert value["error"] == "invalid_tool_call"
    assert "not sent" in value["message"]
    if problems is None:
        assert value["problems"][0]["path"] == "arguments"
        assert value["problems"][0]["message"].startswith("not valid JSON")
    else:
        assert value["problems"] == problems
    json.dumps(value)  # a model can be handed it as it is


def test_api_errors_come_back_as_values_too(standin: Standin) -> None:
    standin.script(
        Reply(status=400, body={"message": "Integration not enabled for user."}),
        Reply(status=404, body={"message": "channel_not_found"}),
    )
    with _client(standin) as client:
        not_connected = client.dispatch("SLACK_LIST_CHANNELS", {}, errors="return")
        not_found = client.dispatch("SLACK_LIST_CHANNELS", {}, errors="return")
    assert not_connected == {
        "error": "integration_not_connected",
        "tool": "SLACK_LIST_CHANNELS",
        "integration": "slack",
        "status_code": 400,
        "message": (
            "The user has not connected slack: ask them to connect it in the app, then try"
            " again. (ActionKit said: Integration not enabled for user.)"
        ),
    }
    assert not_found == {
        "error": "api_error",
        "tool": "SLACK_LIST_CHANNELS",
        "status_code": 404,
        "message": "channel_not_found",
    }


# Each: the answer the stand-in gives, and the error value dispatch(errors="return") gives for it.
_FAILED_ANSWERS: dict[str, tuple[Reply, dict[str, Any]]] = {
    "json_that_is_not_json": (
        Reply(raw=b"<html>oops</html>", headers={"Content-Type": "application/json"}),
        {"error": "invalid_response", "tool": "SLACK_LIST_CHANNELS", "status_code": 200},
    ),
    "dropped_connection": (
        Reply(drop=True),
        {"error": "connection_error", "tool": "SLACK_LIST_CHANNELS"},
    ),
}


@pytest.mark.parametrize("case", sorted(_FAILED_ANSWERS))
def test_every_failed_answer_comes_back_as_a_value(standin: Standin, case: str) -> None:
    reply, expected = _FAILED_ANSWERS[case]
    standin.script(reply, reply)
    with _client(standin) as client:
        value = client.dispatch("SLACK_LIST_CHANNELS", {}, errors="return")
        with pytest.raises(package.ActionKitError):
            client.dispatch("SLACK_LIST_CHANNELS", {})
    assert {key: value[key] for key in expected} == expected
    assert value["message"]
    json.dumps(value)


@pytest.mark.parametrize("case", sorted(_FAILED_ANSWERS))
def test_every_failed_answer_comes_back_as_a_value_async(standin: Standin, case: str) -> None:
    reply, expected = _FAILED_ANSWERS[case]
    standin.script(reply)

    async def main() -> Any:
        async with package.AsyncActionKit("p1", "t", base_url=standin.url, max_retries=0) as client:
            return await client.dispatch("SLACK_LIST_CHANNELS", {}, errors="return")

    value = asyncio.run(main())
    assert {key: value[key] for key in expected} == expected


# A model's \\ud800 escape decodes to a lone surrogate, which has no UTF-8 form.
_UNENCODABLE = [
    ('{"channel": "C1", "message": "hi \\ud800"}', "parameters.message"),
    ({"channel": "C1", "blocks": [{"text": "\udc00"}]}, "parameters.blocks[0].text"),
    ({"channel": "C1", "\ud800": "x"}, "parameters"),
]


@pytest.mark.parametrize(("arguments", "path"), _UNENCODABLE)
def test_arguments_that_cannot_be_encoded_come_back_as_a_value(
    standin: Standin, arguments: Any, path: str
) -> None:
    with _client(standin) as client:
        value = client.dispatch("SLACK_SEND_MESSAGE", arguments, errors="return")
        with pytest.raises(package.ActionKitValidationError):
            client.dispatch("SLACK_SEND_MESSAGE", arguments)
    assert standin.received == []
    assert value["error"] == "invalid_tool_call"
    [problem] = value["problems"]
    assert problem["path"] == path
    assert "not valid Unicode" in problem["message"]
    json.dumps(value).encode("utf-8")  # the value itself can be sent to a model


@pytest.mark.parametrize("strict", [False, True])
def test_arguments_nested_too_deeply_come_back_as_a_value(standin: Standin, strict: bool) -> None:
    deep = '{"channel": "C1", "blocks": ' + "[" * 100_000 + "]" * 100_000 + "}"
    with _client(standin) as client:
        value = client.dispatch("SLACK_SEND_MESSAGE", deep, strict=strict, errors="return")
    assert value["problems"] == [{"path": "arguments", "message": "nested too deeply to check"}]
    assert standin.received == []


def test_arguments_that_cannot_be_encoded_async(standin: Standin) -> None:
    arguments, path = _UNENCODABLE[0]

    async def main() -> Any:
        async with package.AsyncActionKit("p1", "t", base_url=standin.url) as client:
            return await client.dispatch("SLACK_SEND_MESSAGE", arguments, errors="return")

    value = asyncio.run(main())
    assert value["problems"][0]["path"] == path
    assert standin.received == []


_PDF = Reply(
    raw=b"%PDF-1.4 \x00\xff",
    headers={
        "Content-Type": "application/pdf",
        "Content-Disposition": 'attachment; filename="report.pdf"',
    },
)
_PDF_VALUE = {
    "file": {
        "filename": "report.pdf",
        "content_type": "application/pdf",
        "size": 11,
        "content_base64": base64.b64encode(b"%PDF-1.4 \x00\xff").decode("ascii"),
    }
}


def test_a_file_comes_back_as_a_json_value(standin: Standin) -> None:
    standin.script(_PDF, _PDF)
    with _client(standin) as client:
        value = client.dispatch("GOOGLE_DRIVE_DOWNLOAD_FILE", {"fileId": "f1"}, errors="return")
        raised = client.dispatch("GOOGLE_DRIVE_DOWNLOAD_FILE", {"fileId": "f1"})
    assert json.loads(json.dumps(value)) == _PDF_VALUE
    assert isinstance(raised, package.FileResult)  # errors="raise" keeps the FileResult


def test_a_file_comes_back_as_a_json_value_async(standin: Standin) -> None:
    standin.script(_PDF)

    async def main() -> Any:
        async with package.AsyncActionKit("p1", "t", base_url=standin.url) as client:
            return await client.dispatch(
                "GOOGLE_DRIVE_DOWNLOAD_FILE", {"fileId": "f1"}, errors="return"
            )

    assert asyncio.run(main()) == _PDF_VALUE


def test_provider_names_dispatch_to_their_tool(standin: Standin) -> None:
    hostile = golden_package("hostile_strings")
    hostile_tools = pytest.importorskip(f"{hostile.__name__}.tools")
    [definition] = hostile_tools.tool_definitions(format="openai")
    name = definition["function"]["name"]
    [wire_name] = hostile_tools.TOOLS
    with hostile.ActionKit("p", "t", base_url=standin.url) as client:
        client.dispatch(name, {"title": "t", "": "e"})
    assert standin.received[0].json()["tool"] == wire_name


def test_async_dispatch(standin: Standin) -> None:
    async def main() -> tuple[Any, Any]:
        async with package.AsyncActionKit("p1", "t", base_url=standin.url) as client:
            good = await client.dispatch("SLACK_SEND_MESSAGE", {"channel": "C1"})
            bad = await client.dispatch("SLACK_SEND_MESSAGE", {}, errors="return")
            return good, bad

    good, bad = asyncio.run(main())
    assert good == {"ok": True}
    assert bad["problems"] == [{"path": "parameters.channel", "message": "required, missing"}]
    assert [r.json()["parameters"] for r in standin.received] == [{"channel": "C1"}]


def test_errors_must_be_raise_or_return(standin: Standin) -> None:
    with _client(standin) as client, pytest.raises(ValueError, match="errors"):
        client.dispatch("SLACK_LIST_CHANNELS", {}, errors="ignore")
