"""``with_streaming_response`` and ``max_response_bytes``, both clients, against uvicorn serving a
Starlette app and the stand-in: a streamed body is read only as it is consumed, errors and
retries are as for ``run``, and a buffered answer stops at the cap, counted after decompression."""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import inspect
import threading
import zlib
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import anyio
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from support.asgi_servers import serve_uvicorn
from support.standin import Reply, Standin
from tests.client_helpers import KINDS, call_with, chat, client_for, drive, kit

CHUNK = bytes(range(256)) * 256  # 64 KiB
CHUNKS = 64  # 4 MiB in all
MiB = 1024 * 1024


class Download:
    """A Starlette app whose tool answer is a file streamed in chunks: the first at once, the
    rest only once ``release`` is set (or after 10 s, short). Earlier requests can be answered
    with ``statuses`` first."""

    def __init__(self, statuses: tuple[int, ...] = ()) -> None:
        self.release = threading.Event()
        self.statuses = list(statuses)
        self.requests: list[Any] = []
        self.app = Starlette(
            routes=[Route("/projects/{project}/tools", self.tools, methods=["POST"])]
        )

    async def tools(self, request: Request) -> Response:
        self.requests.append(await request.json())
        if self.statuses:
            status = self.statuses.pop(0)
            return JSONResponse({"message": f"status {status}"}, status_code=status)

        async def body() -> Any:
            yield CHUNK
            for _ in range(1000):
                if self.release.is_set():
                    break
                await anyio.sleep(0.01)
            else:
                return
            for _ in range(CHUNKS - 1):
                yield CHUNK

        return StreamingResponse(
            body(),
            media_type="application/pdf",
            headers={"Content-Disposition": 'attachment; filename="../report.pdf"'},
        )


@pytest.fixture
def download() -> Iterator[tuple[Download, str]]:
    served = Download()
    with serve_uvicorn(served.app) as url:
        yield served, url


def _stream(kind: str, url: str, use: Any, start: Any = None, **options: Any) -> Any:
    """``use(response)`` inside ``with client.with_streaming_response.run_tool(...)`` (or
    ``start(client)``'s context), awaiting with the async client."""
    begin = start or (
        lambda c: c.with_streaming_response.run_tool("DRIVE_DOWNLOAD_FILE", {"fileId": "F1"})
    )
    if kind == "sync":
        with client_for(kind, url, **options) as client, begin(client) as response:
            return use(response)

    async def main() -> Any:
        async with client_for(kind, url, **options) as client, begin(client) as response:
            result = use(response)
            return await result if inspect.isawaitable(result) else result

    return asyncio.run(main())


@pytest.mark.parametrize("kind", KINDS)
def test_the_headers_come_before_the_body_is_sent(
    kind: str, download: tuple[Download, str], tmp_path: Path
) -> None:
    """The server holds back all but the first chunk until the test has the headers: a client
    that read the body first would only see a short file."""
    served, url = download
    target = tmp_path / "out.pdf"

    def use(response: Any) -> Any:
        seen = (response.status_code, response.content_type, response.filename)
        served.release.set()
        written = response.write_to_file(target)
        if kind == "sync":
            return seen, written

        async def finish() -> Any:
            return seen, await written

        return finish()

    seen, written = _stream(kind, url, use)
    assert seen == (200, "application/pdf", "report.pdf")
    assert written == CHUNK.__len__() * CHUNKS
    assert hashlib.sha256(target.read_bytes()).digest() == hashlib.sha256(CHUNK * CHUNKS).digest()
    assert served.requests == [{"tool": "DRIVE_DOWNLOAD_FILE", "parameters": {"fileId": "F1"}}]


@pytest.mark.parametrize("kind", KINDS)
def test_the_tool_functions_take_the_streaming_client(
    kind: str, download: tuple[Download, str]
) -> None:
    served, url = download
    served.release.set()

    def use(response: Any) -> Any:
        if kind == "sync":
            return b"".join(response.iter_bytes())

        async def read() -> bytes:
            return b"".join([chunk async for chunk in response.aiter_bytes()])

        return read()

    body = _stream(
        kind,
        url,
        use,
        start=lambda c: drive.drive_download_file(c.with_streaming_response, file_id="F2"),
    )
    assert body == CHUNK * CHUNKS
    assert served.requests[0]["parameters"] == {"fileId": "F2"}


@pytest.mark.parametrize("kind", KINDS)
def test_an_error_status_is_raised_on_entering_and_retries_are_as_for_run(kind: str) -> None:
    served = Download(statuses=(503, 404))
    with serve_uvicorn(served.app) as url, pytest.raises(kit.NotFoundError) as raised:
        _stream(kind, url, lambda response: pytest.fail("the context gave a value"))
    assert raised.value.message == "status 404"
    assert len(served.requests) == 2  # the 503 was retried, as `run` retries it


