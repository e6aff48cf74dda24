"""Write the synchronous client from the asynchronous one: ``_sync_client.py`` from
``_async_client.py``, by substituting tokens (``async def`` -> ``def``, ``await`` -> nothing,
``AsyncX`` -> ``X``...), then sorting imports and formatting with the pinned ruff.

    python scripts/unasync.py          # rewrite generator/runtime/_sync_client.py
    python scripts/unasync.py --check  # exit 1, with a diff, when the checked-in file is stale
"""

from __future__ import annotations

import argparse
import difflib
import re
import subprocess
import sys
from pathlib import Path

RUNTIME = Path(__file__).resolve().parent.parent / "generator" / "runtime"
SOURCE = RUNTIME / "_async_client.py"
TARGET = RUNTIME / "_sync_client.py"

HEADER = "# Written by scripts/unasync.py from _async_client.py: edit that file, not this one.\n"

# In order; each pattern is a regular expression.
SUBSTITUTIONS: tuple[tuple[str, str], ...] = (
    (
        r"``_sync_client\.py`` is this file made synchronous by ``scripts/unasync\.py``: "
        r"edit this one\.",
        "Written from ``_async_client.py`` by ``scripts/unasync.py``.",
    ),
    (r"import anyio  #.*", "import time"),
    (r"\banyio\.sleep\b", "time.sleep"),
    (r"\bAwaitable\[(\w+)\]", r"\1"),
    (r"\basync def\b", "def"),
    (r"\basync with\b", "with"),
    (r"\basync for\b", "for"),
    (r"\bawait ", ""),
    (r"\b__aenter__\b", "__enter__"),
    (r"\b__aexit__\b", "__exit__"),
    (r"\b__aiter__\b", "__iter__"),
    (r"\b__anext__\b", "__next__"),
    (r"\bStopAsyncIteration\b", "StopIteration"),
    (r"\baclose\b", "close"),
    (r"\baread\b", "read"),
    (r"\baiter_bytes\b", "iter_bytes"),
    (r"\baiter_raw\b", "iter_raw"),
    (r"\bAbstractAsyncContextManager\b", "AbstractContextManager"),
    (r"\bAsync([A-Z]\w*)", r"\1"),  # AsyncActionKit, httpx.AsyncClient, AsyncIterator...
    (r"\basynchronous\b", "synchronous"),
)

_RUFF_SETTINGS = ["--line-length", "100", "--target-version", "py310", "--stdin-filename"]


def unasync(text: str) -> str:
    for pattern, replacement in SUBSTITUTIONS:
        text = re.sub(pattern, replacement, text)
    return HEADER + text


def _ruff(text: str, *command: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *command, *_RUFF_SETTINGS, str(TARGET), "-"],
        input=text,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"ruff {command[0]} failed on the written client:\n{result.stderr}")
    return result.stdout


def sync_client() -> str:
    """What ``_sync_client.py`` must hold: the substituted text with the imports the sync code
    no longer uses removed, sorted and formatted as ``make lint`` wants it."""
    text = unasync(SOURCE.read_text(encoding="utf-8"))
    text = _ruff(text, "check", "--select", "F401,I", "--fix", "--exit-zero", "--quiet")
    return _ruff(text, "format", "--quiet")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when stale")
    args = parser.parse_args(argv)
    expected = sync_client()
    current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
    if args.check:
        if current == expected:
            return 0
        sys.stdout.writelines(
            difflib.unified_diff(
                current.splitlines(keepends=True),
                expected.splitlines(keepends=True),
                f"{TARGET.name} (checked in)",
                f"{TARGET.name} (from {SOURCE.name})",
            )
        )
        print(f"{TARGET} is stale: run `python scripts/unasync.py`", file=sys.stderr)
        return 1
    if current != expected:
        TARGET.write_text(expected, encoding="utf-8")
        print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
