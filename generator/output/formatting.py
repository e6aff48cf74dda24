"""The package's files as the formatter leaves them: ruff sorts the imports and ``__all__`` the
templates wrote, then formats the whole package, in the folder it is being built in.

The settings are given in full (``--isolated``): formatting must not depend on the configuration
of whatever project the output lands in, nor leave a cache behind in the current folder.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from functools import cache
from pathlib import Path

_SETTINGS = ["--isolated", "--no-cache", "--line-length", "100", "--target-version", "py310"]
# isort's order (I001) and `__all__` sorted the same way (RUF022).
SORT = ["check", *_SETTINGS, "--select", "I,RUF022", "--fix", "--exit-zero", "--quiet"]
FORMAT = ["format", *_SETTINGS, "--quiet"]


class FormatError(Exception):
    """ruff could not format the rendered code: a generator bug, never a user's input."""


def format_folder(root: Path, rendered: Iterable[str]) -> None:
    """Sort and format, in place, the files and folders under ``root`` that templates wrote
    (``rendered``, relative to it). The runtime is copied as it is: it is kept formatted with the
    same settings in the generator (``make lint``), and the golden test checks the copies."""
    paths = [root / name for name in sorted(set(rendered))]
    if paths:
        _ruff(SORT, *paths)
        _ruff(FORMAT, *paths)


def _ruff(command: list[str], *paths: Path) -> None:
    result = subprocess.run(
        [ruff_binary(), *command, *map(str, paths)], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise FormatError(f"ruff could not format the generated code:\n{result.stderr.strip()}")


@cache
def ruff_binary() -> str:
    """The pinned ruff's executable: run directly, as `python -m ruff` starts an interpreter first."""
    from ruff import find_ruff_bin  # type: ignore[import-untyped]

    return str(find_ruff_bin())


@cache
def ruff_version() -> str:
    result = subprocess.run(
        [ruff_binary(), "--version"], capture_output=True, text=True, check=True
    )
    return result.stdout.strip()
