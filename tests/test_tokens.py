"""User tokens signed by the package: ``sign_user_token`` and the ``UserTokens`` source the clients
mint from, with RSA keys made here and every token checked by PyJWT with the public key.

The token source's time is its ``clock`` argument, so expiry is tested without waiting; the
clients' use of it, over HTTP, is in tests/test_client_tokens.py.
"""

from __future__ import annotations

import asyncio
import importlib
import os
import pickle
import threading
import time
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from support.signing_keys import pem, rsa_key
from tests.client_helpers import kit

tokens_module = importlib.import_module(f"{kit.__name__}._tokens")
UserTokens = tokens_module.UserTokens
MARGIN = tokens_module.REFRESH_MARGIN


def verified(token: str, key: rsa.RSAPrivateKey | None = None) -> dict[str, Any]:
    """The token's claims, after PyJWT checked its RS256 signature with the public key."""
    public = (key or rsa_key()).public_key()
    claims: dict[str, Any] = jwt.decode(
        token, public, algorithms=["RS256"], options={"verify_exp": False, "verify_iat": False}
    )
    return claims


class Clock:
    """The time a ``UserTokens`` sees: moved by the test."""

    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


# sign_user_token


def test_a_signed_token_verifies_with_the_public_key_and_holds_the_claims() -> None:
    before = int(time.time())
    token = kit.sign_user_token(pem(rsa_key()), "user-1")
    after = int(time.time())
    assert jwt.get_unverified_header(token) == {"alg": "RS256", "typ": "JWT"}
    claims = verified(token)
    assert set(claims) == {"sub", "iat", "exp"}
    assert claims["sub"] == "user-1"
    assert before <= claims["iat"] <= after
    assert claims["exp"] - claims["iat"] == 3600


def test_expires_in_and_extra_claims() -> None:
    token = kit.sign_user_token(
        pem(rsa_key()), "user-2", expires_in=300, claims={"plan": "pro", "n": 3}
    )
    claims = verified(token)
    assert claims["exp"] - claims["iat"] == 300
    assert (claims["sub"], claims["plan"], claims["n"]) == ("user-2", "pro", 3)


@pytest.mark.parametrize(
    "form",
    ["pkcs8 text", "pkcs1 text", "bytes", "escaped newlines", "escaped and quoted", "crlf"],
)
def test_the_key_is_read_in_the_forms_people_keep_it(form: str) -> None:
    """As written by openssl, as bytes, and pasted into an environment variable: one line with
    literal ``\\n`` sequences, sometimes still in its quotes."""
    text = pem(rsa_key(), traditional=form == "pkcs1 text")
    forms: dict[str, str | bytes] = {
        "bytes": text.encode(),
        "escaped newlines": text.replace("\n", "\\n"),
        "escaped and quoted": '"' + text.replace("\n", "\\n") + '"',
        "crlf": text.replace("\n", "\r\n"),
    }
    given = forms.get(form, text)
    assert verified(kit.sign_user_token(given, "user-3"))["sub"] == "user-3"


def _bad_keys() -> dict[str, tuple[str | bytes | object, str]]:
    key = rsa_key()
    public = key.public_key()
    spki = public.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    pkcs1_public = public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.PKCS1)
    body = "".join(pem(key).splitlines()[1:-1])
    damaged = "-----BEGIN PRIVATE KEY-----\n" + body[:200] + "\n-----END PRIVATE KEY-----\n"
    return {
        "not pem": ("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC", "is not PEM"),
        "a path": ("/etc/keys/paragon.pem", "PARAGON_SIGNING_KEY_PATH"),
        "empty": ("", "is not PEM"),
        "spki public key": (spki, "is a public key"),
        "pkcs1 public key": (pkcs1_public.decode(), "is a public key"),
        "encrypted pkcs8": (pem(key, password=b"secret"), "encrypted"),
        "encrypted pkcs1": (pem(key, traditional=True, password=b"secret"), "encrypted"),
        "ec key": (pem(ec.generate_private_key(ec.SECP256R1())), "not an RSA key"),
        "short rsa key": (pem(rsa_key(1024)), "1024 bits"),
        "damaged": (damaged, "cannot be read"),
        "not text": (12345, "PEM text or bytes"),
    }


