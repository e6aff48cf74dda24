"""Write the synchronous client from the asynchronous one: each ``generator/runtime/_sync_*.py``
from its ``_async_*.py``, by substituting tokens (``async def`` -> ``def``, ``await`` -> nothing,
``AsyncX`` -> ``X``...), then sorting imports and formatting with the pinned ruff.

    python scripts/unasync.py          # rewrite the _sync_*.py files
    python scripts/unasync.py --check  # exit 1, with a diff, when a checked-in file is stale
"""

from __future__ import annotations

import argparse
import difflib
import re
import subprocess
import sys
from pathlib import Path

RUNTIME = Path(__file__).resolve().parent.parent / "generator" / "runtime"
MODULES = ("client", "streaming")
"""``_async_<name>.py`` is the source of ``_sync_<name>.py``."""

# In order; each pattern is a regular expression.
SUBSTITUTIONS: tuple[tuple[str, str], ...] = (
    (
        r"``_sync_(\w+)\.py`` is this file made synchronous by ``scripts/unasync\.py``: "
        r"edit this one\.",
        r"Written from ``_async_\1.py`` by ``scripts/unasync.py``.",
    ),
    (r"from \._async_(\w+) import", r"from ._sync_\1 import"),
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


def unasync(text: str, source: str) -> str:
    for pattern, replacement in SUBSTITUTIONS:
        text = re.sub(pattern, replacement, text)
    return f"# Written by scripts/unasync.py from {source}: edit that file, not this one.\n{text}"


def _ruff(text: str, target: Path, *command: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *command, *_RUFF_SETTINGS, str(target), "-"],
        input=text,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"ruff {command[0]} failed on the written client:\n{result.stderr}")
    return result.stdout


def synchronous(source: Path, target: Path) -> str:
    """What ``target`` must hold: ``source`` substituted, the imports the sync code no longer
    uses removed, sorted and formatted as ``make lint`` wants it."""
    text = unasync(source.read_text(encoding="utf-8"), source.name)
    text = _ruff(text, target, "check", "--select", "F401,I", "--fix", "--exit-zero", "--quiet")
    return _ruff(text, target, "format", "--quiet")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when stale")
    args = parser.parse_args(argv)
    stale = 0
    for name in MODULES:
        source, target = RUNTIME / f"_async_{name}.py", RUNTIME / f"_sync_{name}.py"
        expected = synchronous(source, target)
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current == expected:
            continue
        if not args.check:
            target.write_text(expected, encoding="utf-8")
            print(f"wrote {target}")
            continue
        stale += 1
        sys.stdout.writelines(
            difflib.unified_diff(
                current.splitlines(keepends=True),
                expected.splitlines(keepends=True),
                f"{target.name} (checked in)",
                f"{target.name} (from {source.name})",
            )
        )
        print(f"{target} is stale: run `python scripts/unasync.py`", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
