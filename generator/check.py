"""``generate --check`` and ``generate --diff``: what differs between a package on disk and what
the spec generates, file by file, with a short unified diff and the tool changes it amounts to."""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.pipeline import Generation, generate, trees
from generator.write import read_tree

if TYPE_CHECKING:
    from generator.diff import Report

# A unified diff longer than this, per file, is cut: enough to see what changed.
DIFF_LINES = 40


@dataclass(frozen=True)
class TreeChange:
    """A package before and after (or as it is and as it should be), file by file."""

    target: Path
    before: Mapping[str, bytes]
    after: Mapping[str, bytes]

    @property
    def files(self) -> list[str]:
        """Files changed, added or removed, sorted."""
        return sorted(
            path
            for path in self.before.keys() | self.after.keys()
            if self.before.get(path) != self.after.get(path)
        )

    def tool_changes(self) -> Report:
        """The changes to the tools themselves, read from each tree's ``tools/*.json``."""
        from generator import diff

        return diff.compare(diff.tree_tools(self.before), diff.tree_tools(self.after))

    def unified_diff(self, path: str, max_lines: int = DIFF_LINES) -> list[str]:
        """A unified diff of one file (``a/`` the old, ``b/`` the new), cut at ``max_lines``."""
        old, new = self.before.get(path), self.after.get(path)
        lines = list(
            difflib.unified_diff(
                _lines(old),
                _lines(new),
                fromfile=f"a/{path}" if old is not None else "/dev/null",
                tofile=f"b/{path}" if new is not None else "/dev/null",
                lineterm="",
            )
        )
        if len(lines) > max_lines:
            cut = len(lines) - max_lines
            lines = [*lines[:max_lines], f"... {cut} more line{'s' if cut != 1 else ''}"]
        return lines


def check(specs: Sequence[str | Path], out: Path, package: str) -> TreeChange:
    """The package on disk (``before``) and what the spec(s) generate (``after``); writes nothing."""
    actual, expected = trees(specs, out, package)
    return TreeChange(out / package, actual, expected)


@dataclass(frozen=True)
class Generated:
    generation: Generation
    change: TreeChange
    replaced: bool  # there was a package before


def regenerate(specs: Sequence[str | Path], out: Path, package: str) -> Generated:
    """``generate``, remembering the package it replaced."""
    target = out / package
    replaced = target.is_dir()
    before = read_tree(target) if replaced else {}
    generation = generate(specs, out, package)
    after = before if generation.up_to_date else read_tree(target)
    return Generated(generation, TreeChange(target, before, after), replaced)


def _lines(content: bytes | None) -> list[str]:
    if content is None:
        return []
    try:
        return content.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        return ["<binary file>"]
