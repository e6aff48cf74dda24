"""What a client's connections may be shared with (issue 12, items 1, 2, 5, 12 and 14a), both
clients over real HTTP: a forked child gets a pool of its own, ``with_options`` copies share
connections and no cookie, an async client works on a second event loop, redirects are never
followed, and a closed client says so; ``dispatch(errors="return")`` gives each refusal back as a
value (item 9)."""

from __future__ import annotations

import asyncio
import importlib.util
import json
import os
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from support.asgi_servers import serve_uvicorn
from support.standin import Received, Reply, Standin
from tests.client_helpers import KINDS, PROJECT, TOKEN, call_with, chat, client_for, kit

OTHER_TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLUIifQ.b3RoZXItc2lnbmF0dXJl"


def send(client: Any, message: str = "m") -> Any:
    return chat.chat_send_message(client, channel="C", message=message)


async def _tagged(request: Request) -> JSONResponse:
    """Answers with the request's own message and the client's port: which connection it used."""
    body = json.loads(await request.body())
    assert request.client is not None
    return JSONResponse({"tag": body["parameters"]["message"], "port": request.client.port})


@pytest.fixture(scope="module")
def tagging_server() -> Iterator[str]:
    app = Starlette(routes=[Route("/projects/{project}/tools", _tagged, methods=["POST"])])
    with serve_uvicorn(app) as url:
        yield url


# 1. fork


def _child_calls(kind: str, client: Any, trial: int, write_end: int) -> None:
    """In the forked child: a few calls, each checked against its own tag; the result to the pipe."""
    outcome: dict[str, Any] = {"ports": [], "swapped": 0}
    try:

        def calls() -> Any:
            if kind == "sync":
                return [send(client, f"child-{trial}-{i}") for i in range(5)]

            async def main() -> list[Any]:
                return [await send(client, f"child-{trial}-{i}") for i in range(5)]

            return asyncio.run(main())

        for i, answer in enumerate(calls()):
            outcome["ports"].append(answer["port"])
            outcome["swapped"] += answer["tag"] != f"child-{trial}-{i}"
    except BaseException as error:  # reported to the parent, which fails the test
        outcome["error"] = type(error).__name__
    os.write(write_end, json.dumps(outcome).encode())
    os.close(write_end)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork")
