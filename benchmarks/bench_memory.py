"""Large answers and failing APIs: what the client holds in memory and how many requests it sends.

`make bench BENCH=memory`. Figures, not pass/fail:

- peak memory above the process's baseline (``ru_maxrss``, measured in a fresh interpreter per
  figure, after imports and a first small call) for a 200 MB download through
  ``with_streaming_response`` and ``write_to_file``, and for a 50 MB JSON answer through ``run``;
- requests per call when 200 concurrent calls meet an API that answers 503 to everything
  (``max_retries=2``: 3.0 without the retry budget).

The answers come from a minimal HTTP/1.1 server in its own process on 127.0.0.1. The per-call
overhead over bare httpx is `make bench BENCH=client`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MB = 1000 * 1000
DOWNLOAD_BYTES = 200 * MB
JSON_BYTES = 50 * MB
STORM_CALLS = 200


def _json_answer() -> bytes:
    item = "x" * 990
    count = JSON_BYTES // (len(item) + 3)
    return json.dumps({"items": [item] * count}, separators=(",", ":")).encode()


def _serve(port_pipe: Any) -> None:
    """``/small`` answers ``{}``; a request whose path holds ``download`` gets 200 MB of file,
    ``json`` a 50 MB JSON answer, ``fail`` a 503."""
    answers = {"json": _json_answer()}
    block = bytes(range(256)) * 4096  # 1 MiB

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
                path = head.split(b" ", 2)[1]
                if b"download" in path:
                    writer.write(
                        b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                        + f"Content-Length: {DOWNLOAD_BYTES}\r\n\r\n".encode()
                    )
                    left = DOWNLOAD_BYTES
                    while left:
                        piece = block[: min(left, len(block))]
                        writer.write(piece)
                        left -= len(piece)
                        await writer.drain()
                    continue
                if b"json" in path:
                    body, status = answers["json"], b"200 OK"
                elif b"fail" in path:
                    body, status = b'{"message":"unavailable"}', b"503 Service Unavailable"
                else:
                    body, status = b"{}", b"200 OK"
                writer.write(
                    b"HTTP/1.1 "
                    + status
                    + b"\r\nContent-Type: application/json\r\n"
                    + f"Content-Length: {len(body)}\r\n\r\n".encode()
                    + body
                )
                await writer.drain()
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


def _answer_size(answer: Any) -> int:
    """About how many bytes of JSON the decoded answer came from."""
    return sum(len(item) + 3 for item in answer["items"])


def _child(what: str, kind: str, url: str) -> None:
    """In a fresh interpreter: one figure, printed as JSON on stdout."""
    import resource

    sys.path.insert(0, str(ROOT / "generated"))
    from actionkit_client import ActionKit, AsyncActionKit
    from actionkit_client.tools.dynamicsfinance import Dynamics365FinanceUpdateInvoice

    call = Dynamics365FinanceUpdateInvoice(invoice_identifier="INV-1")

    def peak() -> int:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux

    def client(project: str) -> Any:
        cls = ActionKit if kind == "sync" else AsyncActionKit
        return cls(project, "bench-token", base_url=url)

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "download.bin"
        if kind == "sync":
            with client("small") as small:
                small.run(call)
            baseline = peak()
            with client(what) as big:
                if what == "download":
                    with big.with_streaming_response.run(call) as response:
                        size = response.write_to_file(target)
                else:
                    size = _answer_size(big.run(call))
        else:

            async def main() -> int:
                async with client("small") as small:
                    await small.run(call)
                nonlocal baseline
                baseline = peak()
                async with client(what) as big:
                    if what == "download":
                        async with big.with_streaming_response.run(call) as response:
                            return await response.write_to_file(target)
                    return _answer_size(await big.run(call))

            baseline = 0
            size = asyncio.run(main())
        print(json.dumps({"above_baseline": peak() - baseline, "size": size}))


def _measure(what: str, kind: str, url: str) -> dict[str, int]:
    result = subprocess.run(
        [sys.executable, __file__, "--child", what, kind, url],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    figures: dict[str, int] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def _storm(kind: str) -> tuple[float, float]:
    """Requests per call and seconds for ``STORM_CALLS`` concurrent calls against a 503 API."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "generated"))
    from actionkit_client import ActionKit, APIStatusError, AsyncActionKit
    from actionkit_client.tools.dynamicsfinance import Dynamics365FinanceUpdateInvoice

    from support.standin import Reply, Standin

    call = Dynamics365FinanceUpdateInvoice(invoice_identifier="INV-1")
    standin = Standin()
    standin.default = Reply(status=503, body={"message": "unavailable"})
    fast: dict[str, Any] = {"initial_retry_delay": 0.01, "max_retry_delay": 0.05, "max_retries": 2}
    start = time.perf_counter()
    with standin.running():
        if kind == "sync":
            from concurrent.futures import ThreadPoolExecutor

            with ActionKit("storm", "bench-token", base_url=standin.url, **fast) as client:

                def one(_: int) -> None:
                    with contextlib.suppress(APIStatusError):
                        client.run(call)

                with ThreadPoolExecutor(max_workers=50) as pool:
                    list(pool.map(one, range(STORM_CALLS)))
        else:

            async def main() -> None:
                async with AsyncActionKit(
                    "storm", "bench-token", base_url=standin.url, **fast
                ) as client:
                    await asyncio.gather(
                        *[client.run(call) for _ in range(STORM_CALLS)], return_exceptions=True
                    )

            asyncio.run(main())
    return len(standin.received) / STORM_CALLS, time.perf_counter() - start


def main() -> None:
    context: Any = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    receive, send = context.Pipe(duplex=False)
    server = context.Process(target=_serve, args=(send,), daemon=True)
    server.start()
    url = f"http://127.0.0.1:{receive.recv()}"
    try:
        print("peak memory above the baseline (a fresh interpreter per figure)")
        for what, label, goal in (
            ("download", "200 MB download, write_to_file", "goal: under 20 MB"),
            ("json", "50 MB JSON answer, run", "the decoded answer itself ~55 MB"),
        ):
            for kind in ("sync", "async"):
                figures = _measure(what, kind, url)
                print(
                    f"  {label + ', ' + kind:<40} {figures['above_baseline'] / MB:8.1f} MB"
                    f"   ({figures['size'] / MB:.0f} MB read; {goal})"
                )
    finally:
        server.kill()
        server.join()
    print()
    print(f"a 503 storm: {STORM_CALLS} concurrent calls, max_retries=2, the API always 503")
    for kind in ("sync", "async"):
        per_call, seconds = _storm(kind)
        print(
            f"  {kind:<6} {per_call:5.2f} requests per call  ({seconds:.1f} s; goal: at most 1.5)"
        )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        _child(*sys.argv[2:5])
    else:
        main()
