"""The clients' settings and life cycle over real HTTP: environment, base URL, credential, per-call
overrides, an injected httpx client, context managers, and 200 concurrent async calls."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from support.standin import Received, Reply, Standin
from tests.client_helpers import KINDS, PROJECT, TOKEN, call_with, chat, client_for, crm, kit


def send(client: Any, **options: Any) -> Any:
    return client.run(chat.ChatSendMessage(channel="C1", message="hello"), **options)


@pytest.mark.parametrize("cls_name", ["ActionKit", "AsyncActionKit"])
def test_project_and_token_fall_back_to_the_environment(
    cls_name: str, monkeypatch: pytest.MonkeyPatch, checked: Standin
) -> None:
    monkeypatch.setenv("PARAGON_PROJECT_ID", "env-project")
    monkeypatch.setenv("PARAGON_USER_TOKEN", "env-token")
    cls = getattr(kit, cls_name)

    async def run_async() -> Any:
        async with cls(base_url=checked.url) as client:
            return await send(client)

    if cls_name == "ActionKit":
        with cls(base_url=checked.url) as client:
            send(client)
    else:
        asyncio.run(run_async())
    [request] = checked.received
    assert request.path == "/projects/env-project/tools"
    assert request.headers["authorization"] == "Bearer env-token"


@pytest.mark.parametrize("cls_name", ["ActionKit", "AsyncActionKit"])
def test_missing_project_or_token_is_an_error_naming_the_variable(
    cls_name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PARAGON_PROJECT_ID", raising=False)
    monkeypatch.delenv("PARAGON_USER_TOKEN", raising=False)
    cls = getattr(kit, cls_name)
    with pytest.raises(kit.ActionKitError, match="PARAGON_PROJECT_ID"):
        cls(user_token="t")
    with pytest.raises(kit.ActionKitError, match="PARAGON_USER_TOKEN"):
        cls(project_id="p")
    with pytest.raises(ValueError, match="max_retries"):
        cls("p", "t", max_retries=-1)
    with pytest.raises(ValueError, match="base_url"):
        cls("p", "t", base_url="actionkit.example.com")


@pytest.mark.parametrize("kind", KINDS)
def test_on_premise_base_url_and_credential_header(kind: str) -> None:
    with Standin().running() as standin:
        call_with(
            kind,
            standin.url + "/actionkit/",
            send,
            credential_id="cred-7",
        )
        [request] = standin.received
    assert request.path == f"/actionkit/projects/{PROJECT}/tools"
    assert request.headers["x-paragon-credential"] == "cred-7"


@pytest.mark.parametrize("kind", KINDS)
def test_a_project_id_is_escaped_in_the_path(kind: str) -> None:
    with Standin().running() as standin:
        cls = kit.ActionKit if kind == "sync" else kit.AsyncActionKit
        client = cls("a/b c", TOKEN, base_url=standin.url)
        assert client.tools_url == f"{standin.url}/projects/a%2Fb%20c/tools"


@pytest.mark.parametrize("kind", KINDS)
def test_per_call_headers_add_and_replace(kind: str, checked: Standin) -> None:
    call_with(
        kind,
        checked,
        lambda c: send(c, headers={"X-Trace": "t-1", "x-paragon-credential": "cred-9"}),
        credential_id="cred-7",
    )
    headers = checked.received[0].headers
    assert headers["x-trace"] == "t-1"
    assert headers["x-paragon-credential"] == "cred-9"
    assert headers["authorization"] == f"Bearer {TOKEN}"
    assert headers["content-type"] == "application/json"


@pytest.mark.parametrize("kind", KINDS)
def test_per_call_timeout_overrides_the_client(kind: str, checked: Standin) -> None:
    checked.script(Reply(delay=0.5))
    with pytest.raises(kit.APITimeoutError):
        call_with(kind, checked, lambda c: send(c, timeout=0.2), timeout=30.0)
    checked.script(Reply(delay=0.3))
    assert call_with(kind, checked, lambda c: send(c, timeout=5.0), timeout=0.1) == {"ok": True}


def test_an_injected_sync_client_is_used_as_given_and_left_open(checked: Standin) -> None:
    seen: list[str] = []
    http = httpx.Client(
        headers={"User-Agent": "my-agent/1.0"},
        event_hooks={"request": [lambda request: seen.append(request.url.path)]},
    )
    with kit.ActionKit(PROJECT, TOKEN, base_url=checked.url, http_client=http) as client:
        send(client)
    assert not http.is_closed
    assert seen == [f"/projects/{PROJECT}/tools"]
    assert checked.received[0].headers["user-agent"] == "my-agent/1.0"
    http.close()


def test_an_injected_async_client_is_used_as_given_and_left_open(checked: Standin) -> None:
    seen: list[str] = []

    async def hook(request: httpx.Request) -> None:
        seen.append(request.url.path)

    async def main() -> bool:
        http = httpx.AsyncClient(
            headers={"User-Agent": "my-agent/1.0"}, event_hooks={"request": [hook]}
        )
        async with kit.AsyncActionKit(
            PROJECT, TOKEN, base_url=checked.url, http_client=http
        ) as client:
            await send(client)
        still_open = not http.is_closed
        await http.aclose()
        return still_open

    assert asyncio.run(main())
    assert seen == [f"/projects/{PROJECT}/tools"]
    assert checked.received[0].headers["user-agent"] == "my-agent/1.0"


def test_an_injected_clients_timeout_is_kept(checked: Standin) -> None:
    checked.script(Reply(delay=0.5))
    http = httpx.Client(timeout=0.2)
    with kit.ActionKit(PROJECT, TOKEN, base_url=checked.url, http_client=http) as client:
        assert client.timeout == httpx.Timeout(0.2)
        with pytest.raises(kit.APITimeoutError):
            send(client)
    # httpx's own 5 s default is too short for a tool run: the client's default replaces it.
    default = kit.ActionKit(PROJECT, TOKEN, http_client=httpx.Client())
    assert default.timeout == httpx.Timeout(60.0, connect=10.0)
    http.close()


def test_the_context_managers_close_their_own_clients(checked: Standin) -> None:
    with client_for("sync", checked.url) as client:
        send(client)
    with pytest.raises(RuntimeError):
        send(client)

    async def main() -> None:
        async with client_for("async", checked.url) as client:
            await send(client)
        with pytest.raises(RuntimeError):
            await send(client)

    asyncio.run(main())


@pytest.mark.parametrize("kind", KINDS)
def test_with_options_makes_a_client_for_another_user_on_the_same_connections(
    kind: str, checked: Standin
) -> None:
    def two_users(client: Any) -> Any:
        other = client.with_options(user_token="other-token", credential_id="c2", max_retries=0)
        assert other._http is client._http
        assert repr(other) == repr(client)
        results = [send(other), send(client)]
        if kind == "sync":
            return results

        async def wait() -> Any:
            return [await r for r in results]

        return wait()

    call_with(kind, checked, two_users)
    first, second = checked.received
    assert first.headers["authorization"] == "Bearer other-token"
    assert first.headers["x-paragon-credential"] == "c2"
    assert second.headers["authorization"] == f"Bearer {TOKEN}"
    assert "x-paragon-credential" not in second.headers


def test_run_tool_by_name_validates_and_sends_wire_names(checked: Standin) -> None:
    call_with(
        "sync",
        checked,
        lambda c: c.run_tool("CRM_SEARCH_RECORDS", {"objectType": "Lead", "pageSize": "5"}),
    )
    assert checked.received[0].json() == {
        "tool": "CRM_SEARCH_RECORDS",
        "parameters": {"objectType": "Lead", "pageSize": "5"},
    }


def test_two_hundred_concurrent_async_calls_each_arrive_once(checked: Standin) -> None:
    checked.responder = lambda request: Reply(body={"echo": request.parameters["message"]})

    async def main() -> list[Any]:
        async with client_for("async", checked.url) as client:
            return await asyncio.gather(
                *[chat.chat_send_message(client, channel="C", message=f"m{i}") for i in range(200)]
            )

    results = asyncio.run(main())
    assert results == [{"echo": f"m{i}"} for i in range(200)]
    arrived = sorted(r.parameters["message"] for r in checked.received)
    assert arrived == sorted(f"m{i}" for i in range(200))


def test_concurrent_async_calls_with_retries_still_arrive_once_each(checked: Standin) -> None:
    """Every call is refused once with a 429 and then served: 20 calls (as many retries as a
    fresh client's retry budget pays for), 40 requests, each message answered exactly once."""
    answered: set[str] = set()

    def respond(request: Received) -> Reply:
        message = request.parameters["message"]
        if message not in answered:
            answered.add(message)
            return Reply(status=429, body={"message": "slow down"})
        return Reply(body={"echo": message})

    checked.responder = respond

    async def main() -> list[Any]:
        async with client_for("async", checked.url) as client:
            return await asyncio.gather(
                *[client.run(chat.ChatSendMessage(channel="C", message=f"m{i}")) for i in range(20)]
            )

    assert asyncio.run(main()) == [{"echo": f"m{i}"} for i in range(20)]
    assert len(checked.received) == 40


def test_the_wide_call_round_trips(checked: Standin) -> None:
    from support.client_kit import wide_parameters

    parameters = wide_parameters()
    call = crm.CrmCreateRecordWide.from_parameters(parameters)
    call_with("sync", checked, lambda c: c.run(call))
    assert checked.received[0].parameters == parameters
