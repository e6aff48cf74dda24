"""The retry budget, both clients, against the stand-in counting requests: 200 concurrent calls
against a failing API (503) get about one request each, while a lone 503 is still retried; the
copies ``with_options`` makes spend from the same budget; successes refill it; a forked child
starts with a full bucket and a lock of its own."""

from __future__ import annotations

import asyncio
import logging
import os
import select
import signal
from concurrent.futures import ThreadPoolExecutor
from importlib import import_module
from typing import Any

import pytest

from support.standin import Reply, Standin
from tests.client_helpers import KINDS, call_with, chat, client_for, kit

CALLS = 200
CALL = chat.ChatSendMessage(channel="C", message="m")
limits = import_module(f"{kit.__name__}._limits")


def _budget() -> int:
    """How many retries a full bucket pays for."""
    return int(limits.RETRY_BUDGET // limits.RETRY_COST)


def _storm(kind: str, client: Any, users: int = 1) -> list[Any]:
    """``CALLS`` concurrent runs, spread over ``users`` copies of ``client``; each outcome."""
    clients = [client] + [client.with_options(user_token=f"user-{n}") for n in range(1, users)]

    if kind == "sync":

        def one(n: int) -> Any:
            try:
                return clients[n % users].run(CALL)
            except kit.ActionKitError as error:
                return error

        with ThreadPoolExecutor(max_workers=50) as pool:
            return list(pool.map(one, range(CALLS)))

    async def main() -> list[Any]:
        return await asyncio.gather(
            *[clients[n % users].run(CALL) for n in range(CALLS)], return_exceptions=True
        )

    return asyncio.run(main())


def _with_client(kind: str, url: str, body: Any) -> Any:
    """``body(run)`` with ``run(call)`` running on one client of this kind (for the async one,
    on its event loop while ``body`` runs in a thread), so that one body tests both."""
    if kind == "sync":
        with client_for(kind, url, max_retries=2) as client:
            return body(client.run)

    async def main() -> Any:
        async with client_for(kind, url, max_retries=2) as client:
            loop = asyncio.get_running_loop()

            def run(call: Any) -> Any:
                return asyncio.run_coroutine_threadsafe(client.run(call), loop).result()

            return await asyncio.to_thread(body, run)

    return asyncio.run(main())


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("users", [1, 4])
def test_a_503_storm_costs_about_one_request_per_call(
    kind: str, users: int, standin: Standin
) -> None:
    standin.default = Reply(status=503, body={"message": "unavailable"})
    client = client_for(kind, standin.url, max_retries=2)
    outcomes = _storm(kind, client, users)
    if kind == "sync":
        client.close()
    assert all(isinstance(outcome, kit.InternalServerError) for outcome in outcomes)
    # Every call sent once; the budget paid for at most this many retries, and then for none
    # (a bound, not an equality: on a loaded machine a call may fail before it reaches the bucket).
    assert CALLS <= len(standin.received) <= CALLS + _budget()
    assert len(standin.received) / CALLS <= 1.5


@pytest.mark.parametrize("kind", KINDS)
def test_a_lone_503_is_still_retried(kind: str, standin: Standin) -> None:
    standin.script(Reply(status=503))
    assert call_with(kind, standin, lambda c: c.run(CALL)) == {"ok": True}
    assert len(standin.received) == 2


@pytest.mark.parametrize("kind", KINDS)
def test_successes_refill_the_budget(
    kind: str, standin: Standin, caplog: pytest.LogCaptureFixture
) -> None:
    """Once failures have spent the bucket, a 503 is not retried until successes put back what
    one retry costs."""
    cost = limits.RETRY_COST
    standin.default = Reply(status=503, body={"message": "unavailable"})

    def body(run: Any) -> None:
        for _ in range(_budget() // 2):  # each retried twice
            with pytest.raises(kit.InternalServerError):
                run(CALL)
        sent = len(standin.received)
        assert sent == 3 * (_budget() // 2)
        caplog.clear()
        with (
            caplog.at_level(logging.INFO, logger=kit.__name__),
            pytest.raises(kit.InternalServerError),
        ):
            run(CALL)
        assert len(standin.received) == sent + 1  # not retried: the budget is spent
        assert any("retry budget is spent" in record.getMessage() for record in caplog.records)
        standin.default = Reply()
        for _ in range(cost):
            assert run(CALL) == {"ok": True}
        standin.script(Reply(status=503))
        assert run(CALL) == {"ok": True}
        assert len(standin.received) == sent + 1 + cost + 2  # retried again

    _with_client(kind, standin.url, body)


def _in_both(kind: str, run: Any) -> Any:
    """``run(CALL)`` on this kind of client: awaited on a new event loop for the async one."""
    if kind == "sync":
        return run(CALL)
    return asyncio.run(run(CALL))


def _outcome(kind: str, client: Any) -> str:
    try:
        return repr(_in_both(kind, client.run))
    except kit.ActionKitError as error:
        return type(error).__name__
    except BaseException as error:
        return f"raw {type(error).__name__}"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork")
@pytest.mark.parametrize("kind", KINDS)
def test_a_forked_child_starts_with_a_full_retry_budget_and_its_own_lock(
    kind: str, standin: Standin
) -> None:
    """The parent's failures spent the bucket, and the fork happens while the bucket's lock is
    held (as when another thread is retrying): the child still retries its lone 503, and does
    not hang on a lock no thread of its own will release."""
    client = client_for(kind, standin.url, max_retries=2)
    standin.default = Reply(status=503, body={"message": "unavailable"})
    for _ in range(_budget() // 2):  # each retried twice
        assert _outcome(kind, client) == "InternalServerError"
    standin.default = Reply()
    standin.script(Reply(status=503))
    sent = len(standin.received)
    read_end, write_end = os.pipe()
    with client._retry_budget._lock:
        pid = os.fork()
        if pid == 0:  # the child: never returns into pytest
            try:
                os.close(read_end)
                os.write(write_end, _outcome(kind, client).encode())
            finally:
                os._exit(0)
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], 30)
        child = os.read(read_end, 1000).decode() if ready else "hung"
    finally:
        os.close(read_end)
        if child == "hung":
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    assert child == repr({"ok": True})
    assert len(standin.received) == sent + 2  # the 503, then its retry
    # The parent's own bucket is still spent: a fork gives the child a budget, not the parent.
    standin.script(Reply(status=503))
    assert _outcome(kind, client) == "InternalServerError"
    assert len(standin.received) == sent + 3