@pytest.mark.parametrize("case", sorted(_bad_keys()))
def test_a_bad_key_is_a_clear_error_that_never_quotes_it(case: str) -> None:
    key, expected = _bad_keys()[case]
    with pytest.raises(kit.SigningKeyError, match=expected) as raised:
        kit.sign_user_token(key, "user-1")
    error = raised.value
    assert isinstance(error, kit.ActionKitError)
    assert isinstance(error, ValueError)
    assert error.__cause__ is None
    assert error.__context__ is None or error.__suppress_context__  # no key in a traceback
    text = key.decode() if isinstance(key, bytes) else str(key)
    key_lines = [line for line in text.splitlines() if len(line) > 16 and "-----" not in line]
    for line in key_lines:
        assert line[:16] not in str(error)
    # The key never reaches the source either.
    with pytest.raises(kit.SigningKeyError):
        UserTokens(key, "user-1")


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ({"user_id": ""}, "user_id"),
        ({"user_id": 42}, "user_id"),
        ({"expires_in": 0}, "expires_in"),
        ({"expires_in": 1.5}, "expires_in"),
        ({"expires_in": True}, "expires_in"),
        ({"claims": {"sub": "someone-else"}}, "cannot set sub"),
        ({"claims": {"exp": 1, "iat": 1}}, "cannot set exp, iat"),
        ({"claims": ["plan"]}, "mapping"),
    ],
)
def test_bad_arguments_are_value_errors(arguments: dict[str, Any], expected: str) -> None:
    given = {"user_id": "user-1", **arguments}
    with pytest.raises(ValueError, match=expected):
        kit.sign_user_token(pem(rsa_key()), **given)


# The token source


def test_the_source_mints_on_first_use_and_keeps_the_token_until_near_expiry() -> None:
    clock = Clock()
    source = UserTokens(pem(rsa_key()), "user-1", clock=clock)
    assert source.minted == 0  # nothing signed until a token is needed
    first = source.token()
    assert verified(first)["iat"] == int(clock.now)
    clock.now += 3600 - MARGIN - 1
    assert source.token() == first
    clock.now += 1  # MARGIN seconds left: replaced
    second = source.token()
    assert second != first
    claims = verified(second)
    assert claims["iat"] == int(clock.now)
    assert claims["exp"] == int(clock.now) + 3600
    assert source.minted == 2
    assert source.tokens_sent() == (second, first)


def test_the_source_never_gives_a_token_with_less_than_the_margin_left() -> None:
    """At every second of three lifetimes of a short token (margin: half of its 10 s)."""
    clock = Clock(1_800_000_000.25)
    source = UserTokens(pem(rsa_key()), "user-1", expires_in=10, clock=clock)
    for _ in range(30):
        claims = verified(source.token())
        assert claims["exp"] - clock.now >= 5
        assert claims["iat"] <= clock.now
        clock.now += 1
    assert source.minted == 6


