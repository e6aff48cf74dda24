"""The generated client's cost: per call over a bare httpx POST, and to build a 100-field call.

`make bench BENCH=client`. The server is a minimal HTTP/1.1 keep-alive responder on 127.0.0.1 in
its own process, so that it does not share the benchmark's interpreter lock; the bare httpx POST
sends the same body, already encoded, with the same headers, and decodes the same JSON answer.
Batches of the two alternate, and each figure is the median over the rounds, to keep machine
noise out of the difference.
"""

from __future__ import annotations

import asyncio
import gc
import importlib
import json
import multiprocessing
import os
import platform
import statistics
import sys
import time
import timeit
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
ANSWER = b'{"id":"INV-0042","status":"updated","lines":[{"n":1},{"n":2}]}'
RESPONSE = (
    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
    + f"Content-Length: {len(ANSWER)}\r\n\r\n".encode()
    + ANSWER
)
ROUNDS = 11
CALLS = 100
CONCURRENT = 20


def _serve(port_pipe: Any) -> None:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line[:15].lower() == b"content-length:":
                        length = int(line[15:])
                if length:
                    await reader.readexactly(length)
                writer.write(RESPONSE)
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def main() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=1024)
        port_pipe.send(server.sockets[0].getsockname()[1])
        async with server:
            await server.serve_forever()

    asyncio.run(main())


def _median_per_call(samples: list[float]) -> float:
    return statistics.median(samples) / CALLS * 1e6


def _batch(fn: Callable[[], Any]) -> float:
    gc.collect()
    start = time.perf_counter()
    for _ in range(CALLS):
        fn()
    return time.perf_counter() - start


async def _abatch(fn: Callable[[], Awaitable[Any]]) -> float:
    gc.collect()
    start = time.perf_counter()
    for _ in range(CALLS):
        await fn()
    return time.perf_counter() - start


