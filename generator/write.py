"""Stage 5: put the rendered package on disk, formatted, all at once.

The files are written to a temporary folder beside the target, formatted there by one ruff run,
and swapped in whole: a failure at any point leaves the previous package byte for byte, and files
the new spec no longer produces are gone with the old folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

# Formatting must not depend on the configuration of whatever project the output lands in.
RUFF_FORMAT = [
    "format",
    "--isolated",
    "--line-length",
    "100",
    "--target-version",
    "py310",
    "--quiet",
]


class FormatError(Exception):
    """ruff could not format the rendered code: a generator bug, never a user's input."""


def write_package(files: Mapping[str, str], target: Path) -> None:
    """Replace the folder ``target`` with exactly ``files`` (paths relative to it), formatted."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        staging.chmod(0o777 & ~_umask())  # mkdtemp makes it private; a package folder is not
        _write_tree(files, staging)
        format_tree(staging)
        _swap(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def formatted_files(files: Mapping[str, str]) -> dict[str, bytes]:
    """The bytes ``write_package`` would write, without touching the target."""
    with tempfile.TemporaryDirectory(prefix="actionkit-codegen-") as scratch:
        root = Path(scratch)
        _write_tree(files, root)
        format_tree(root)
        return read_tree(root)


def read_tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by relative POSIX path, skipping bytecode caches."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def format_tree(root: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *RUFF_FORMAT, str(root)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise FormatError(f"ruff could not format the generated code:\n{result.stderr.strip()}")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write_tree(files: Mapping[str, str], root: Path) -> None:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        # newline="" keeps "\n" on every platform, so the bytes do not depend on the machine.
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)


def _swap(staging: Path, target: Path) -> None:
    """Move ``staging`` to ``target``; the old ``target`` is moved aside first, then deleted."""
    if not target.exists():
        os.replace(staging, target)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    os.replace(target, retired / target.name)
    try:
        os.replace(staging, target)
    except OSError:
        os.replace(retired / target.name, target)
        raise
    finally:
        shutil.rmtree(retired, ignore_errors=True)
