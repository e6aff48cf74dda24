"""The MCP server (``python -m <package>.mcp``), driven by the mcp SDK's own ``ClientSession`` over
stdio and streamable HTTP, against the ActionKit stand-in: paged listing, a valid call sent exactly
once, an invalid one sending nothing, a user who has not connected the integration, an API error,
a file, and the ``--search`` mode."""

from __future__ import annotations

import base64
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any

import anyio
import mcp.types as types
import pytest
from mcp import ClientSession, MCPError, StdioServerParameters
from mcp.client.stdio import stdio_client
from mcp.client.streamable_http import streamable_http_client

from support.signing_keys import pem, rsa_key
from support.standin import Reply, Standin, schemas_of
from tests.golden import built_root
from tests.golden_packages import golden_package

package = golden_package("mixed_catalogue")
tools = pytest.importorskip(f"{package.__name__}.tools")
TOKEN = "user-token-for-the-mcp-tests"


_USER_VARIABLES = (
    "PARAGON_USER_TOKEN",
    "PARAGON_SIGNING_KEY",
    "PARAGON_SIGNING_KEY_PATH",
    "PARAGON_USER_ID",
)


def _environment(standin: Standin, user: dict[str, str] | None = None) -> dict[str, str]:
    """The server's environment: the stand-in's address, and the user (by default a token)."""
    inherited = {name: value for name, value in os.environ.items() if name not in _USER_VARIABLES}
    return {
        **inherited,
        "PYTHONPATH": os.pathsep.join([str(built_root()), os.environ.get("PYTHONPATH", "")]),
        "PARAGON_PROJECT_ID": "project-1",
        "ACTIONKIT_BASE_URL": standin.url,
        **({"PARAGON_USER_TOKEN": TOKEN} if user is None else user),
    }


@asynccontextmanager
async def stdio_session(
    standin: Standin, *arguments: str, user: dict[str, str] | None = None
) -> AsyncIterator[ClientSession]:
    parameters = StdioServerParameters(
        command=sys.executable,
        args=["-m", f"{package.__name__}.mcp", *arguments],
        env=_environment(standin, user),
    )
    async with stdio_client(parameters) as (read, write), ClientSession(read, write) as session:
        await session.initialize()
        yield session


