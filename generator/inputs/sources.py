"""Finding the spec files under each PATH and reading their bytes.

Reading is apart from parsing (``documents``), so that generation can tell from the bytes alone
that nothing changed, without parsing anything.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.problems import InputError, SpecProblem

YAML_SUFFIXES = (".yaml", ".yml")
JSON_SUFFIXES = (".json",)
PAGE_SUFFIXES = (".md", ".mdx")
SPEC_SUFFIXES = YAML_SUFFIXES + JSON_SUFFIXES + PAGE_SUFFIXES


@dataclass(frozen=True)
class Source:
    """One input file as read: its path and its bytes."""

    path: Path
    content: bytes


def spec_files(paths: Sequence[str | Path]) -> list[Path]:
    """Every spec file named by ``paths``: files as given, folders as their spec files in sorted order."""
    files: list[Path] = []
    problems: list[SpecProblem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix in SPEC_SUFFIXES)
            if not found:
                problems.append(
                    SpecProblem(
                        str(path), "line 1", "folder holds no .yaml, .yml, .json, .md or .mdx file"
                    )
                )
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(SpecProblem(str(path), "line 1", "no such file or folder"))
    if problems:
        raise InputError(problems)
    return files


def read_sources(paths: Sequence[str | Path]) -> list[Source]:
    """The bytes of every spec file under ``paths``, in order; all problems reported together."""
    sources: list[Source] = []
    problems: list[SpecProblem] = []
    for path in spec_files(paths):
        try:
            sources.append(Source(path, path.read_bytes()))
        except OSError as error:
            problems.append(SpecProblem(str(path), "line 1", f"cannot read: {error.strerror}"))
    if problems:
        raise InputError(problems)
    return sources


def spec_digest(sources: Sequence[Source]) -> str:
    """SHA-256 of the spec: of the file's bytes, or for several files of their ``sha256sum`` lines
    (``<sha256 of the bytes>  <file name>``, one a file, in the order they are read)."""
    if len(sources) == 1:
        return hashlib.sha256(sources[0].content).hexdigest()
    lines = "".join(
        f"{hashlib.sha256(source.content).hexdigest()}  {source.path.name}\n" for source in sources
    )
    return hashlib.sha256(lines.encode()).hexdigest()