def test_sixteen_threads_asking_at_once_mint_once() -> None:
    source = UserTokens(pem(rsa_key()), "user-1")
    start = threading.Barrier(16)
    got: list[str] = []

    def ask() -> None:
        start.wait()
        got.append(source.token())

    threads = [threading.Thread(target=ask) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(got) == 16 and len(set(got)) == 1
    assert source.minted == 1


def test_fifty_tasks_asking_at_once_mint_once() -> None:
    source = UserTokens(pem(rsa_key()), "user-1")

    async def ask() -> str:
        await asyncio.sleep(0)
        token: str = source.token()
        return token

    async def main() -> list[str]:
        return await asyncio.gather(*[ask() for _ in range(50)])

    got = asyncio.run(main())
    assert len(set(got)) == 1
    assert source.minted == 1


def test_for_user_shares_the_key_but_no_token() -> None:
    clock = Clock()
    source = UserTokens(pem(rsa_key()), "user-1", expires_in=600, claims={"a": 1}, clock=clock)
    mine = source.token()
    other = source.for_user("user-2")
    assert other.tokens_sent() == ()
    theirs = verified(other.token())
    assert (theirs["sub"], theirs["a"], theirs["exp"] - theirs["iat"]) == ("user-2", 1, 600)
    assert source.token() == mine


def test_the_source_is_never_pickled_and_its_repr_names_the_user_only() -> None:
    key = pem(rsa_key())
    source = UserTokens(key, "user-1")
    source.token()
    assert repr(source) == "UserTokens(user_id='user-1')"
    with pytest.raises(TypeError, match="not pickled") as raised:
        pickle.dumps(source)
    assert key.splitlines()[1] not in str(raised.value)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_forked_child_mints_even_when_a_thread_held_the_lock() -> None:
    source = UserTokens(pem(rsa_key()), "user-1")
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with source._lock:
            held.set()
            release.wait()

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait()
    try:
        pid = os.fork()
        if pid == 0:  # the child: the holding thread does not exist here
            code = 0
            try:
                code = 0 if verified(source.token())["sub"] == "user-1" else 1
            except BaseException:
                code = 2
            finally:
                os._exit(code)
        deadline = time.monotonic() + 10
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done or time.monotonic() > deadline:
                break
            time.sleep(0.01)
        if not done:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            raise AssertionError("the child waited for a lock no thread of its own held")
    finally:
        release.set()
        thread.join()
    assert os.waitstatus_to_exitcode(status) == 0


# Who a client calls as: arguments, else the environment (_auth.user_auth; through the clients
# in tests/test_client_tokens.py)

auth_module = importlib.import_module(f"{kit.__name__}._auth")


def _user(auth: Any) -> str | None:
    """The ``sub`` of the tokens ``auth`` sends, or None for a token given as it is."""
    if isinstance(auth, UserTokens):
        claims: dict[str, Any] = verified(auth.token())
        return str(claims["sub"])
    assert isinstance(auth, auth_module.FixedToken)
    return None


def test_arguments_and_environment_choose_the_user(tmp_path: Any) -> None:
    key = pem(rsa_key())
    key_file = tmp_path / "paragon.pem"
    key_file.write_text(key)
    user_auth = auth_module.user_auth

    assert user_auth("t1", None, None, {}).token() == "t1"
    assert _user(user_auth(None, key, "u1", {})) == "u1"
    assert _user(user_auth(None, key, None, {"PARAGON_USER_ID": "u2"})) == "u2"
    assert _user(user_auth(None, None, "u3", {"PARAGON_SIGNING_KEY": key})) == "u3"
    escaped = {"PARAGON_SIGNING_KEY": key.replace("\n", "\\n"), "PARAGON_USER_ID": "u4"}
    assert _user(user_auth(None, None, None, escaped)) == "u4"
    from_file = {"PARAGON_SIGNING_KEY_PATH": str(key_file), "PARAGON_USER_ID": "u5"}
    assert _user(user_auth(None, None, None, from_file)) == "u5"
    assert user_auth(None, None, None, {"PARAGON_USER_TOKEN": "t2"}).token() == "t2"
    # Arguments win over the environment, whatever it holds.
    both = {"PARAGON_USER_TOKEN": "t3", **escaped}
    assert user_auth("t4", None, None, both).token() == "t4"
    assert _user(user_auth(None, key, "u6", both)) == "u6"
    # An empty variable is unset.
    assert user_auth(None, None, None, {"PARAGON_USER_TOKEN": "t5", "PARAGON_SIGNING_KEY": ""})


@pytest.mark.parametrize(
    ("arguments", "environ", "expected"),
    [
        ((None, None, None), {}, "no user token: pass user_token, or signing_key and user_id;"),
        (("t", "KEY", None), {}, "not user_token and signing_key"),
        (("t", None, "u"), {}, "not user_token and user_id"),
        ((None, "KEY", None), {}, "signing_key needs user_id: pass one or set PARAGON_USER_ID"),
        ((None, None, "u"), {}, "user_id needs a signing key"),
        ((None, None, "u"), {"PARAGON_USER_TOKEN": "t"}, "user_id needs a signing key"),
        (
            (None, None, None),
            {"PARAGON_USER_TOKEN": "t", "PARAGON_SIGNING_KEY": "KEY"},
            "both PARAGON_USER_TOKEN and a signing key",
        ),
        (
            (None, None, None),
            {"PARAGON_SIGNING_KEY": "KEY", "PARAGON_SIGNING_KEY_PATH": "/k.pem"},
            "both PARAGON_SIGNING_KEY and PARAGON_SIGNING_KEY_PATH",
        ),
        ((None, None, None), {"PARAGON_SIGNING_KEY": "KEY"}, "needs PARAGON_USER_ID"),
        (
            (None, None, "u"),
            {"PARAGON_SIGNING_KEY_PATH": "/no/such/key.pem"},
            r"cannot read the signing key at PARAGON_SIGNING_KEY_PATH \(/no/such/key.pem\)",
        ),
    ],
)
def test_nothing_or_too_much_is_an_error_saying_what_to_give(
    arguments: tuple[Any, Any, Any], environ: dict[str, str], expected: str
) -> None:
    key = pem(rsa_key())
    arguments = tuple(key if value == "KEY" else value for value in arguments)  # type: ignore[assignment]
    environ = {name: key if value == "KEY" else value for name, value in environ.items()}
    with pytest.raises(kit.ActionKitError, match=expected) as raised:
        auth_module.user_auth(*arguments, environ)
    assert key.splitlines()[1] not in str(raised.value)


def test_a_bad_key_in_the_environment_is_a_signing_key_error() -> None:
    with pytest.raises(kit.SigningKeyError, match="is not PEM"):
        auth_module.user_auth(None, None, "u", {"PARAGON_SIGNING_KEY": "not a key"})
