"""The front end every command shares: spec paths in, a checked catalogue out.

Reading (the bytes) is apart from the rest so that ``generate`` can tell from the bytes alone
that nothing changed, without parsing anything; only then are the documents parsed, validated
and modelled, and the problems of every stage reported together, each pointing into the file as
it is written (a List Tools answer included).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from generator.catalogue.model import Catalogue
from generator.inputs.documents import Document, parse_sources
from generator.inputs.sources import Source, read_sources, spec_digest
from generator.problems import InputError, SpecProblem


@dataclass(frozen=True)
class SpecFiles:
    """The spec files as read, and the digest a package records of them."""

    sources: tuple[Source, ...]
    digest: str
    overlays: tuple[Source, ...] = ()
    """Files whose tools replace the spec's same-named ones and add others (``--overlay``)."""
    skip_invalid_tools: bool = False
    """Leave out a tool whose definition is bad instead of failing (``--skip-invalid-tools``)."""


def read_spec(
    paths: Sequence[str | Path],
    overlays: Sequence[str | Path] = (),
    *,
    skip_invalid_tools: bool = False,
) -> SpecFiles:
    spec = _read_spec(paths, overlays)
    return replace(spec, skip_invalid_tools=skip_invalid_tools) if skip_invalid_tools else spec


def _read_spec(paths: Sequence[str | Path], overlays: Sequence[str | Path]) -> SpecFiles:
    sources = tuple(read_sources(paths))
    overlay_sources = tuple(read_sources(overlays)) if overlays else ()
    if not overlay_sources:
        return SpecFiles(sources, spec_digest(sources))
    # An overlay's file is named apart in the digest: the same files as spec and as overlay
    # do not generate the same package.
    marked = [Source(Path("overlay", s.path.name), s.content) for s in overlay_sources]
    return SpecFiles(sources, spec_digest([*sources, *marked]), overlay_sources)


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

    problems: list[SpecProblem] = []
    documents: tuple[Document, ...] = ()
    overlays: tuple[Document, ...] = ()
    for sources, kind in ((spec.sources, "spec"), (spec.overlays, "overlay")):
        try:
            parsed = tuple(parse_sources(sources))
        except InputError as error:
            problems.extend(error.problems)
            continue
        if kind == "spec":
            documents = parsed
        else:
            overlays = parsed
    if problems:
        raise InputError(problems)
    by_file = {document.file: document for document in (*documents, *overlays)}

    def locate(problem: SpecProblem) -> SpecProblem:
        return by_file[problem.file].locate(problem) if problem.file in by_file else problem

    try:
        validate_documents((*documents, *overlays))
        catalogue = build_catalogue(
            documents, overlays, skip_invalid_tools=spec.skip_invalid_tools, locate=locate
        )
        return Checked((*documents, *overlays), catalogue)
    except InputError as error:
        raise InputError(locate(problem) for problem in error.problems) from None
