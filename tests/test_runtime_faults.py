"""Faults no well-behaved server makes, from raw sockets, and what real servers do that the
stand-in does not (uvicorn: gzip, chunked answers, keep-alive), through both clients. Nothing
runs twice unless the caller allows it, and no fault's message carries the token."""

from __future__ import annotations

import gzip
import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from support.asgi_servers import serve_uvicorn
from support.raw_server import RawServer, answer, drip, reset_after_body, stall_after_headers
from tests.client_helpers import KINDS, TOKEN, call_with, chat, kit


def send(client: Any) -> Any:
    return chat.chat_send_message(client, channel="C", message="m")


@pytest.mark.parametrize("kind", KINDS)
def test_a_reset_after_the_body_was_read_is_not_sent_again(kind: str) -> None:
    with RawServer(reset_after_body).running() as server:
        with pytest.raises(kit.APIConnectionError) as caught:
            call_with(kind, server.url, send)
        assert len(server.requests) == 1
    assert TOKEN not in str(caught.value)


@pytest.mark.parametrize("kind", KINDS)
def test_a_reset_is_sent_again_when_the_caller_allows_it(kind: str) -> None:
    with RawServer(reset_after_body).running() as server:
        with pytest.raises(kit.APIConnectionError):
            call_with(kind, server.url, send, retry_ambiguous=True, max_retries=2)
        assert len(server.requests) == 3


@pytest.mark.parametrize("kind", KINDS)
def test_a_stall_after_the_headers_is_a_timeout_not_sent_again(kind: str) -> None:
    with RawServer(stall_after_headers).running() as server:
        with pytest.raises(kit.APITimeoutError):
            call_with(kind, server.url, send, timeout=0.3)
        assert len(server.requests) == 1


@pytest.mark.parametrize("kind", KINDS)
def test_a_dripped_answer_arrives_whole(kind: str) -> None:
    body = json.dumps({"dripped": "slowly"}).encode()
    with RawServer(drip(body, 0.005)).running() as server:
        assert call_with(kind, server.url, send) == {"dripped": "slowly"}


@pytest.mark.parametrize("kind", KINDS)
def test_a_garbled_status_line_is_a_connection_error(kind: str) -> None:
    with RawServer(answer(b"HTTP/1.1 2OO OK\r\n\r\n")).running() as server:
        with pytest.raises(kit.APIConnectionError):
            call_with(kind, server.url, send)
        assert len(server.requests) == 1


async def _gzipped(request: Request) -> Response:
    await request.body()
    return JSONResponse({"text": "x" * 5000})


async def _chunked(request: Request) -> Response:
    await request.body()

    async def parts() -> AsyncIterator[bytes]:
        yield b'{"parts": ['
        for index in range(50):
            yield (b"," if index else b"") + str(index).encode()
        yield b"]}"

    return StreamingResponse(parts(), media_type="application/json")


async def _pre_gzipped_file(request: Request) -> Response:
    await request.body()
    return Response(
        gzip.compress(b"%PDF-1.7 " * 100),
        media_type="application/pdf",
        headers={"Content-Encoding": "gzip", "Content-Disposition": 'attachment; filename="a.pdf"'},
    )


async def _port(request: Request) -> Response:
    await request.body()
    assert request.client is not None
    return JSONResponse({"port": request.client.port})


@pytest.fixture(scope="module")
def uvicorn_url() -> Iterator[str]:
    routes = [
        Route("/gzip/projects/{p}/tools", _gzipped, methods=["POST"]),
        Route("/chunked/projects/{p}/tools", _chunked, methods=["POST"]),
        Route("/file/projects/{p}/tools", _pre_gzipped_file, methods=["POST"]),
        Route("/port/projects/{p}/tools", _port, methods=["POST"]),
    ]
    app = Starlette(routes=routes, middleware=[Middleware(GZipMiddleware, minimum_size=100)])
    with serve_uvicorn(app) as url:
        yield url


@pytest.mark.parametrize("kind", KINDS)
def test_uvicorn_gzip_chunked_and_encoded_files_decode(kind: str, uvicorn_url: str) -> None:
    assert call_with(kind, f"{uvicorn_url}/gzip", send) == {"text": "x" * 5000}
    assert call_with(kind, f"{uvicorn_url}/chunked", send) == {"parts": list(range(50))}
    result = call_with(kind, f"{uvicorn_url}/file", send)
    assert isinstance(result, kit.FileResult)
    assert (result.content, result.filename) == (b"%PDF-1.7 " * 100, "a.pdf")


@pytest.mark.parametrize("kind", KINDS)
def test_uvicorn_keeps_the_connection_alive_across_calls(kind: str, uvicorn_url: str) -> None:
    def three(client: Any) -> Any:
        if kind == "sync":
            return [send(client) for _ in range(3)]

        async def main() -> list[Any]:
            return [await send(client) for _ in range(3)]

        return main()

    ports = [answer["port"] for answer in call_with(kind, f"{uvicorn_url}/port", three)]
    assert len(set(ports)) == 1, ports