@contextmanager
def http_server(standin: Standin, *arguments: str) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", f"{package.__name__}.mcp", "--transport", "streamable-http"]
    process = subprocess.Popen(
        [*command, "--port", str(port), *arguments], env=_environment(standin)
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise AssertionError("the MCP server did not start") from None
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/mcp"
    finally:
        process.terminate()
        process.wait(timeout=10)


def _error(result: types.CallToolResult) -> dict[str, Any]:
    assert result.is_error is True
    assert isinstance(result.content[0], types.TextContent)
    value: dict[str, Any] = json.loads(result.content[0].text)
    return value


async def _list_all(session: ClientSession) -> tuple[list[types.Tool], int]:
    found: list[types.Tool] = []
    cursor: str | None = None
    pages = 0
    while True:
        page = await session.list_tools(params=types.PaginatedRequestParams(cursor=cursor))
        found += page.tools
        pages += 1
        cursor = page.next_cursor
        if cursor is None:
            return found, pages


def test_the_catalogue_over_stdio() -> None:
    standin = Standin(schemas=schemas_of(tools.TOOLS))

    async def scenario() -> None:
        async with stdio_session(standin, "--page-size", "7") as session:
            listed, pages = await _list_all(session)
            expected = tools.tool_definitions(format="mcp")
            assert [t.model_dump(by_alias=True, exclude_none=True) for t in listed] == expected
            assert pages == -(-len(expected) // 7)
            with pytest.raises(MCPError) as bad_cursor:
                await session.list_tools(params=types.PaginatedRequestParams(cursor="nope"))
            assert bad_cursor.value.code == types.INVALID_PARAMS

            # A valid call: sent once, exactly as the tool's wire body.
            standin.script(Reply(body={"ok": True, "ts": "1.2"}))
            result = await session.call_tool(
                "SLACK_SEND_MESSAGE", {"channel": "C1", "message": "hi"}
            )
            assert result.is_error is False
            assert result.structured_content == {"ok": True, "ts": "1.2"}
            [sent] = standin.received
            assert sent.json() == {
                "tool": "SLACK_SEND_MESSAGE",
                "parameters": {"channel": "C1", "message": "hi"},
            }
            assert sent.headers["authorization"] == f"Bearer {TOKEN}"

            # An invalid call: nothing sent, the problems back to the model.
            value = _error(
                await session.call_tool("SLACK_SEND_MESSAGE", {"message": 3, "colour": "red"})
            )
            assert value["error"] == "invalid_tool_call"
            assert {p["path"] for p in value["problems"]} == {
                "parameters.channel",
                "parameters.message",
                "parameters.colour",
            }
            assert _error(await session.call_tool("NO_SUCH_TOOL", {}))["error"] == "unknown_tool"
            assert len(standin.received) == 1

            standin.script(Reply(status=400, body={"message": "Integration not enabled for user."}))
            value = _error(await session.call_tool("SLACK_SEND_MESSAGE", {"channel": "C1"}))
            assert value["error"] == "integration_not_connected"
            assert "has not connected slack" in value["message"]

            standin.script(Reply(status=404, body={"message": "channel_not_found"}))
            value = _error(await session.call_tool("SLACK_SEND_MESSAGE", {"channel": "C9"}))
            assert value == {
                "tool": "SLACK_SEND_MESSAGE",
                "error": "api_error",
                "status_code": 404,
                "message": "channel_not_found",
            }

            pdf = b"%PDF-1.4 not really"
            standin.script(
                Reply(
                    raw=pdf,
                    headers={
                        "Content-Type": "application/pdf",
                        "Content-Disposition": 'attachment; filename="report.pdf"',
                    },
                )
            )
            result = await session.call_tool("GOOGLE_DRIVE_DOWNLOAD_FILE", {"fileId": "f1"})
            assert result.is_error is False
            resource = result.content[1]
            assert isinstance(resource, types.EmbeddedResource)
            assert isinstance(resource.resource, types.BlobResourceContents)
            assert resource.resource.mime_type == "application/pdf"
            assert base64.b64decode(resource.resource.blob) == pdf
            assert str(resource.resource.uri).endswith("report.pdf")
            description = result.content[0]
            assert isinstance(description, types.TextContent)
            assert json.loads(description.text) == {
                "file": {"filename": "report.pdf", "content_type": "application/pdf", "size": 19}
            }
            assert len(standin.received) == 4

            # A successful answer that is not what it says: the tool ran, and the model is told.
            standin.script(Reply(raw=b"<html>", headers={"Content-Type": "application/json"}))
            value = _error(await session.call_tool("SLACK_SEND_MESSAGE", {"channel": "C1"}))
            assert value["error"] == "invalid_response"
            assert value["tool"] == "SLACK_SEND_MESSAGE"
            assert "The tool ran" in value["message"]
            assert len(standin.received) == 5
            assert standin.violations == []

    with standin.running():
        anyio.run(scenario)


def test_search_mode_over_streamable_http_with_a_selection() -> None:
    standin = Standin(schemas=schemas_of(tools.TOOLS))

    async def scenario(url: str) -> None:
        async with (
            streamable_http_client(url) as (read, write),
            ClientSession(read, write) as session,
        ):
            await session.initialize()
            listed = await session.list_tools()
            assert [t.name for t in listed.tools] == ["search_tools", "call_tool"]

            found = await session.call_tool("search_tools", {"query": "send message", "limit": 3})
            assert found.is_error is False
            assert isinstance(found.structured_content, dict)
            names = [t["name"] for t in found.structured_content["tools"]]
            # Only the served integrations are searched.
            assert names and all(n.startswith(("SLACK_", "GMAIL_")) for n in names)
            assert names[0] == "SLACK_SEND_MESSAGE"

            result = await session.call_tool(
                "call_tool", {"name": "SLACK_SEND_MESSAGE", "arguments": {"channel": "C1"}}
            )
            assert result.is_error is False
            value = _error(
                await session.call_tool(
                    "call_tool", {"name": "SLACK_SEND_MESSAGE", "arguments": {"channel": 1}}
                )
            )
            assert value["problems"] == [
                {"path": "parameters.channel", "message": "expected a string, got int"}
            ]
            # Not served: another integration.
            value = _error(
                await session.call_tool("call_tool", {"name": "JIRA_CREATE_ISSUE", "arguments": {}})
            )
            assert value["error"] == "unknown_tool"
            [sent] = standin.received
            assert sent.json() == {"tool": "SLACK_SEND_MESSAGE", "parameters": {"channel": "C1"}}

    with (
        standin.running(),
        http_server(standin, "--search", "--integrations", "slack,gmail") as url,
    ):
        anyio.run(scenario, url)


def _signing_key() -> tuple[str, Any]:
    return pem(rsa_key()), rsa_key().public_key()


@pytest.mark.parametrize("where", ["PARAGON_SIGNING_KEY", "PARAGON_SIGNING_KEY_PATH"])
def test_the_user_from_a_signing_key_in_the_environment(where: str, tmp_path: Any) -> None:
    """No token given: the server signs one for PARAGON_USER_ID with the key (its text, with
    literal \\n as in a pasted variable, or a file) and sends it; it verifies with the public key."""
    import jwt

    text, public = _signing_key()
    if where == "PARAGON_SIGNING_KEY":
        user = {where: text.replace("\n", "\\n"), "PARAGON_USER_ID": "user-77"}
    else:
        (tmp_path / "key.pem").write_text(text)
        user = {where: str(tmp_path / "key.pem"), "PARAGON_USER_ID": "user-77"}
    standin = Standin(schemas=schemas_of(tools.TOOLS))

    async def scenario() -> None:
        async with stdio_session(standin, user=user) as session:
            for _ in range(2):
                result = await session.call_tool("SLACK_SEND_MESSAGE", {"channel": "C1"})
                assert result.is_error is False

    with standin.running():
        anyio.run(scenario)
    first, second = standin.received
    scheme, _, token = first.headers["authorization"].partition(" ")
    assert scheme == "Bearer"
    claims = jwt.decode(token, public, algorithms=["RS256"])
    assert claims["sub"] == "user-77"
    assert claims["exp"] - claims["iat"] == 3600
    assert second.headers["authorization"] == first.headers["authorization"]  # minted once
    assert standin.violations == []


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        (
            {},
            "no user token: pass user_token, or signing_key and user_id; or set PARAGON_USER_TOKEN",
        ),
        ({"PARAGON_SIGNING_KEY": "not a key", "PARAGON_USER_ID": "u"}, "is not PEM"),
        ({"PARAGON_SIGNING_KEY_PATH": "/no/such.pem", "PARAGON_USER_ID": "u"}, "cannot read"),
        ({"PARAGON_SIGNING_KEY": "KEY"}, "needs PARAGON_USER_ID"),
        ({"PARAGON_USER_TOKEN": "t", "PARAGON_SIGNING_KEY": "KEY"}, "both PARAGON_USER_TOKEN"),
    ],
)
def test_without_a_user_the_server_does_not_start(user: dict[str, str], expected: str) -> None:
    text, _ = _signing_key() if "KEY" in user.values() else ("", None)
    user = {name: text if value == "KEY" else value for name, value in user.items()}
    with Standin().running() as standin:
        result = subprocess.run(
            [sys.executable, "-m", f"{package.__name__}.mcp"],
            env=_environment(standin, user),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert standin.received == []
    assert result.returncode == 2
    assert result.stderr.startswith("actionkit-mcp: ")
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    if text:
        assert text.splitlines()[1] not in result.stderr


def _live_answer() -> dict[str, Any]:
    """This user's tools as List Tools gives them: Slack's send with a field the package's
    snapshot lacks, and a tool the package does not have at all."""
    parameters = tools.TOOLS["SLACK_SEND_MESSAGE"].json_schema()
    parameters["properties"]["unfurl_links"] = {"type": "boolean", "description": "Unfurl links"}
    return {
        "tools": {
            "slack": [
                {
                    "type": "function",
                    "function": {
                        "name": "SLACK_SEND_MESSAGE",
                        "description": "Send a message.",
                        "parameters": parameters,
                    },
                },
                {
                    "type": "function",
                    "function": {
                        "name": "SLACK_PIN_MESSAGE",
                        "description": "Pin a message. Only this user's workspace has it.",
                        "parameters": {
                            "type": "object",
                            "properties": {"ts": {"type": "string"}},
                            "required": ["ts"],
                        },
                    },
                },
            ],
            "gmail": [],
        },
        "errors": [],
    }


def test_live_schemas_over_stdio() -> None:
    """``--live``: the user's own tools, listed once at start; each call checked against them."""
    standin = Standin()
    answer = _live_answer()
    standin.responder = lambda request: Reply(body=answer if request.method == "GET" else {"ok": 1})

    async def scenario() -> None:
        async with stdio_session(standin, "--live", "--integrations", "slack") as session:
            listed, _ = await _list_all(session)
            assert [t.name for t in listed] == ["SLACK_SEND_MESSAGE", "SLACK_PIN_MESSAGE"]
            assert "unfurl_links" in listed[0].input_schema["properties"]
            assert listed[1].title == "Pin a message"

            sent = await session.call_tool(
                "SLACK_SEND_MESSAGE", {"channel": "C1", "unfurl_links": True}
            )
            assert sent.is_error is False
            value = _error(
                await session.call_tool("SLACK_SEND_MESSAGE", {"channel": "C1", "unfurl_links": 1})
            )
            assert value["problems"] == [
                {"path": "parameters.unfurl_links", "message": "expected a boolean, got int"}
            ]
            pinned = await session.call_tool("SLACK_PIN_MESSAGE", {"ts": "1.2"})
            assert pinned.is_error is False
            missing = _error(await session.call_tool("SLACK_PIN_MESSAGE", {}))
            assert missing["problems"] == [
                {"path": "parameters.ts", "message": "required, missing"}
            ]

    with standin.running():
        anyio.run(scenario)
    assert [(r.method, r.path.partition("?")[0]) for r in standin.received] == [
        ("GET", "/projects/project-1/tools"),
        ("POST", "/projects/project-1/tools"),
        ("POST", "/projects/project-1/tools"),
    ]
    assert [r.json() for r in standin.received[1:]] == [
        {"tool": "SLACK_SEND_MESSAGE", "parameters": {"channel": "C1", "unfurl_links": True}},
        {"tool": "SLACK_PIN_MESSAGE", "parameters": {"ts": "1.2"}},
    ]


def test_live_search_ranks_the_users_tools() -> None:
    standin = Standin()
    answer = _live_answer()
    standin.responder = lambda request: Reply(body=answer)

    async def scenario() -> None:
        async with stdio_session(standin, "--live", "--search") as session:
            found = await session.call_tool("search_tools", {"query": "pin message"})
            assert isinstance(found.structured_content, dict)
            names = [t["name"] for t in found.structured_content["tools"]]
            assert names[0] == "SLACK_PIN_MESSAGE"

    with standin.running():
        anyio.run(scenario)


def test_live_without_an_answer_is_a_clear_error() -> None:
    standin = Standin()
    standin.default = Reply(status=401, body={"message": "Unauthorized"})
    with standin.running():
        result = subprocess.run(
            [sys.executable, "-m", f"{package.__name__}.mcp", "--live"],
            env=_environment(standin),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert result.returncode == 2
    assert result.stderr.startswith("actionkit-mcp: could not list this user's tools: 401")
    assert "Traceback" not in result.stderr
    assert TOKEN not in result.stderr
