"""Both clients with the project's signing key, over real HTTP to the stand-in: tokens minted for
the user and checked by PyJWT with the public key, minted once by concurrent first calls, sent
again on each retry, taken from the environment; ``for_user`` and ``with_options(user_token=...)``
sharing the connections and nothing of the first user's (token, credential header, cookie); and
every request's ``User-Agent``."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import httpx
import jwt
import pytest

from support.signing_keys import pem, rsa_key
from support.standin import Received, Reply, Standin
from tests.client_helpers import (
    FAST_RETRIES,
    KINDS,
    PROJECT,
    TOKEN,
    call_with,
    chat,
    client_for,
    kit,
)
from tests.test_tokens import verified


def send(client: Any) -> Any:
    return client.run(chat.ChatSendMessage(channel="C1", message="hello"))


def keyed(kind: str, url: str, user_id: Any = "user-1", **options: Any) -> Any:
    cls = kit.ActionKit if kind == "sync" else kit.AsyncActionKit
    return cls(PROJECT, signing_key=pem(rsa_key()), user_id=user_id, base_url=url, **options)


def run(kind: str, client: Any, fn: Any) -> Any:
    """``fn(client)`` (awaited for the async client), then the client closed."""
    if kind == "sync":
        with client:
            return fn(client)

    async def main() -> Any:
        async with client:
            result = fn(client)
            return await result if asyncio.iscoroutine(result) else result

    return asyncio.run(main())


def sent_user(request: Received) -> str:
    """The user of the request's token, after checking its signature with the public key."""
    scheme, _, token = request.headers["authorization"].partition(" ")
    assert scheme == "Bearer"
    return str(verified(token)["sub"])


async def _gather(*awaitables: Any) -> list[Any]:
    return list(await asyncio.gather(*awaitables))


@pytest.mark.parametrize("kind", KINDS)
def test_a_client_with_a_signing_key_sends_a_token_it_signed(kind: str, checked: Standin) -> None:
    client = keyed(kind, checked.url)
    run(kind, client, lambda c: send(c) if kind == "sync" else _gather(send(c), send(c)))
    assert [sent_user(request) for request in checked.received] == ["user-1"] * (
        1 if kind == "sync" else 2
    )
    claims = verified(checked.received[0].headers["authorization"].split()[1])
    assert claims["exp"] - claims["iat"] == 3600
    assert client._user_auth.minted == 1
    assert "PRIVATE" not in repr(client) and "user-1" not in repr(client)


@pytest.mark.parametrize("kind", KINDS)
def test_a_retry_sends_a_token_too(kind: str, checked: Standin) -> None:
    checked.script(Reply(status=429, body={"message": "slow down"}))
    run(kind, keyed(kind, checked.url, **FAST_RETRIES), send)
    first, second = checked.received
    assert sent_user(first) == sent_user(second) == "user-1"


