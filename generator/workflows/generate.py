"""``actionkit-codegen generate`` (and ``--check``, ``--diff``): the package the spec generates,
written, or compared with the one on disk.

When the spec's bytes are what the package records, its files are intact and this very generator
made it (``output.stamps``), there is nothing to do, and no later stage (nor Jinja, PyYAML or
pydantic) is even imported. Otherwise the package is rendered and formatted in full, and only the
files whose bytes change are written.
"""

from __future__ import annotations

import difflib
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.catalogue.model import Catalogue
from generator.output import distribution as distribution_files
from generator.output import metadata, stamps
from generator.output.files import Tree, read_tree, write_text_tree
from generator.output.write import StagedPackage
from generator.runtime._diff import DiffReport
from generator.workflows.front import SpecFiles, catalogue_of, read_spec

# A unified diff longer than this, per file, is cut: enough to see what changed.
DIFF_LINES = 40


@dataclass(frozen=True)
class PackageComparison:
    """A package before and after (or as it is and as the spec generates it), file by file."""

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

    def tool_changes(self) -> DiffReport:
        """The changes to the tools themselves, read from each tree's tool schemas."""
        from generator.workflows import diff

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


@dataclass(frozen=True)
class Generated:
    """What ``generate`` did."""

    target: Path
    up_to_date: bool
    """Nothing was written, nor parsed: the package was already what the spec generates."""
    catalogue: Catalogue | None
    """The tools generated; None when the package was up to date."""
    written: tuple[str, ...]
    removed: tuple[str, ...]
    previous: PackageComparison | None
    """The package replaced and the new one; None when there was none before."""
    distribution_written: bool = False
    """``out/pyproject.toml`` was written (or rewritten)."""


def generate(
    specs: Sequence[str | Path],
    out: Path,
    package: str,
    *,
    distribution: str | None = None,
    overlays: Sequence[str | Path] = (),
    skip_invalid_tools: bool = False,
) -> Generated:
    """Write the client package ``out/package`` for the spec(s), rewriting only what changes;
    with ``distribution``, also ``out/pyproject.toml`` for a distribution of that name."""
    project = _distribution_file(out, package, distribution)
    spec = read_spec(specs, overlays, skip_invalid_tools=skip_invalid_tools)
    target = out / package
    before = read_tree(target) if target.is_dir() else None
    if before is not None and _is_current(before, spec):
        written = project is not None and distribution_files.write(out, project)
        return Generated(target, True, None, (), (), None, written)
    catalogue, files = render_files(spec)
    with StagedPackage(target) as staged:
        expected = assemble(files, staged.root)
        changes = staged.commit()
    stamps.stamp(spec.digest, metadata.package_digest(expected))
    return Generated(
        target,
        False,
        catalogue,
        changes.written,
        changes.removed,
        PackageComparison(target, before, expected) if before is not None else None,
        project is not None and distribution_files.write(out, project),
    )


def distribution_stale(out: Path, package: str, distribution: str | None) -> bool:
    """``out/pyproject.toml`` is not what ``generate`` writes for ``distribution``."""
    project = _distribution_file(out, package, distribution)
    return project is not None and not distribution_files.is_current(out, project)


def _distribution_file(out: Path, package: str, distribution: str | None) -> bytes | None:
    if not distribution:
        return None
    distribution_files.check_writable(out)
    return distribution_files.render(distribution, package)


def check(
    specs: Sequence[str | Path],
    out: Path,
    package: str,
    *,
    overlays: Sequence[str | Path] = (),
    skip_invalid_tools: bool = False,
) -> PackageComparison:
    """The package on disk (``before``) and what the spec(s) generate (``after``); writes nothing
    to the package."""
    spec = read_spec(specs, overlays, skip_invalid_tools=skip_invalid_tools)
    target = out / package
    actual = read_tree(target) if target.is_dir() else {}
    if _is_current(actual, spec):
        return PackageComparison(target, actual, actual)
    _, files = render_files(spec)
    with tempfile.TemporaryDirectory(prefix="actionkit-codegen-") as scratch:
        expected = assemble(files, Path(scratch))
    if expected == actual:
        stamps.stamp(spec.digest, metadata.package_digest(expected))
    return PackageComparison(target, actual, expected)


def render_files(spec: SpecFiles) -> tuple[Catalogue, dict[str, str]]:
    """The catalogue of the spec(s) and its package's files as rendered, in memory; nothing is
    written before this has succeeded. ``InputError`` lists every problem."""
    from generator.emit.render import render_package

    catalogue = catalogue_of(spec).catalogue
    files = render_package(catalogue)
    files[metadata.MODULE] = metadata.render(
        spec.digest,
        catalogue.title,
        catalogue.version,
        tuple(
            (name, f"{Path(problem.file).name}: {problem.location}: {problem.message}")
            for name, problem in catalogue.skipped
        ),
    )
    return catalogue, files


def assemble(files: Mapping[str, str], root: Path) -> Tree:
    """Write rendered ``files`` into the empty folder ``root``, format them and fill in their
    digest; returns the finished files."""
    from generator.emit.render import runtime_files
    from generator.output.formatting import format_folder

    write_text_tree(files, root)
    copied = runtime_files().keys()
    format_folder(root, {path.split("/", 1)[0] for path in files if path not in copied})
    tree = read_tree(root)
    tree[metadata.MODULE] = metadata.with_digest(tree)
    (root / metadata.MODULE).write_bytes(tree[metadata.MODULE])
    return tree


def _is_current(files: Mapping[str, bytes], spec: SpecFiles) -> bool:
    recorded = metadata.provenance(files)
    return (
        not spec.skip_invalid_tools
        and not recorded.skipped_tools
        and recorded.intact
        and recorded.spec_sha256 == spec.digest
        and recorded.package_sha256 is not None
        and stamps.is_stamped(spec.digest, recorded.package_sha256)
    )


def _lines(content: bytes | None) -> list[str]:
    if content is None:
        return []
    try:
        return content.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        return ["<binary file>"]
