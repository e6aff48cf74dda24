"""The stages in order: load, validate, parse, render, then write or compare.

Generation first reads the spec's bytes and the package's ``_metadata.py`` (``generator.metadata``):
when neither the spec nor the generator changed and the package holds what it records, there is
nothing to do, and no later stage (nor Jinja, PyYAML or pydantic) is even imported. Otherwise the
whole package is rendered and formatted, and only the files whose bytes change are written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator import list_tools, metadata, parallel
from generator.errors import InputError
from generator.load import Document, Source, parse_sources, read_sources
from generator.model import Catalogue
from generator.write import formatted_files, read_tree, write_package

# A package's files by path within it.
Tree = dict[str, bytes]

# From this size on, a spec is validated beside parsing and rendering rather than before.
PARALLEL_VALIDATION_BYTES = 256 * 1024


@dataclass(frozen=True)
class Generation:
    """What ``generate`` did."""

    target: Path
    # None when the package was already up to date: then nothing was parsed.
    catalogue: Catalogue | None
    written: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    @property
    def up_to_date(self) -> bool:
        return self.catalogue is None


def build_catalogue(specs: Sequence[str | Path]) -> Catalogue:
    """Read, check and model the spec(s); raises ``InputError`` listing every problem."""
    return _catalogue(read_sources(specs))


def generate(specs: Sequence[str | Path], out: Path, package: str) -> Generation:
    """Write the client package ``out/package`` for the spec(s), rewriting only what changes."""
    sources = read_sources(specs)
    key = metadata.key(sources)
    target = out / package
    if _current(target, key):
        return Generation(target, None)
    catalogue, files = _build(sources, key)
    changes = write_package(files, target, seal=_seal)
    return Generation(target, catalogue, changes.written, changes.removed)


def trees(specs: Sequence[str | Path], out: Path, package: str) -> tuple[Tree, Tree]:
    """The package ``out/package`` as it is, and as the spec(s) generate it (the same object
    when it is up to date: then nothing was parsed). Writes nothing."""
    sources = read_sources(specs)
    key = metadata.key(sources)
    target = out / package
    actual = read_tree(target) if target.is_dir() else {}
    if metadata.up_to_date(actual, key):
        return actual, actual
    return actual, formatted_files(_build(sources, key)[1], seal=_seal)


def stale_files(specs: Sequence[str | Path], out: Path, package: str) -> list[str]:
    """The files of ``out/package`` that differ from what generation would write: changed,
    missing or no longer produced. Empty when the package is up to date."""
    actual, expected = trees(specs, out, package)
    return sorted(
        path for path in expected.keys() | actual.keys() if expected.get(path) != actual.get(path)
    )


def _current(target: Path, key: metadata.Key) -> bool:
    if not (target / metadata.MODULE).is_file():
        return False
    return metadata.up_to_date(read_tree(target), key)


def _catalogue(sources: Sequence[Source]) -> Catalogue:
    from generator.parse import parse_documents
    from generator.validate import validate_documents

    documents = parse_sources(sources)
    try:
        validate_documents(documents)
        return parse_documents(documents)
    except InputError as error:
        raise list_tools.locate(error, documents) from None


def _build(sources: Sequence[Source], key: metadata.Key) -> tuple[Catalogue, dict[str, str]]:
    """The catalogue and the package's files, or ``InputError`` with every problem.

    A large spec is validated in a second process while this one parses and renders it: the
    problems validation finds are what is reported, whatever parsing or rendering an invalid
    document did meanwhile, and nothing is written before validation has passed.
    """
    documents = parse_sources(sources)
    try:
        return _checked_build(documents, sources, key)
    except InputError as error:
        # Problems in a List Tools answer point into the answer, not the OpenAPI form of it.
        raise list_tools.locate(error, documents) from None


def _checked_build(
    documents: list[Document], sources: Sequence[Source], key: metadata.Key
) -> tuple[Catalogue, dict[str, str]]:
    from generator.parse import parse_documents
    from generator.validate import document_problems, validate_documents

    if sum(len(source.content) for source in sources) < PARALLEL_VALIDATION_BYTES:
        validate_documents(documents)
        catalogue = parse_documents(documents)
        return catalogue, _render(catalogue, key)

    validation = parallel.start(
        lambda: [problem for document in documents for problem in document_problems(document)]
    )
    try:
        catalogue = parse_documents(documents)
        files = _render(catalogue, key)
    except Exception:
        if problems := validation.result():
            raise InputError(problems) from None
        raise
    if problems := validation.result():
        raise InputError(problems)
    return catalogue, files


def _render(catalogue: Catalogue, key: metadata.Key) -> dict[str, str]:
    from generator.render import render_package

    files = render_package(catalogue)
    files[metadata.MODULE] = metadata.render(key, catalogue.title, catalogue.version)
    return files


def _seal(root: Path) -> None:
    """Fill in ``_metadata.py``'s PACKAGE_SHA256 once the files are formatted."""
    module = root / metadata.MODULE
    module.write_bytes(metadata.seal(read_tree(root)))
