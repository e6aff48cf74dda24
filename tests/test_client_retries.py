"""The retry policy, both ways, through both clients over real HTTP.

A tool run has side effects, so by default only what surely did not run is sent again (a refused
connection, 429, 503); a read timeout, a cut connection and 500/502/504 are retried only when the
caller opts in. No test here depends on a timing: waits are a millisecond, and what the client
waited is read from its log.
"""

from __future__ import annotations

import email.utils
import logging
import time
from typing import Any

import pytest

from support.standin import Reply, Standin
from tests.client_helpers import (
    KINDS,
    call_with,
    chat,
    closed_port_url,
    collect,
    crm,
    kit,
)

LOGGER = kit.__name__


def send(client: Any, **options: Any) -> Any:
    return client.run(chat.ChatSendMessage(channel="C1", message="hello"), **options)


def retry_records(caplog: pytest.LogCaptureFixture) -> list[Any]:
    """The retry log records; their ``args`` are (delay, reason, attempt, limit, what)."""
    return [r for r in caplog.records if r.name == LOGGER and r.getMessage().startswith("retrying")]


@pytest.fixture(autouse=True)
def _log(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("status", [429, 503])
def test_429_and_503_are_retried_by_default(kind: str, status: int, checked: Standin) -> None:
    checked.script(Reply(status=status, body={"message": "try later"}))
    assert call_with(kind, checked, send) == {"ok": True}
    first, second = checked.received
    assert first.body == second.body  # the same request, sent again
    assert first.json() == {
        "tool": "CHAT_SEND_MESSAGE",
        "parameters": {"channel": "C1", "message": "hello"},
    }


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("status", [500, 502, 504])
def test_500_502_504_are_not_retried_by_default(kind: str, status: int, checked: Standin) -> None:
    checked.script(Reply(status=status, body={"message": "boom"}))
    with pytest.raises(kit.InternalServerError) as raised:
        call_with(kind, checked, send)
    assert raised.value.status_code == status
    assert len(checked.received) == 1


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("status", [500, 502, 504])
def test_500_502_504_are_retried_when_the_client_opts_in(
    kind: str, status: int, checked: Standin
) -> None:
    checked.script(Reply(status=status, body={"message": "boom"}))
    assert call_with(kind, checked, send, retry_ambiguous=True) == {"ok": True}
    assert len(checked.received) == 2


@pytest.mark.parametrize("kind", KINDS)
def test_retry_ambiguous_per_call_overrides_the_client(kind: str, checked: Standin) -> None:
    checked.script(Reply(status=500))
    assert call_with(kind, checked, lambda c: send(c, retry_ambiguous=True)) == {"ok": True}
    assert len(checked.received) == 2

    checked.script(Reply(status=500))
    with pytest.raises(kit.InternalServerError):
        call_with(kind, checked, lambda c: send(c, retry_ambiguous=False), retry_ambiguous=True)
    assert len(checked.received) == 3


@pytest.mark.parametrize("kind", KINDS)
def test_read_timeout_is_not_retried_by_default(kind: str, checked: Standin) -> None:
    checked.script(Reply(delay=0.5))
    with pytest.raises(kit.APITimeoutError) as raised:
        call_with(kind, checked, send, timeout=0.2)
    assert "ReadTimeout" in str(raised.value)
    assert len(checked.received) == 1


@pytest.mark.parametrize("kind", KINDS)
def test_read_timeout_is_retried_when_opted_in(kind: str, checked: Standin) -> None:
    checked.script(Reply(delay=0.5))
    result = call_with(kind, checked, lambda c: send(c, timeout=0.2, retry_ambiguous=True))
    assert result == {"ok": True}
    assert len(checked.received) == 2


@pytest.mark.parametrize("kind", KINDS)
def test_cut_connection_is_not_retried_by_default(kind: str, checked: Standin) -> None:
    checked.script(Reply(drop=True))
    with pytest.raises(kit.APIConnectionError) as raised:
        call_with(kind, checked, send)
    assert not isinstance(raised.value, kit.APITimeoutError)
    assert len(checked.received) == 1


@pytest.mark.parametrize("kind", KINDS)
def test_cut_connection_is_retried_when_opted_in(kind: str, checked: Standin) -> None:
    checked.script(Reply(drop=True))
    assert call_with(kind, checked, send, retry_ambiguous=True) == {"ok": True}
    assert len(checked.received) == 2


@pytest.mark.parametrize("kind", KINDS)
def test_refused_connection_is_retried_then_raised(
    kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(kit.APIConnectionError) as raised:
        call_with(kind, closed_port_url(), send, max_retries=2)
    assert "ConnectError" in str(raised.value)
    assert not isinstance(raised.value, kit.APITimeoutError)
    assert [r.args[2:] for r in retry_records(caplog)] == [
        (1, 2, "ConnectError"),
        (2, 2, "ConnectError"),
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_max_retries_zero_turns_retries_off(
    kind: str, checked: Standin, caplog: pytest.LogCaptureFixture
) -> None:
    checked.script(Reply(status=429), Reply(status=503), Reply(status=429))
    with pytest.raises(kit.RateLimitError):
        call_with(kind, checked, send, max_retries=0)
    with pytest.raises(kit.InternalServerError):
        call_with(kind, checked, lambda c: send(c, max_retries=0))
    with pytest.raises(kit.APIConnectionError):
        call_with(kind, closed_port_url(), send, max_retries=0)
    assert len(checked.received) == 2
    assert retry_records(caplog) == []


@pytest.mark.parametrize("kind", KINDS)
def test_retries_stop_after_max_retries(kind: str, checked: Standin) -> None:
    checked.default = Reply(status=429, body={"message": "slow down"})
    with pytest.raises(kit.RateLimitError) as raised:
        call_with(kind, checked, send)
    assert len(checked.received) == 3  # the first try and the 2 retries of the default
    assert raised.value.message == "slow down"

    with pytest.raises(kit.RateLimitError):
        call_with(kind, checked, lambda c: send(c, max_retries=4))
    assert len(checked.received) == 3 + 5


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422])
def test_client_errors_are_never_retried(kind: str, status: int, checked: Standin) -> None:
    checked.script(Reply(status=status, body={"message": "no"}))
    with pytest.raises(kit.APIStatusError):
        call_with(kind, checked, send, retry_ambiguous=True, max_retries=5)
    assert len(checked.received) == 1


@pytest.mark.parametrize("kind", KINDS)
def test_each_retry_is_logged_with_its_reason(
    kind: str, checked: Standin, caplog: pytest.LogCaptureFixture
) -> None:
    checked.script(Reply(status=429), Reply(status=503))
    call_with(kind, checked, send)
    messages = [r.getMessage() for r in retry_records(caplog)]
    assert len(messages) == 2
    assert "retry 1 of 2, after HTTP 429" in messages[0]
    assert "retry 2 of 2, after HTTP 503" in messages[1]


@pytest.mark.parametrize("kind", KINDS)
def test_declining_an_ambiguous_retry_is_logged(
    kind: str, checked: Standin, caplog: pytest.LogCaptureFixture
) -> None:
    checked.script(Reply(status=502))
    with pytest.raises(kit.InternalServerError):
        call_with(kind, checked, send)
    assert any("the tool may have run" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("kind", KINDS)
def test_retry_after_in_seconds_is_the_wait(
    kind: str, checked: Standin, caplog: pytest.LogCaptureFixture
) -> None:
    checked.script(Reply(status=429, headers={"Retry-After": "0.05"}))
    # A backoff of 30 s would show if Retry-After were ignored.
    call_with(kind, checked, send, initial_retry_delay=30.0, max_retry_delay=30.0)
    [record] = retry_records(caplog)
    assert record.args[:2] == (0.05, "Retry-After")
    assert len(checked.received) == 2


@pytest.mark.parametrize("kind", KINDS)
def test_retry_after_as_an_http_date(
    kind: str, checked: Standin, caplog: pytest.LogCaptureFixture
) -> None:
    past = email.utils.formatdate(time.time() - 60, usegmt=True)
    checked.script(Reply(status=503, headers={"Retry-After": past}))
    call_with(kind, checked, send, initial_retry_delay=30.0, max_retry_delay=30.0)
    [record] = retry_records(caplog)
    assert record.args[:2] == (0.0, "Retry-After")

    # A date an hour away is not waited for: the error says when to come back.
    later = email.utils.formatdate(time.time() + 3600, usegmt=True)
    checked.script(Reply(status=429, headers={"Retry-After": later}))
    with pytest.raises(kit.RateLimitError) as raised:
        call_with(kind, checked, send)
    assert 3500 < raised.value.retry_after <= 3600
    assert len(checked.received) == 3


@pytest.mark.parametrize("kind", KINDS)
def test_backoff_grows_exponentially_with_jitter_and_a_cap(
    kind: str, checked: Standin, caplog: pytest.LogCaptureFixture
) -> None:
    checked.script(*[Reply(status=503)] * 5)
    options = {"max_retries": 5, "initial_retry_delay": 0.001, "max_retry_delay": 0.004}
    call_with(kind, checked, send, **options)
    delays = [r.args[0] for r in retry_records(caplog)]
    caps = [0.001, 0.002, 0.004, 0.004, 0.004]
    assert len(delays) == 5
    assert all(0.75 * cap <= delay <= cap for delay, cap in zip(delays, caps, strict=True))
    assert all(r.args[1] == "backoff" for r in retry_records(caplog))


@pytest.mark.parametrize("kind", KINDS)
def test_listing_tools_retries_500_by_default(kind: str, checked: Standin) -> None:
    """A GET has no side effects: an ambiguous outcome is safe to retry."""
    checked.script(Reply(status=500), Reply(body={"tools": {}, "errors": []}))
    result = call_with(kind, checked, lambda c: c.list_tools())
    assert len(result) == 0
    assert [r.method for r in checked.received] == ["GET", "GET"]


@pytest.mark.parametrize("kind", KINDS)
def test_pages_retry_like_any_run(kind: str, checked: Standin) -> None:
    checked.script(Reply(status=429), Reply(body={"items": [1], "pageCursor": "c2"}))
    checked.default = Reply(body={"items": [2]})
    pages = call_with(
        kind, checked, lambda c: collect(c.pages(crm.CrmSearchRecords(object_type="T")))
    )
    assert pages == [{"items": [1], "pageCursor": "c2"}, {"items": [2]}]
    assert len(checked.received) == 3
