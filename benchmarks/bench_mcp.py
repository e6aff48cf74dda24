"""The MCP server at the catalogue's scale: start to ``initialize``, and ``tools/list``, at 1,000
tools.

    make bench BENCH=mcp

Generates the synthetic 1,000-tool catalogue (``support.catalogue``, seed 1), then, for each
round, starts ``python -m actionkit_client.mcp`` over stdio with the mcp SDK's ``ClientSession``
and times: from spawning the process to the answer to ``initialize``; the first full
``tools/list`` (every page of 100, following the cursors: the tool modules load here); a second
one (what a client that lists again waits). Also the listing's size as JSON on the wire, and the
same start in ``--search`` mode. Each figure is the median of the rounds.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import anyio

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 5
SEED = 1


async def _round(package_root: Path, *arguments: str) -> dict[str, Any]:
    import mcp.types as types
    from mcp import ClientSession, StdioServerParameters
    from mcp.client.stdio import stdio_client

    env = {
        **os.environ,
        "PYTHONPATH": str(package_root),
        "PARAGON_PROJECT_ID": "bench",
        "PARAGON_USER_TOKEN": "bench-token",
    }
    parameters = StdioServerParameters(
        command=sys.executable, args=["-m", "actionkit_client.mcp", *arguments], env=env
    )
    started = time.perf_counter()
    async with stdio_client(parameters) as (read, write), ClientSession(read, write) as session:
        await session.initialize()
        initialized = time.perf_counter() - started
        lists = []
        first_page = 0.0
        size = count = 0
        for _ in range(2):
            began = time.perf_counter()
            cursor = None
            pages: list[types.ListToolsResult] = []
            while True:
                page = await session.list_tools(params=types.PaginatedRequestParams(cursor=cursor))
                if not first_page:
                    first_page = time.perf_counter() - began
                pages.append(page)
                cursor = page.next_cursor
                if cursor is None:
                    break
            lists.append(time.perf_counter() - began)
            # Measured after the clock stops: the listing's size is not the server's time.
            listed = [
                t.model_dump(by_alias=True, exclude_none=True) for p in pages for t in p.tools
            ]
            size = sum(
                len(json.dumps(listed[i : i + 100]).encode()) for i in range(0, len(listed), 100)
            )
            count = len(listed)
    return {
        "initialize": initialized,
        "page": first_page,
        "first": lists[0],
        "again": lists[1],
        "size": size,
        "n": count,
    }


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-mcp-") as scratch:
        work = Path(scratch)
        spec = work / "catalogue-1000.json"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "support.catalogue",
                "--tools",
                "1000",
                "--seed",
                str(SEED),
                str(spec),
            ],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [
                sys.executable,
                "-m",
                "generator",
                "generate",
                "--spec",
                str(spec),
                "--out",
                str(work / "out"),
            ],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        rounds = [anyio.run(_round, work / "out") for _ in range(ROUNDS)]
        search = [anyio.run(_round, work / "out", "--search") for _ in range(ROUNDS)]

    def median(key: str, of: list[dict[str, Any]] = rounds) -> float:
        return statistics.median(r[key] for r in of)

    print(f"MCP server over stdio, {rounds[0]['n']} tools, median of {ROUNDS} rounds")
    print(f"  start to initialize          {median('initialize'):6.3f} s   (goal < 1.5 s)")
    print(f"  tools/list, first page of 100 {median('page'):5.3f} s")
    print(f"  tools/list, first (10 pages) {median('first'):6.3f} s   (goal < 0.3 s)")
    print(f"  tools/list, again            {median('again'):6.3f} s")
    print(f"  listing size                 {rounds[0]['size'] / 1024:8.0f} KiB of JSON")
    print(f"  --search: start to initialize {median('initialize', search):5.3f} s")
    print(f"  --search: tools/list          {median('first', search):5.3f} s")


if __name__ == "__main__":
    main()
