"""Put a package on disk, touching only what changes.

The package is built in a hidden folder beside the target first (``StagedPackage``). Then a new package is moved in whole,
and an existing one gets only the files whose bytes differ, each replaced atomically
(``os.replace`` from the same filesystem), and loses the files no longer produced; the provenance
module (``_metadata.py``) goes last, so a run cut short leaves a package that does not claim to be
current. Nothing is written before the whole new tree is ready: bad input or a formatter failure
leaves the previous package byte for byte.
"""

from __future__ import annotations

import glob
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.output.files import relative_files
from generator.output.metadata import MODULE as PROVENANCE_MODULE


@dataclass(frozen=True)
class Written:
    """What writing changed in the package: paths relative to it."""

    written: tuple[str, ...]
    removed: tuple[str, ...]


class StagedPackage:
    """A package being built in a hidden folder beside ``target``, put in place by ``commit``.

    Leaving the ``with`` block deletes what was not committed: bad input or a formatter failure
    leaves the previous package byte for byte.
    """

    def __init__(self, target: Path) -> None:
        self.target = target
        target.parent.mkdir(parents=True, exist_ok=True)
        self.root = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
        self.root.chmod(0o777 & ~_umask())  # mkdtemp makes it private; a package folder is not

    def __enter__(self) -> StagedPackage:
        return self

    def __exit__(self, *_: object) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def commit(self) -> Written:
        """Make ``target`` hold exactly what the staging folder holds."""
        if self.target.is_dir() and not self.target.is_symlink():
            return _update(self.root, self.target)
        written = tuple(sorted(relative_files(self.root)))
        _swap(self.root, self.target)
        return Written(written=written, removed=())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _update(staging: Path, target: Path) -> Written:
    """Bring ``target`` to the content of ``staging``, moving in only the files that differ."""
    new = set(relative_files(staging))
    old = set(relative_files(target))
    written = [
        path
        for path in sorted(new - {PROVENANCE_MODULE})
        if _move_if_changed(staging, target, path)
    ]
    removed = _remove(target, sorted(old - new))
    # Last: until it is in, the package does not claim to be current.
    if PROVENANCE_MODULE in new and _move_if_changed(staging, target, PROVENANCE_MODULE):
        written.append(PROVENANCE_MODULE)
    return Written(written=tuple(written), removed=removed)


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