async def _agather(fn: Callable[[], Awaitable[Any]]) -> float:
    gc.collect()
    start = time.perf_counter()
    for _ in range(CALLS // CONCURRENT):
        await asyncio.gather(*[fn() for _ in range(CONCURRENT)])
    return time.perf_counter() - start


async def _interleaved(batches: list[Callable[[], Awaitable[float]]]) -> list[float]:
    """Each batch once to warm up, then ``ROUNDS`` rounds of all of them in alternating order:
    the median time per call of each."""
    times: list[list[float]] = [[] for _ in batches]
    for batch in batches:
        await batch()
    for index in range(ROUNDS):
        order = list(enumerate(batches))
        for position, batch in order if index % 2 == 0 else reversed(order):
            times[position].append(await batch())
    return [_median_per_call(samples) for samples in times]


def _synchronously(batch: Callable[[], float]) -> Callable[[], Awaitable[float]]:
    async def run() -> float:
        return batch()

    return run


def _row(name: str, bare: float, client: float) -> str:
    overhead = client - bare
    return (
        f"  {name:<34} {bare:9.1f} us {client:9.1f} us {overhead:+9.1f} us "
        f"{overhead / bare * 100:+7.1f}%"
    )


def _mock_answer(request: httpx.Request) -> httpx.Response:
    request.read()
    return httpx.Response(200, content=ANSWER, headers={"Content-Type": "application/json"})


def main() -> None:
    sys.path.insert(0, str(ROOT / "generated"))
    sys.path.insert(0, str(ROOT))
    from actionkit_client import ActionKit, AsyncActionKit
    from actionkit_client.tools.dynamicsfinance import Dynamics365FinanceUpdateInvoice

    from support import client_kit

    token = "eyJhbGciOiJIUzI1NiJ9.bench-user.signature"
    call = Dynamics365FinanceUpdateInvoice(
        invoice_identifier="INV-0042",
        customer_account="US-001",
        currency_code="USD",
        due_date="2025-01-31",
        is_one_time_customer="No",
    )
    body = json.dumps({"tool": call.TOOL, "parameters": call.to_parameters()}).encode()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    def sync_pair(http: httpx.Client, url: str) -> list[Callable[[], Awaitable[float]]]:
        client = ActionKit("bench", token, base_url=url, http_client=http)
        endpoint = client.tools_url

        def bare_post() -> Any:
            response = http.post(endpoint, content=body, headers=headers)
            response.raise_for_status()
            return response.json()

        return [
            _synchronously(lambda: _batch(bare_post)),
            _synchronously(lambda: _batch(lambda: client.run(call))),
        ]

    def async_pairs(http: httpx.AsyncClient, url: str) -> list[Callable[[], Awaitable[float]]]:
        client = AsyncActionKit("bench", token, base_url=url, http_client=http)
        endpoint = client.tools_url

        async def bare_post() -> Any:
            response = await http.post(endpoint, content=body, headers=headers)
            response.raise_for_status()
            return response.json()

        def run() -> Awaitable[Any]:
            return client.run(call)

        return [
            lambda: _abatch(bare_post),
            lambda: _abatch(run),
            lambda: _agather(bare_post),
            lambda: _agather(run),
        ]

    context: Any = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    receive, send = context.Pipe(duplex=False)
    server = context.Process(target=_serve, args=(send,), daemon=True)
    server.start()
    url = f"http://127.0.0.1:{receive.recv()}"

    async def measure() -> list[float]:
        transport = httpx.MockTransport(_mock_answer)
        async with (
            httpx.AsyncClient() as loopback_async,
            httpx.AsyncClient(transport=transport) as mock_async,
        ):
            with httpx.Client() as loopback_sync, httpx.Client(transport=transport) as mock_sync:
                return await _interleaved(
                    sync_pair(loopback_sync, url)
                    + async_pairs(loopback_async, url)
                    + sync_pair(mock_sync, "http://mock")
                    + async_pairs(mock_async, "http://mock")[:2]
                )

    try:
        figures = asyncio.run(measure())
    finally:
        server.kill()
        server.join()

    print(f"client overhead per call over bare httpx ({CALLS} calls x {ROUNDS} rounds, medians)")
    print(f"  {'':<34} {'bare httpx':>12} {'client':>12} {'overhead':>12}")
    names = [
        "sync, loopback",
        "async, loopback, one at a time",
        f"async, loopback, {CONCURRENT} at a time",
        "sync, no socket (MockTransport)",
        "async, no socket (MockTransport)",
    ]
    for index, name in enumerate(names):
        print(_row(name, figures[2 * index], figures[2 * index + 1]))
    print("  (goal: within +10% of bare httpx end to end on loopback)")
    print()

    client_kit.load()
    crm = client_kit.tools_module("crm")
    wide = crm.CrmCreateRecordWide
    wire = client_kit.wide_parameters()
    fields = {param.name: wire[param.wire_name] for param in wide._PARAMS}
    built = wide.from_parameters(wire)
    number = 5000

    def per_call(fn: Callable[[], Any]) -> float:
        return min(timeit.repeat(fn, number=number, repeat=5)) / number * 1e6

    def encode() -> bytes:
        call = wide.from_parameters(wire)
        return json.dumps({"tool": call.TOOL, "parameters": call.to_parameters()}).encode()

    print(f"building the {len(wire)}-field call (best of 5 x {number})")
    rows = [
        ("construct (keyword arguments)", lambda: wide(**fields)),
        ("from_parameters (validates)", lambda: wide.from_parameters(wire)),
        ("to_parameters", built.to_parameters),
        ("from_ + to_parameters", lambda: wide.from_parameters(wire).to_parameters()),
        ("... + JSON body", encode),
        ("reference: json.dumps(parameters)", lambda: json.dumps(wire)),
    ]
    constrained = client_kit.load(constrained=True)
    wide_constrained = importlib.import_module(
        f"{constrained.__name__}.tools.crm"
    ).CrmCreateRecordWide
    rows.append(
        ("from_parameters, every field bounded", lambda: wide_constrained.from_parameters(wire))
    )
    for name, fn in rows:
        print(f"  {name:<34} {per_call(fn):8.1f} us")
    print("  (goal: build and validate under 50 us; constraints where the schema has them)")
    print()
    cpu = platform.processor() or "unknown CPU"
    if Path("/proc/cpuinfo").exists():
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    print(
        f"machine: {os.cpu_count()} CPUs, {cpu}; Python {platform.python_version()}; "
        f"httpx {httpx.__version__}"
    )


if __name__ == "__main__":
    main()
