"""Stage 5: put the rendered package on disk, formatted, touching only what changes.

The files are written to a temporary folder beside the target and formatted there by one run of
ruff over the whole tree. Then a new package is moved in whole, and an existing one gets only the
files whose bytes differ, each replaced atomically (``os.replace`` from the same filesystem), and
loses the files no longer produced; ``_metadata.py`` goes last, so a run cut short leaves a package
that does not claim to be current. Nothing is written before the whole new tree is ready: bad input
or a formatter failure leaves the previous package byte for byte.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# Formatting must not depend on the configuration of whatever project the output lands in, nor
# leave a cache behind in the current folder.
RUFF_FORMAT = [
    "format",
    "--isolated",
    "--no-cache",
    "--line-length",
    "100",
    "--target-version",
    "py310",
    "--quiet",
]

# The file written last into an existing package (see the module's docstring).
LAST = "_metadata.py"

Seal = Callable[[Path], None]
"""Called on the formatted tree before it is put in place, to finish it (``_metadata.py``)."""


class FormatError(Exception):
    """ruff could not format the rendered code: a generator bug, never a user's input."""


@dataclass(frozen=True)
class Changes:
    """What writing changed in the package: paths relative to it."""

    written: tuple[str, ...]
    removed: tuple[str, ...]


def write_package(files: Mapping[str, str], target: Path, *, seal: Seal | None = None) -> Changes:
    """Make the folder ``target`` hold exactly ``files`` (paths relative to it), formatted."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        staging.chmod(0o777 & ~_umask())  # mkdtemp makes it private; a package folder is not
        _write_tree(files, staging)
        format_tree(staging)
        if seal is not None:
            seal(staging)
        if target.is_dir() and not target.is_symlink():
            return _update(staging, target)
        written = tuple(sorted(_relative_files(staging)))
        _swap(staging, target)
        return Changes(written=written, removed=())
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def formatted_files(files: Mapping[str, str], *, seal: Seal | None = None) -> dict[str, bytes]:
    """The bytes ``write_package`` would write, without touching the target."""
    with tempfile.TemporaryDirectory(prefix="actionkit-codegen-") as scratch:
        root = Path(scratch)
        _write_tree(files, root)
        format_tree(root)
        if seal is not None:
            seal(root)
        return read_tree(root)


def read_tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by relative POSIX path, sorted, skipping bytecode caches."""
    return {path: (root / path).read_bytes() for path in sorted(_relative_files(root))}


def format_tree(root: Path) -> None:
    result = subprocess.run(
        [ruff_binary(), *RUFF_FORMAT, str(root)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise FormatError(f"ruff could not format the generated code:\n{result.stderr.strip()}")


@cache
def ruff_binary() -> str:
    """The pinned ruff's executable: run directly, as `python -m ruff` starts an interpreter first."""
    from ruff import find_ruff_bin  # type: ignore[import-untyped]

    return str(find_ruff_bin())


def _relative_files(root: Path) -> list[str]:
    """Relative POSIX paths of the files under ``root``, skipping bytecode caches."""
    found: list[str] = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = [name for name in dirs if name != "__pycache__"]
        relative = Path(folder).relative_to(root)
        found.extend((relative / name).as_posix() for name in names)
    return found


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write_tree(files: Mapping[str, str], root: Path) -> None:
    folders: set[Path] = set()
    for relative, text in files.items():
        path = root / relative
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        # newline="" keeps "\n" on every platform, so the bytes do not depend on the machine.
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)


def _update(staging: Path, target: Path) -> Changes:
    """Bring ``target`` to the content of ``staging``, moving in only the files that differ."""
    new = set(_relative_files(staging))
    old = set(_relative_files(target))
    written = [path for path in sorted(new - {LAST}) if _move_if_changed(staging, target, path)]
    removed = _remove(target, sorted(old - new))
    # Last: until it is in, the package does not claim to be current.
    if LAST in new and _move_if_changed(staging, target, LAST):
        written.append(LAST)
    return Changes(written=tuple(written), removed=removed)


def _move_if_changed(staging: Path, target: Path, relative: str) -> bool:
    source, destination = staging / relative, target / relative
    if _same_bytes(source, destination):
        return False
    _make_room(target, destination)
    os.replace(source, destination)
    return True


def _same_bytes(one: Path, other: Path) -> bool:
    try:
        if other.is_symlink() or one.stat().st_size != other.stat().st_size:
            return False
        return one.read_bytes() == other.read_bytes()
    except OSError:
        return False


def _make_room(root: Path, destination: Path) -> None:
    """Clear the way for a file at ``destination``: folders above it, no folder in its place."""
    for parent in reversed(destination.relative_to(root).parents):
        folder = root / parent
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            folder.unlink()
        folder.mkdir(exist_ok=True)
    if destination.is_dir() and not destination.is_symlink():
        shutil.rmtree(destination)


def _remove(root: Path, stale: list[str]) -> tuple[str, ...]:
    """Delete the files no longer produced (with their bytecode), then folders left empty."""
    folders: set[Path] = set()
    for relative in stale:
        path = root / relative
        path.unlink(missing_ok=True)
        for cached in path.parent.glob(f"__pycache__/{glob.escape(path.stem)}.*.pyc"):
            cached.unlink(missing_ok=True)
        folders.update(parent for parent in path.relative_to(root).parents if parent.parts)
    for folder in sorted(folders, key=lambda path: len(path.parts), reverse=True):
        entries = [entry.name for entry in (root / folder).iterdir()]
        if not [name for name in entries if name != "__pycache__"]:
            shutil.rmtree(root / folder)
    return tuple(stale)


def _swap(staging: Path, target: Path) -> None:
    """Move ``staging`` to ``target``; an old ``target`` is moved aside first, then deleted."""
    if not target.exists() and not target.is_symlink():
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