@pytest.mark.parametrize("kind", KINDS)
def test_a_forked_child_gets_a_fresh_pool_and_no_answer_is_swapped(
    kind: str, tagging_server: str
) -> None:
    client = client_for(kind, tagging_server)

    def parent_calls(prefix: str) -> list[Any]:
        if kind == "sync":
            return [send(client, f"{prefix}-{i}") for i in range(5)]

        async def main() -> list[Any]:
            return [await send(client, f"{prefix}-{i}") for i in range(5)]

        return asyncio.run(main())

    [warm] = [answer["port"] for answer in parent_calls("warm")][-1:]
    for trial in range(6):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns into pytest
            os.close(read_end)
            try:
                _child_calls(kind, client, trial, write_end)
            finally:
                os._exit(0)
        os.close(write_end)
        answers = parent_calls(f"parent-{trial}")
        with os.fdopen(read_end, "rb") as pipe:
            child = json.loads(pipe.read() or b"{}")
        os.waitpid(pid, 0)
        assert [a["tag"] for a in answers] == [f"parent-{trial}-{i}" for i in range(5)]
        assert "error" not in child, child
        assert child["swapped"] == 0
        assert len(child["ports"]) == 5
        # The child never used a connection the parent opened.
        assert warm not in child["ports"]
        assert not set(child["ports"]) & {a["port"] for a in answers}


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork")
@pytest.mark.parametrize("kind", KINDS)
def test_a_forked_child_refuses_an_injected_http_client_before_sending(
    kind: str, tagging_server: str
) -> None:
    http = httpx.Client() if kind == "sync" else httpx.AsyncClient()
    client = kit.ActionKit if kind == "sync" else kit.AsyncActionKit
    client = client(PROJECT, TOKEN, base_url=tagging_server, http_client=http)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        try:
            try:
                result = send(client, "from the child")
                if kind == "async":
                    result = asyncio.run(result)
                outcome = "sent"
            except kit.ActionKitError as error:
                outcome = "refused" if "fork" in str(error) else f"other: {error}"
            except BaseException as error:
                outcome = f"raw {type(error).__name__}"
            os.write(write_end, outcome.encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        outcome = pipe.read().decode()
    os.waitpid(pid, 0)
    assert outcome == "refused"


# 2. cookies


def _cookie_setter(request: Received) -> Reply:
    user = "A" if request.headers.get("authorization") == f"Bearer {TOKEN}" else "B"
    return Reply(headers={"Set-Cookie": f"session=user-{user}; Path=/"})


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("injected", [False, True], ids=["own pool", "injected http_client"])
def test_with_options_copies_share_no_cookie(kind: str, injected: bool, standin: Standin) -> None:
    standin.responder = _cookie_setter

    def calls(client: Any) -> Any:
        user_b = client.with_options(user_token=OTHER_TOKEN)
        if kind == "sync":
            send(client)
            send(user_b)
            send(client)
            return None

        async def main() -> None:
            await send(client)
            await send(user_b)
            await send(client)

        return main()

    options: dict[str, Any] = {}
    http: Any = None
    if injected:
        http = httpx.Client() if kind == "sync" else httpx.AsyncClient()
        options["http_client"] = http
    call_with(kind, standin, calls, **options)
    if http is not None and kind == "sync":
        http.close()
    assert [r.headers["authorization"] for r in standin.received] == [
        f"Bearer {TOKEN}",
        f"Bearer {OTHER_TOKEN}",
        f"Bearer {TOKEN}",
    ]
    assert [r.headers.get("cookie") for r in standin.received] == [None, None, None]


@pytest.mark.parametrize("kind", KINDS)
def test_a_copy_for_another_user_does_not_carry_the_credential(kind: str, standin: Standin) -> None:
    def calls(client: Any) -> Any:
        other_user = client.with_options(user_token=OTHER_TOKEN)
        other_account = client.with_options(user_token=OTHER_TOKEN, credential_id="cred-B")
        same_user = client.with_options(max_retries=0)
        clients = [client, other_user, other_account, same_user]
        if kind == "sync":
            return [send(c) for c in clients]

        async def main() -> list[Any]:
            return [await send(c) for c in clients]

        return main()

    call_with(kind, standin, calls, credential_id="cred-A")
    assert [r.headers.get("x-paragon-credential") for r in standin.received] == [
        "cred-A",
        None,
        "cred-B",
        "cred-A",
    ]


# 5. event loops


def test_one_async_client_on_two_event_loops_works(standin: Standin) -> None:
    client = client_for("async", standin.url)
    first = asyncio.run(send(client, "first"))
    second = asyncio.run(send(client, "second"))
    assert first == second == {"ok": True}
    assert [r.parameters["message"] for r in standin.received] == ["first", "second"]

    async def close() -> None:
        await client.close()

    asyncio.run(close())


def test_an_injected_async_client_on_a_second_loop_is_refused_before_sending(
    standin: Standin,
) -> None:
    async def first() -> Any:
        return await send(client, "first")

    http = httpx.AsyncClient()
    client = kit.AsyncActionKit(PROJECT, TOKEN, base_url=standin.url, http_client=http)
    asyncio.run(first())
    with pytest.raises(kit.ActionKitError, match="event loop"):
        asyncio.run(send(client, "second"))
    assert [r.parameters["message"] for r in standin.received] == ["first"]


# 12. redirects


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
@pytest.mark.parametrize("injected", [False, True], ids=["own pool", "follow_redirects client"])
def test_a_redirect_is_never_followed(
    kind: str, status: int, injected: bool, standin: Standin
) -> None:
    elsewhere = f"{standin.url}/elsewhere"
    standin.script(Reply(status=status, headers={"Location": elsewhere}, body={"moved": True}))
    standin.default = Reply(body={"answer": "from the redirect target"})
    options: dict[str, Any] = {}
    if injected:
        options["http_client"] = (
            httpx.Client(follow_redirects=True)
            if kind == "sync"
            else httpx.AsyncClient(follow_redirects=True)
        )
    with pytest.raises(kit.APIStatusError) as caught:
        call_with(kind, standin, send, **options)
    assert caught.value.status_code == status
    assert [r.method for r in standin.received] == ["POST"]


# 14a. closed


@pytest.mark.parametrize("kind", KINDS)
def test_a_closed_client_says_it_is_closed(kind: str, standin: Standin) -> None:
    client = client_for(kind, standin.url)
    if kind == "sync":
        client.close()
        with pytest.raises(kit.ActionKitError, match="closed"):
            send(client)
        with pytest.raises(kit.ActionKitError, match="closed"):
            send(client.with_options(max_retries=0))
    else:

        async def main() -> None:
            await client.close()
            with pytest.raises(kit.ActionKitError, match="closed"):
                await send(client)

        asyncio.run(main())
    assert standin.received == []


@pytest.mark.parametrize("kind", KINDS)
def test_closing_a_copy_leaves_the_original_open(kind: str, standin: Standin) -> None:
    def calls(client: Any) -> Any:
        copy = client.with_options(max_retries=1)
        if kind == "sync":
            copy.close()
            return send(client)

        async def main() -> Any:
            await copy.close()
            return await send(client)

        return main()

    assert call_with(kind, standin, calls) == {"ok": True}


# 9. dispatch(errors="return") gives these errors back as values too


def _dispatch(client: Any) -> Any:
    return client.dispatch("CHAT_SEND_MESSAGE", {"channel": "C", "message": "m"}, errors="return")


@pytest.mark.parametrize("kind", KINDS)
def test_dispatch_returns_a_closed_client_as_a_value(kind: str, standin: Standin) -> None:
    client = client_for(kind, standin.url)
    if kind == "sync":
        client.close()
        value = _dispatch(client)
    else:

        async def main() -> Any:
            await client.close()
            return await _dispatch(client)

        value = asyncio.run(main())
    assert value == {
        "error": "actionkit_error",
        "tool": "CHAT_SEND_MESSAGE",
        "message": str(kit.ClientClosedError()),
    }
    assert standin.received == []


def test_dispatch_returns_a_refused_second_event_loop_as_a_value(standin: Standin) -> None:
    client = kit.AsyncActionKit(
        PROJECT, TOKEN, base_url=standin.url, http_client=httpx.AsyncClient()
    )
    asyncio.run(send(client, "first"))
    value = asyncio.run(_dispatch(client))
    assert value["error"] == "actionkit_error" and "event loop" in value["message"]
    assert len(standin.received) == 1


def test_dispatch_returns_a_missing_extra_as_a_value(
    standin: Standin, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A SOCKS proxy set after the client was made reaches the pool of a second event loop,
    made when that loop's first call needs it: without the extra, a value naming it."""
    if importlib.util.find_spec("socksio") is not None:
        pytest.skip("socksio is installed here")
    client = client_for("async", standin.url)
    asyncio.run(send(client, "first"))
    monkeypatch.setenv("ALL_PROXY", "socks5://127.0.0.1:9")
    value = asyncio.run(_dispatch(client))
    assert value["error"] == "actionkit_error"
    assert "'socks'" in value["message"]
    assert len(standin.received) == 1
