"""The package's files as the formatter leaves them: ruff sorts the imports and ``__all__`` the
templates wrote, then formats, in a scratch folder; the bytes come back, nothing else is touched.

The settings are given in full (``--isolated``): formatting must not depend on the configuration
of whatever project the output lands in, nor leave a cache behind in the current folder.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from generator.output.files import read_tree, write_text_tree

_SETTINGS = ["--isolated", "--no-cache", "--line-length", "100", "--target-version", "py310"]
# isort's order (I001) and `__all__` sorted the same way (RUF022).
SORT = ["check", *_SETTINGS, "--select", "I,RUF022", "--fix", "--exit-zero", "--quiet"]
FORMAT = ["format", *_SETTINGS, "--quiet"]


class FormatError(Exception):
    """ruff could not format the rendered code: a generator bug, never a user's input."""


def formatted(files: Mapping[str, str]) -> dict[str, bytes]:
    """``files`` (text by relative path) as formatted bytes."""
    with tempfile.TemporaryDirectory(prefix="actionkit-codegen-") as scratch:
        root = Path(scratch)
        write_text_tree(files, root)
        for command in (SORT, FORMAT):
            _ruff(command, root)
        return read_tree(root)


def _ruff(command: list[str], root: Path) -> None:
    result = subprocess.run(
        [ruff_binary(), *command, str(root)], capture_output=True, text=True, check=False
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
