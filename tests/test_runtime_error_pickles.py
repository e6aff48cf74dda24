"""Errors cross process boundaries (issue 12, item 4): each pickles and unpickles with its
class, status, message and body, without the request (and so without the token), and a
``multiprocessing.Pool`` that returns or raises one does not hang."""

from __future__ import annotations

import asyncio
import multiprocessing
import pickle
from typing import Any

import pytest

from support.standin import Reply, Standin
from tests.client_helpers import KINDS, TOKEN, call_with, chat, client_for, closed_port_url, kit

STATUSES = [400, 401, 403, 404, 429, 500, 503, 418]


def send(client: Any) -> Any:
    return chat.chat_send_message(client, channel="C", message="m")


def _error_from(kind: str, url: str) -> Any:
    try:
        call_with(kind, url, send, max_retries=0)
    except kit.ActionKitError as error:
        return error
    raise AssertionError("no error")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("status", STATUSES)
def test_a_status_error_pickles_without_the_token(kind: str, status: int, standin: Standin) -> None:
    standin.script(
        Reply(
            status=status,
            body={"message": f"no, {TOKEN}", "code": status},
            headers={"Retry-After": "7", "X-Echo": TOKEN},
        )
    )
    error = _error_from(kind, standin.url)
    data = pickle.dumps(error)
    assert TOKEN.encode() not in data
    assert b"Bearer" not in data
    copy = pickle.loads(data)
    assert type(copy) is type(error)
    assert copy.status_code == error.status_code == status
    assert copy.message == error.message == "no, [redacted]"
    assert copy.body == error.body
    assert str(copy) == str(error)
    assert copy.response.status_code == status
    assert "x-echo" not in copy.response.headers
    if status == 429:
        assert copy.retry_after == error.retry_after == 7.0


@pytest.mark.parametrize("kind", KINDS)
def test_connection_and_validation_errors_pickle(kind: str, standin: Standin) -> None:
    connection = _error_from(kind, closed_port_url())
    assert isinstance(connection, kit.APIConnectionError)
    copy = pickle.loads(pickle.dumps(connection))
    assert type(copy) is type(connection) and str(copy) == str(connection)
    with pytest.raises(kit.ActionKitValidationError) as caught:
        call_with(kind, standin, lambda c: c.run_tool("CHAT_SEND_MESSAGE", {"channel": 1}))
    validation = pickle.loads(pickle.dumps(caught.value))
    assert type(validation) is kit.ActionKitValidationError
    assert validation.tool == caught.value.tool
    assert validation.problems == caught.value.problems
    assert str(validation) == str(caught.value)


@pytest.mark.parametrize("kind", KINDS)
def test_a_success_that_is_not_json_pickles(kind: str, standin: Standin) -> None:
    standin.script(Reply(raw=b"{not json", headers={"X-Echo": TOKEN}))
    error = _error_from(kind, standin.url)
    assert isinstance(error, kit.APIResponseValidationError)
    data = pickle.dumps(error)
    assert TOKEN.encode() not in data
    copy = pickle.loads(data)
    assert (copy.status_code, copy.body, str(copy)) == (200, "{not json", str(error))


def _run_in_worker(kind: str, url: str, raise_it: bool) -> Any:
    error = _error_from(kind, url)
    if raise_it:
        raise error
    return error


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("raise_it", [True, False], ids=["raised", "returned"])
def test_a_pool_worker_returning_or_raising_an_error_does_not_hang(
    kind: str, raise_it: bool, standin: Standin
) -> None:
    standin.default = Reply(status=404, body={"message": "no such record"})
    with multiprocessing.get_context("fork").Pool(1) as pool:
        pending = pool.apply_async(_run_in_worker, (kind, standin.url, raise_it))
        if raise_it:
            with pytest.raises(kit.NotFoundError) as caught:
                pending.get(timeout=60)
            error = caught.value
        else:
            error = pending.get(timeout=60)
    assert type(error) is kit.NotFoundError
    assert (error.status_code, error.message) == (404, "no such record")


@pytest.mark.parametrize("kind", KINDS)
def test_a_response_too_large_error_pickles_without_the_token(kind: str, standin: Standin) -> None:
    standin.script(Reply(body={"echo": TOKEN, "pad": "x" * 2000}, headers={"X-Echo": TOKEN}))
    with pytest.raises(kit.ResponseTooLargeError) as raised:
        call_with(kind, standin, send, max_response_bytes=1000)
    error = raised.value
    data = pickle.dumps(error)
    assert TOKEN.encode() not in data
    assert b"Bearer" not in data
    copy = pickle.loads(data)
    assert type(copy) is kit.ResponseTooLargeError
    assert (copy.status_code, copy.body, str(copy)) == (200, None, str(error))
    assert "x-echo" not in copy.response.headers


def _pickled_in_the_context(kind: str, url: str, body: bool) -> tuple[Any, bytes, Any]:
    """A streamed answer's facts as read in its context, and its pickle, made there (after
    reading the body, with ``body``); then what reading the unpickled copy's body gives."""

    def start(client: Any) -> Any:
        return client.with_streaming_response.run_tool("DRIVE_DOWNLOAD_FILE", {"fileId": "F1"})

    def facts(response: Any) -> Any:
        return (response.status_code, response.content_type, response.filename)

    if kind == "sync":
        with client_for(kind, url) as client, start(client) as response:
            if body:
                response.read()
            seen, data = facts(response), pickle.dumps(response)
        copy = pickle.loads(data)
        try:
            outcome: Any = copy.read()
        except kit.ActionKitError as error:
            outcome = error
        return seen, data, (copy, outcome)

    async def main() -> tuple[Any, bytes, Any]:
        async with client_for(kind, url) as client, start(client) as response:
            if body:
                await response.aread()
            seen, data = facts(response), pickle.dumps(response)
        copy = pickle.loads(data)
        try:
            outcome: Any = await copy.aread()
        except kit.ActionKitError as error:
            outcome = error
        return seen, data, (copy, outcome)

    return asyncio.run(main())


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("body", [False, True], ids=["unread", "read"])
def test_a_streamed_response_pickles_without_the_token(
    kind: str, body: bool, standin: Standin
) -> None:
    """What the headers said travels (status, content type, the file name, the token taken out
    of it); the request, any other header and the body do not: reading the copy's body is a
    clear error, not an empty file."""
    standin.script(
        Reply(
            raw=b"%PDF " + TOKEN.encode(),
            headers={
                "Content-Type": "application/pdf",
                "Content-Disposition": f'attachment; filename="{TOKEN}.pdf"',
                "X-Echo": TOKEN,
            },
        )
    )
    seen, data, (copy, outcome) = _pickled_in_the_context(kind, standin.url, body)
    assert TOKEN.encode() not in data
    assert b"Bearer" not in data
    assert (copy.status_code, copy.content_type) == seen[:2] == (200, "application/pdf")
    assert copy.filename == "[redacted].pdf"
    assert "x-echo" not in copy.headers
    assert isinstance(outcome, kit.ActionKitError)
    assert "unpickled" in str(outcome) and TOKEN not in str(outcome)
