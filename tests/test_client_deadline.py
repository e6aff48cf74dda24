"""The overall deadline of a call (``deadline=`` seconds, on the client or per call), both
clients, against raw socket servers that drip or stall and the stand-in: it covers every
attempt, the waits between them and the body, streamed or not, and ends in ``APITimeoutError``."""

from __future__ import annotations

import asyncio
import inspect
from pathlib import Path
from typing import Any

import pytest

from support.raw_server import RawServer, drip_after
from support.standin import Reply, Standin
from tests.client_helpers import KINDS, call_with, chat, client_for, kit

CALL = chat.ChatSendMessage(channel="C", message="m")
JSON_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"


def _deadline_error(raised: pytest.ExceptionInfo[Any]) -> str:
    assert type(raised.value) is kit.APITimeoutError
    return str(raised.value)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("where", ["client", "call"])
def test_a_dripping_answer_ends_at_the_deadline(kind: str, where: str) -> None:
    """One byte every 0.2 s of a 100-byte answer, the connection closed after 20: without a
    deadline the call would end in a cut connection, not a timeout; each read is well within
    the read timeout."""
    with RawServer(drip_after(JSON_HEAD, b" " * 20, 0.2)).running() as server:
        url = server.url
        if where == "client":
            fn, options = (lambda c: c.run(CALL)), {"deadline": 0.5}
        else:
            fn, options = (lambda c: c.run(CALL, deadline=0.5)), {}
        with pytest.raises(kit.APITimeoutError) as raised:
            call_with(kind, url, fn, timeout=30.0, **options)
    assert "deadline of 0.5 s" in _deadline_error(raised)


@pytest.mark.parametrize("kind", KINDS)
def test_a_stalled_answer_ends_at_the_deadline_not_the_read_timeout(kind: str) -> None:
    """Nothing after the request: the 30 s read timeout is cut to what is left of the deadline."""
    with (
        RawServer(drip_after(b"", b"", 0.2, then_hold=True)).running() as server,
        pytest.raises(kit.APITimeoutError) as raised,
    ):
        call_with(kind, server.url, lambda c: c.run(CALL), timeout=30.0, deadline=0.3)
    # The sync client's read timeout was cut to the deadline; the async client cancels the read.
    expected = "ReadTimeout" if kind == "sync" else "deadline of 0.3 s"
    assert expected in _deadline_error(raised)


def test_the_async_client_cancels_answers_whose_headers_drip() -> None:
    """Headers one byte every 0.2 s: each read is quick, so only cancelling ends it (the
    synchronous client cannot cancel a read in progress: it is bounded by the read timeout per
    byte, as the README says)."""
    head = JSON_HEAD * 3  # about 240 bytes: 48 s to drip
    with (
        RawServer(drip_after(b"", head, 0.2)).running() as server,
        pytest.raises(kit.APITimeoutError) as raised,
    ):
        call_with("async", server.url, lambda c: c.run(CALL), timeout=30.0, deadline=0.5)
    assert "deadline of 0.5 s" in _deadline_error(raised)


@pytest.mark.parametrize("kind", KINDS)
def test_no_retry_waits_past_the_deadline(kind: str, standin: Standin) -> None:
    standin.script(Reply(status=503, headers={"Retry-After": "5"}), Reply())
    with pytest.raises(kit.InternalServerError):
        call_with(kind, standin, lambda c: c.run(CALL, deadline=1.0))
    assert len(standin.received) == 1
    # Without the deadline the same answer is waited for and retried (here shortened to 0 s).
    standin.script(Reply(status=503, headers={"Retry-After": "0"}), Reply())
    assert call_with(kind, standin, lambda c: c.run(CALL, deadline=5.0)) == {"ok": True}


@pytest.mark.parametrize("kind", KINDS)
def test_a_streamed_body_that_drips_ends_at_the_deadline(kind: str, tmp_path: Path) -> None:
    """And the partial file is removed."""
    target = tmp_path / "out.pdf"
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Length: 100\r\n\r\n"
    with RawServer(drip_after(head, b"x" * 20, 0.2)).running() as server:
        client = client_for(kind, server.url, timeout=30.0)

        if kind == "sync":
            with client, client.with_streaming_response.run(CALL, deadline=0.5) as response:
                assert response.status_code == 200  # the headers came in time
                with pytest.raises(kit.APITimeoutError) as raised:
                    response.write_to_file(target)
        else:

            async def main() -> Any:
                async with (
                    client,
                    client.with_streaming_response.run(CALL, deadline=0.5) as response,
                ):
                    assert response.status_code == 200
                    with pytest.raises(kit.APITimeoutError) as caught:
                        await response.write_to_file(target)
                    return caught

            raised = asyncio.run(main())
    assert "deadline of 0.5 s" in _deadline_error(raised)
    assert not target.exists()


@pytest.mark.parametrize("kind", KINDS)
def test_the_deadline_is_per_call_and_a_fast_call_is_untouched(kind: str, checked: Standin) -> None:
    checked.script(Reply(), Reply())

    def twice(client: Any) -> Any:
        first, second = client.run(CALL), client.run(CALL)
        if inspect.isawaitable(first):

            async def both() -> Any:
                return [await first, await second]

            return both()
        return [first, second]

    assert call_with(kind, checked, twice, deadline=5.0) == [{"ok": True}, {"ok": True}]


def test_bad_deadlines_are_clear_errors() -> None:
    for bad in (0, -1, float("nan"), True, "5"):
        with pytest.raises(ValueError, match="deadline"):
            kit.ActionKit("p", "t", deadline=bad)
    client = kit.ActionKit("p", "t")
    with pytest.raises(ValueError, match="deadline"):
        client.run(CALL, deadline=-1)
    with pytest.raises(ValueError, match="deadline"):
        client.with_options(deadline=0)
    client.close()
