"""Settings checked when a client gets them (issue 12, items 3, 6, 7 and 14b), both clients, over
real HTTP: a token or credential id that cannot travel in a header, a ``base_url`` with a
password, a ``project_id`` that would leave ``/projects/``, a token too short to redact."""

from __future__ import annotations

import re
import traceback
from typing import Any
from urllib.parse import unquote

import pytest

from support.leak_guard import register_secret
from support.standin import Reply, Standin
from tests.client_helpers import FAST_RETRIES, KINDS, PROJECT, TOKEN, call_with, chat, kit

BAD_TOKENS = {
    "newline at the end (read from a file)": "tok-Q7zN1-newline-secret\n",
    "CRLF and a header": "tok-Q7zN1-crlf-secret\r\nX-Evil: 1",
    "NUL": "tok-Q7zN1-nul\x00secret",
    "tab": "tok-Q7zN1-tab\tsecret",
    "non-ASCII": "tok-Q7zN1-nön-ascii-secret",
    "space before": " tok-Q7zN1-leading-secret",
    "DEL": "tok-Q7zN1-del\x7fsecret",
}
PASSWORD = "pw-Vx93kLq-Sekr1t"
register_secret(*BAD_TOKENS.values(), PASSWORD)
# What the tests must not find in a message: the distinctive middle of each bad token.
_SHOWN = re.compile(r"Q7zN1|secret|Sekr1t")


def send(client: Any) -> Any:
    return chat.chat_send_message(client, channel="C", message="m")


def _client_class(kind: str) -> Any:
    return kit.ActionKit if kind == "sync" else kit.AsyncActionKit


def _assert_hidden(error: BaseException) -> None:
    text = str(error) + repr(error) + "".join(traceback.format_exception(error))
    assert not _SHOWN.search(text), text


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("token", BAD_TOKENS.values(), ids=BAD_TOKENS.keys())
def test_a_bad_token_is_refused_at_construction_without_showing_it(
    kind: str, token: str, standin: Standin
) -> None:
    with pytest.raises(kit.ActionKitError, match="user_token") as caught:
        _client_class(kind)(PROJECT, token, base_url=standin.url)
    assert isinstance(caught.value, ValueError)
    _assert_hidden(caught.value)
    assert standin.received == []


@pytest.mark.parametrize("kind", KINDS)
def test_a_bad_token_from_the_environment_is_refused(
    kind: str, standin: Standin, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARAGON_USER_TOKEN", BAD_TOKENS["newline at the end (read from a file)"])
    with pytest.raises(kit.ActionKitError, match=r"PARAGON_USER_TOKEN|user_token") as caught:
        _client_class(kind)(PROJECT, base_url=standin.url)
    _assert_hidden(caught.value)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("token", BAD_TOKENS.values(), ids=BAD_TOKENS.keys())
def test_a_bad_token_given_to_with_options_is_refused(
    kind: str, token: str, standin: Standin
) -> None:
    client = _client_class(kind)(PROJECT, TOKEN, base_url=standin.url)
    with pytest.raises(kit.ActionKitError, match="user_token") as caught:
        client.with_options(user_token=token)
    _assert_hidden(caught.value)
    assert standin.received == []


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "credential", ["cred-Q7zN1\n", "cred-Q7zN1\r\nX: y", "crëd-Q7zN1", "", "cred\x00Q7zN1"]
)
def test_a_bad_credential_id_is_refused(kind: str, credential: str, standin: Standin) -> None:
    register_secret(credential)
    with pytest.raises(kit.ActionKitError, match="credential_id") as caught:
        _client_class(kind)(PROJECT, TOKEN, base_url=standin.url, credential_id=credential)
    _assert_hidden(caught.value)
    client = _client_class(kind)(PROJECT, TOKEN, base_url=standin.url)
    with pytest.raises(kit.ActionKitError, match="credential_id"):
        client.with_options(credential_id=credential)
    assert standin.received == []


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("userinfo", [f"svc:{PASSWORD}@", f"{PASSWORD}@", f"svc:{PASSWORD}@[::1]@"])
def test_a_base_url_with_a_password_is_refused_without_showing_it(
    kind: str, userinfo: str, standin: Standin
) -> None:
    url = standin.url.replace("http://", f"http://{userinfo}")
    with pytest.raises(kit.ActionKitError, match="base_url") as caught:
        _client_class(kind)(PROJECT, TOKEN, base_url=url)
    assert PASSWORD not in str(caught.value)
    _assert_hidden(caught.value)
    assert standin.received == []


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "url", ["ftp://example.com", "example.com", "http://", "http://host:port", "http://h/?q=1"]
)
def test_a_base_url_that_is_no_http_url_is_refused(kind: str, url: str) -> None:
    with pytest.raises(kit.ActionKitError, match="base_url"):
        _client_class(kind)(PROJECT, TOKEN, base_url=url)


