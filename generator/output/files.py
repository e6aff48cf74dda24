"""A package's files on disk, as a mapping of relative POSIX path to content."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

# A package's files by relative POSIX path.
Tree = dict[str, bytes]


def read_tree(root: Path) -> Tree:
    """Every file under ``root`` by relative POSIX path, sorted, skipping bytecode caches."""
    return {path: (root / path).read_bytes() for path in sorted(relative_files(root))}


def relative_files(root: Path) -> list[str]:
    """Relative POSIX paths of the files under ``root``, skipping bytecode caches."""
    found: list[str] = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = [name for name in dirs if name != "__pycache__"]
        relative = Path(folder).relative_to(root)
        found.extend((relative / name).as_posix() for name in names)
    return found


def write_text_tree(files: Mapping[str, str], root: Path) -> None:
    """Write text files under ``root``, with ``\\n`` line endings on every platform."""
    _write(root, ((relative, text.encode("utf-8")) for relative, text in files.items()))


def write_tree(files: Mapping[str, bytes], root: Path) -> None:
    _write(root, files.items())


def _write(root: Path, items: Iterable[tuple[str, bytes]]) -> None:
    folders: set[Path] = set()
    for relative, content in items:
        path = root / relative
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        path.write_bytes(content)
