"""The stages in order: load, validate, parse, render, then write or compare."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from generator import list_tools
from generator.errors import InputError
from generator.load import load_documents
from generator.model import Catalogue
from generator.parse import parse_documents
from generator.render import render_package
from generator.validate import validate_documents
from generator.write import formatted_files, read_tree, write_package


def build_catalogue(specs: Sequence[str | Path]) -> Catalogue:
    """Read, check and model the spec(s); raises ``InputError`` listing every problem."""
    documents = load_documents(specs)
    try:
        validate_documents(documents)
        return parse_documents(documents)
    except InputError as error:
        # Problems in a List Tools answer point into the answer, not the OpenAPI form of it.
        raise list_tools.locate(error, documents) from None


def generate(specs: Sequence[str | Path], out: Path, package: str) -> Catalogue:
    """Write the client package ``out/package`` for the spec(s)."""
    catalogue = build_catalogue(specs)
    write_package(render_package(catalogue), out / package)
    return catalogue


def stale_files(specs: Sequence[str | Path], out: Path, package: str) -> list[str]:
    """The files of ``out/package`` that differ from what generation would write: changed,
    missing or no longer produced. Empty when the package is up to date."""
    expected = formatted_files(render_package(build_catalogue(specs)))
    target = out / package
    actual = read_tree(target) if target.is_dir() else {}
    return sorted(
        path for path in expected.keys() | actual.keys() if expected.get(path) != actual.get(path)
    )
