"""The front end every command shares: spec paths in, a checked catalogue out.

Reading (the bytes) is apart from the rest so that ``generate`` can tell from the bytes alone
that nothing changed, without parsing anything; only then are the documents parsed, validated
and modelled, and the problems of every stage reported together, each pointing into the file as
it is written (a List Tools answer included).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.catalogue.model import Catalogue
from generator.inputs.documents import Document, parse_sources
from generator.inputs.sources import Source, read_sources, spec_digest
from generator.problems import InputError


@dataclass(frozen=True)
class SpecFiles:
    """The spec files as read, and the digest a package records of them."""

    sources: tuple[Source, ...]
    digest: str


def read_spec(paths: Sequence[str | Path]) -> SpecFiles:
    sources = tuple(read_sources(paths))
    return SpecFiles(sources, spec_digest(sources))


def load_catalogue(paths: Sequence[str | Path]) -> Catalogue:
    """Read, check and model the spec(s); raises ``InputError`` listing every problem."""
    return catalogue_of(read_spec(paths)).catalogue


@dataclass(frozen=True)
class Checked:
    documents: tuple[Document, ...]
    catalogue: Catalogue


def catalogue_of(spec: SpecFiles) -> Checked:
    """Parse, validate and model the files read; raises ``InputError`` listing every problem."""
    from generator.catalogue.build import build_catalogue
    from generator.validation.openapi import validate_documents

    documents = tuple(parse_sources(spec.sources))
    try:
        validate_documents(documents)
        return Checked(documents, build_catalogue(documents))
    except InputError as error:
        by_file = {document.file: document for document in documents}
        raise InputError(
            by_file[problem.file].locate(problem) if problem.file in by_file else problem
            for problem in error.problems
        ) from None
