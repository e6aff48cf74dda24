"""Shared by the tests/test_client_*.py files: one way to drive either client over real HTTP.

``call_with("sync" | "async", standin, fn)`` opens a client on the stand-in, runs ``fn(client)``
(awaiting its result with the async client) and closes the client, so that one test body checks
both clients. Retries wait a millisecond, not half a second.
"""

from __future__ import annotations

import asyncio
import inspect
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from support import client_kit
from support.leak_guard import register_secret
from support.standin import Standin, schemas_of

TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2VjcmV0LXNpZ25hdHVyZQ"
register_secret(TOKEN)
PROJECT = "project-42"
KINDS = ("sync", "async")
FAST_RETRIES = {"initial_retry_delay": 0.001, "max_retry_delay": 0.002}

kit = client_kit.load()
chat = client_kit.tools_module("chat")
crm = client_kit.tools_module("crm")
drive = client_kit.tools_module("drive")


def client_for(kind: str, url: str, **options: Any) -> Any:
    """A client of this kind on ``url`` with the test token and fast retries."""
    cls = kit.ActionKit if kind == "sync" else kit.AsyncActionKit
    return cls(PROJECT, TOKEN, base_url=url, **{**FAST_RETRIES, **options})


def call_with(kind: str, standin: Standin | str, fn: Callable[[Any], Any], **options: Any) -> Any:
    """``fn(client)`` on a fresh client of this kind; its awaitable awaited for the async one."""
    url = standin if isinstance(standin, str) else standin.url
    if kind == "sync":
        with client_for(kind, url, **options) as client:
            return fn(client)

    async def main() -> Any:
        async with client_for(kind, url, **options) as client:
            result = fn(client)
            return await result if inspect.isawaitable(result) else result

    return asyncio.run(main())


def collect(pages: Any) -> Any:
    """Every page of a ``PageIterator`` (a list), or of an ``AsyncPageIterator`` (an awaitable)."""
    if hasattr(pages, "__aiter__"):

        async def gather() -> list[Any]:
            return [page async for page in pages]

        return gather()
    return list(pages)


def closed_port_url() -> str:
    """A URL on 127.0.0.1 where nothing listens: the connection fails before anything is sent."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@contextmanager
def checked_standin() -> Iterator[Standin]:
    """A stand-in that checks every request against the kit's tool schemas; on leaving, fails
    when any request was malformed (the ``checked`` fixture of tests/conftest.py)."""
    with Standin(schemas=schemas_of(kit.tools.TOOLS)).running() as server:
        yield server
        assert server.violations == []