@pytest.mark.parametrize("kind", KINDS)
def test_a_streamed_json_answer_parses_as_run_would(kind: str, checked: Standin) -> None:
    checked.script(Reply(body={"id": "M1"}, headers={"X-Request-Id": "r-1"}))

    def start(client: Any) -> Any:
        return client.with_streaming_response.run(
            chat.ChatSendMessage(channel="C", message="m"), headers={"X-Trace": "t"}
        )

    def use(response: Any) -> Any:
        assert response.headers["x-request-id"] == "r-1"
        assert response.filename is None
        return response.parse()

    assert _stream(kind, checked.url, use, start=start) == {"id": "M1"}
    assert checked.received[0].headers["x-trace"] == "t"


@pytest.mark.parametrize("kind", KINDS)
def test_with_streaming_response_offers_the_client_calls_with_their_own_signatures(
    kind: str,
) -> None:
    client = client_for(kind, "http://127.0.0.1:9")
    streaming = client.with_streaming_response
    for name in ("run", "run_tool"):
        assert inspect.signature(getattr(streaming, name)) == inspect.signature(
            getattr(client, name)
        )
    assert repr(streaming) == f"{client!r}.with_streaming_response"


# max_response_bytes


@cache
def _gzip_bomb() -> bytes:
    """About 130 KB of gzip that expands to 128 MiB of zeros, past the default cap."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(MiB)
    bomb = b"".join(packer.compress(zeros) for _ in range(128)) + packer.flush()
    assert len(bomb) < MiB
    return bomb


def _bomb_app(requests: list[str]) -> Starlette:
    async def tools(request: Request) -> Response:
        requests.append(request.method)
        return Response(
            _gzip_bomb(), media_type="application/json", headers={"Content-Encoding": "gzip"}
        )

    route = Route("/projects/{project}/tools", tools, methods=["GET", "POST"])
    return Starlette(routes=[route])


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("call", ["run", "run_tool", "dispatch", "list_tools"])
def test_a_gzip_bomb_stops_at_max_response_bytes(kind: str, call: str) -> None:
    requests: list[str] = []
    parameters = {"channel": "C", "message": "m"}

    def send(client: Any) -> Any:
        if call == "list_tools":
            return client.list_tools()
        if call == "run_tool":
            return client.run_tool("CHAT_SEND_MESSAGE", parameters)
        if call == "dispatch":
            return client.dispatch("CHAT_SEND_MESSAGE", parameters)
        return client.run(chat.ChatSendMessage(**parameters))

    with (
        serve_uvicorn(_bomb_app(requests)) as url,
        pytest.raises(kit.ResponseTooLargeError) as raised,
    ):
        call_with(kind, url, send)
    assert isinstance(raised.value, kit.APIResponseValidationError)
    assert raised.value.status_code == 200
    assert str(100 * MiB) in str(raised.value) and "decompressed" in str(raised.value)
    assert len(requests) == 1  # not retried


@pytest.mark.parametrize("kind", KINDS)
def test_max_response_bytes_is_the_largest_answer_taken(kind: str, checked: Standin) -> None:
    answer = b'{"text": "' + b"x" * 990 + b'"}'
    checked.script(
        Reply(raw=answer, headers={"Content-Type": "application/json"}),
        Reply(raw=answer + b" ", headers={"Content-Type": "application/json"}),
    )
    call = chat.ChatSendMessage(channel="C", message="m")
    limit = len(answer)
    assert call_with(kind, checked, lambda c: c.run(call), max_response_bytes=limit) == {
        "text": "x" * 990
    }
    with pytest.raises(kit.ResponseTooLargeError):
        call_with(kind, checked, lambda c: c.run(call), max_response_bytes=limit)


@pytest.mark.parametrize("kind", KINDS)
def test_a_large_error_body_is_cut_and_still_raised(kind: str, checked: Standin) -> None:
    checked.script(Reply(status=400, raw=b"e" * 5000, headers={"Content-Type": "text/plain"}))
    with pytest.raises(kit.BadRequestError) as raised:
        call_with(
            kind,
            checked,
            lambda c: c.run(chat.ChatSendMessage(channel="C", message="m")),
            max_response_bytes=1000,
        )
    assert raised.value.body == "e" * 1000


@pytest.mark.parametrize("kind", KINDS)
def test_a_streamed_answer_is_not_capped_but_its_parse_is(
    kind: str, download: tuple[Download, str]
) -> None:
    served, url = download
    served.release.set()

    def use(response: Any) -> Any:
        if kind == "sync":
            return sum(len(chunk) for chunk in response.iter_bytes())

        async def count() -> int:
            return sum([len(chunk) async for chunk in response.aiter_bytes()])

        return count()

    assert _stream(kind, url, use, max_response_bytes=MiB) == len(CHUNK) * CHUNKS
    with pytest.raises(kit.ResponseTooLargeError):
        _stream(kind, url, lambda response: response.parse(), max_response_bytes=MiB)


def test_bad_max_response_bytes_is_a_clear_error() -> None:
    for bad in (0, -1, 1.5, True, "100"):
        with pytest.raises(ValueError, match="max_response_bytes"):
            kit.ActionKit("p", "t", max_response_bytes=bad)


def test_the_gzip_bomb_is_a_bomb() -> None:
    assert len(gzip.decompress(_gzip_bomb())) == 128 * MiB