def test_sixteen_threads_first_calls_mint_once(checked: Standin) -> None:
    client = keyed("sync", checked.url)
    start = threading.Barrier(16)

    def call() -> None:
        start.wait()
        send(client)

    with client:
        threads = [threading.Thread(target=call) for _ in range(16)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(checked.received) == 16
    assert {request.headers["authorization"] for request in checked.received} == {
        checked.received[0].headers["authorization"]
    }
    assert client._user_auth.minted == 1


def test_fifty_tasks_first_calls_mint_once(checked: Standin) -> None:
    client = keyed("async", checked.url)
    run("async", client, lambda c: _gather(*[send(c) for _ in range(50)]))
    assert len(checked.received) == 50
    assert {sent_user(request) for request in checked.received} == {"user-1"}
    assert client._user_auth.minted == 1


@pytest.mark.parametrize("kind", KINDS)
def test_for_user_sends_the_other_users_token_and_nothing_of_the_first_users(
    kind: str, checked: Standin
) -> None:
    """The first answer sets a cookie; the first client has a credential id. The other user's
    client shares the connections but sends neither, nor the first user's token."""
    checked.script(Reply(body={"ok": True}, headers={"Set-Cookie": "session=first-user; Path=/"}))
    client = keyed(kind, checked.url, credential_id="cred-of-user-1")

    def two_users(c: Any) -> Any:
        first = send(c)
        other = c.for_user("user-2")
        assert other._http is c._http
        assert repr(other) == repr(c)
        if kind == "sync":
            return [first, send(other), send(c)]

        async def in_turn() -> list[Any]:
            return [await first, await send(other), await send(c)]

        return in_turn()

    run(kind, client, two_users)
    mine, theirs, mine_again = checked.received
    assert sent_user(mine) == sent_user(mine_again) == "user-1"
    assert sent_user(theirs) == "user-2"
    assert mine.headers["authorization"] == mine_again.headers["authorization"]
    assert "x-paragon-credential" not in theirs.headers
    assert mine_again.headers["x-paragon-credential"] == "cred-of-user-1"
    for request in checked.received:
        assert "cookie" not in request.headers


@pytest.mark.parametrize("kind", KINDS)
def test_with_options_user_token_is_another_user_with_nothing_of_the_first(
    kind: str, checked: Standin
) -> None:
    checked.script(Reply(body={"ok": True}, headers={"Set-Cookie": "session=first-user; Path=/"}))

    def two_users(c: Any) -> Any:
        first = send(c)
        other = c.with_options(user_token="token-of-user-2")
        if kind == "sync":
            return [first, send(other)]

        async def in_turn() -> list[Any]:
            return [await first, await send(other)]

        return in_turn()

    call_with(kind, checked, two_users, credential_id="cred-of-user-1")
    mine, theirs = checked.received
    assert mine.headers["authorization"] == f"Bearer {TOKEN}"
    assert theirs.headers["authorization"] == "Bearer token-of-user-2"
    assert "x-paragon-credential" not in theirs.headers
    assert "cookie" not in theirs.headers


@pytest.mark.parametrize("kind", KINDS)
def test_for_user_needs_a_signing_key(kind: str, standin: Standin) -> None:
    def other(c: Any) -> None:
        with pytest.raises(kit.ActionKitError, match="for_user needs a signing key"):
            c.for_user("user-2")
        with pytest.raises(ValueError, match="user_id"):
            keyed(kind, standin.url).for_user("")

    call_with(kind, standin, other)


@pytest.mark.parametrize("cls_name", ["ActionKit", "AsyncActionKit"])
@pytest.mark.parametrize("where", ["PARAGON_SIGNING_KEY", "PARAGON_SIGNING_KEY_PATH"])
def test_the_key_and_user_fall_back_to_the_environment(
    cls_name: str, where: str, monkeypatch: pytest.MonkeyPatch, checked: Standin, tmp_path: Any
) -> None:
    monkeypatch.delenv("PARAGON_USER_TOKEN", raising=False)
    monkeypatch.delenv("PARAGON_SIGNING_KEY", raising=False)
    monkeypatch.delenv("PARAGON_SIGNING_KEY_PATH", raising=False)
    monkeypatch.setenv("PARAGON_PROJECT_ID", PROJECT)
    monkeypatch.setenv("PARAGON_USER_ID", "env-user")
    if where == "PARAGON_SIGNING_KEY":
        monkeypatch.setenv(where, pem(rsa_key()).replace("\n", "\\n"))
    else:
        (tmp_path / "key.pem").write_text(pem(rsa_key()))
        monkeypatch.setenv(where, str(tmp_path / "key.pem"))
    kind = "sync" if cls_name == "ActionKit" else "async"
    run(kind, getattr(kit, cls_name)(base_url=checked.url), send)
    # user_id given, key from the environment
    run(kind, getattr(kit, cls_name)(user_id="given-user", base_url=checked.url), send)
    assert [sent_user(request) for request in checked.received] == ["env-user", "given-user"]


@pytest.mark.parametrize("cls_name", ["ActionKit", "AsyncActionKit"])
def test_no_user_or_two_are_errors_saying_what_to_give(
    cls_name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("PARAGON_USER_TOKEN", "PARAGON_SIGNING_KEY", "PARAGON_SIGNING_KEY_PATH"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("PARAGON_USER_ID", raising=False)
    cls = getattr(kit, cls_name)
    key = pem(rsa_key())
    with pytest.raises(kit.ActionKitError, match="pass user_token, or signing_key and user_id"):
        cls(PROJECT)
    with pytest.raises(kit.ActionKitError, match="not user_token and signing_key"):
        cls(PROJECT, "a-token", signing_key=key, user_id="u")
    with pytest.raises(kit.ActionKitError, match="signing_key needs user_id"):
        cls(PROJECT, signing_key=key)
    with pytest.raises(kit.ActionKitError, match="user_id needs a signing key"):
        cls(PROJECT, user_id="u")
    with pytest.raises(kit.SigningKeyError, match="is a public key"):
        public = (
            rsa_key()
            .public_key()
            .public_bytes(
                kit_serialization().Encoding.PEM,
                kit_serialization().PublicFormat.SubjectPublicKeyInfo,
            )
        )
        cls(PROJECT, signing_key=public, user_id="u")
    monkeypatch.setenv("PARAGON_USER_TOKEN", "t")
    monkeypatch.setenv("PARAGON_SIGNING_KEY", key)
    with pytest.raises(kit.ActionKitError, match="both PARAGON_USER_TOKEN and a signing key"):
        cls(PROJECT)


def kit_serialization() -> Any:
    from cryptography.hazmat.primitives import serialization

    return serialization


@pytest.mark.parametrize("kind", KINDS)
def test_an_answer_echoing_the_minted_token_is_redacted(kind: str, standin: Standin) -> None:
    standin.responder = lambda request: Reply(
        status=401, body={"message": f"bad token {request.headers['authorization']}"}
    )
    with pytest.raises(kit.AuthenticationError) as raised:
        run(kind, keyed(kind, standin.url), send)
    [request] = standin.received
    token = request.headers["authorization"].split()[1]
    assert token not in str(raised.value)
    assert token not in repr(raised.value.body)
    assert "[redacted]" in str(raised.value)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("injected", [False, True])
def test_every_request_says_who_it_is(kind: str, injected: bool, checked: Standin) -> None:
    """Also through an injected httpx client with httpx's own User-Agent (one with an agent of
    its own keeps it: tests/test_client_settings.py)."""
    headers: dict[str, str] = {}
    if kind == "sync":
        with httpx.Client(headers=headers) as http:
            call_with(kind, checked, send, **({"http_client": http} if injected else {}))
    else:

        async def main() -> None:
            async with httpx.AsyncClient(headers=headers) as http:
                options = {"http_client": http} if injected else {}
                async with client_for(kind, checked.url, **options) as client:
                    await send(client)

        asyncio.run(main())
    expected = f"actionkit-client/{kit.metadata.GENERATOR_VERSION} python-httpx/{httpx.__version__}"
    assert [request.headers["user-agent"] for request in checked.received] == [expected]
    assert kit.metadata.GENERATOR_VERSION != "0.0.0"  # the package's own, not the stand-in's


def test_the_token_is_a_jwt_pyjwt_reads() -> None:
    """The helper above checks signatures; this checks it rejects another key's token."""
    from cryptography.hazmat.primitives.asymmetric import rsa

    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    token = kit.sign_user_token(pem(other), "user-1")
    with pytest.raises(jwt.InvalidSignatureError):
        verified(token)