PROJECT_IDS = [".", "..", "/", "%2e", "%2e%2e", "a/../..", "../tools", "a?b#c", "%2F", "p 1"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("project_id", PROJECT_IDS)
def test_a_project_id_is_one_path_segment_or_refused(
    kind: str, project_id: str, standin: Standin
) -> None:
    try:
        client = _client_class(kind)(project_id, TOKEN, base_url=standin.url, **FAST_RETRIES)
    except kit.ActionKitError as error:
        assert "project_id" in str(error)
        assert standin.received == []
        return
    assert project_id not in (".", ".."), "a dot segment is not a project id"

    def run(client: Any) -> Any:
        return send(client)

    if kind == "sync":
        with client:
            run(client)
    else:
        import asyncio

        async def main() -> None:
            async with client:
                await run(client)

        asyncio.run(main())
    [request] = standin.received
    match = re.fullmatch(r"/projects/([^/?#]+)/tools", request.path)
    assert match is not None, request.path
    assert unquote(match.group(1)) == project_id


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("project_id", [".", "..", "", "  "])
def test_dot_segments_and_blank_project_ids_are_refused(
    kind: str, project_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PARAGON_PROJECT_ID", raising=False)
    with pytest.raises(kit.ActionKitError, match="project_id"):
        _client_class(kind)(project_id, TOKEN)


@pytest.mark.parametrize("kind", KINDS)
def test_a_one_character_token_does_not_garble_messages(kind: str, standin: Standin) -> None:
    message = "certificate invalid: the token is not signed for this project"
    standin.script(Reply(status=400, body={"message": message, "detail": ["t", "tt"]}))
    cls = _client_class(kind)

    def check(client: Any) -> Any:
        return send(client)

    with pytest.raises(kit.BadRequestError) as caught:
        if kind == "sync":
            with cls(PROJECT, "t", base_url=standin.url) as client:
                check(client)
        else:
            import asyncio

            async def main() -> None:
                async with cls(PROJECT, "t", base_url=standin.url) as client:
                    await check(client)

            asyncio.run(main())
    assert caught.value.message == message
    assert caught.value.body == {"message": message, "detail": ["t", "tt"]}


@pytest.mark.parametrize("kind", KINDS)
def test_a_long_token_echoed_in_an_error_is_still_redacted(kind: str, standin: Standin) -> None:
    standin.script(Reply(status=401, body={"message": f"bad token {TOKEN}"}))
    with pytest.raises(kit.AuthenticationError) as caught:
        call_with(kind, standin, send)
    assert caught.value.message == "bad token [redacted]"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "setting",
    [{"deadline": 0}, {"deadline": -1.0}, {"max_retries": -1}, {"max_retries": True}],
    ids=str,
)
def test_a_bad_per_call_setting_is_an_invalid_setting_error_and_dispatch_returns_it(
    kind: str, setting: dict[str, Any], standin: Standin
) -> None:
    [name] = setting
    call = chat.ChatSendMessage(channel="C", message="m")
    with pytest.raises(kit.InvalidSettingError, match=name):
        call_with(kind, standin, lambda c: c.run(call, **setting))
    value = call_with(
        kind,
        standin,
        lambda c: c.dispatch(
            "CHAT_SEND_MESSAGE", {"channel": "C", "message": "m"}, errors="return", **setting
        ),
    )
    assert value["error"] == "actionkit_error" and name in value["message"]
    assert standin.received == []


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "setting",
    [
        {"deadline": 0},
        {"max_response_bytes": 0},
        {"max_retries": -1},
        {"initial_retry_delay": -1},
        {"max_retry_delay": -0.5},
    ],
    ids=str,
)
def test_bad_limits_at_construction_are_invalid_setting_errors(
    kind: str, setting: dict[str, Any]
) -> None:
    with pytest.raises(kit.InvalidSettingError):
        _client_class(kind)(PROJECT, TOKEN, **setting)
