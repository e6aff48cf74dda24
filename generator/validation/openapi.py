"""Check each document against the OpenAPI 3.0 document model.

The model is the one openapi-python-client ships (its ``schema`` package). Its errors come back as
``FILE: /json/pointer: message`` problems, one per location.

Importing that model costs about half a second and validating a thousand tools with it a quarter
more, so a document first goes through ``speedups.openapi_precheck``, which answers "valid" only
where the model surely agrees; only a document it is not sure of meets the model, which then says
what is wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from generator.inputs.documents import Document
from generator.problems import InputError, SpecProblem
from generator.runtime._pointers import json_pointer
from generator.speedups.openapi_precheck import certainly_valid

if TYPE_CHECKING:
    from pydantic import ValidationError


def validate_documents(documents: Sequence[Document]) -> None:
    """Raise one ``InputError`` listing every problem in every document."""
    problems: list[SpecProblem] = []
    for document in documents:
        problems.extend(document_problems(document))
    if problems:
        raise InputError(problems)


def document_problems(document: Document) -> list[SpecProblem]:
    version = document.data.get("openapi")
    if not isinstance(version, str) or not version.startswith("3.0."):
        found = "no 'openapi' field" if version is None else f"openapi: {version!r}"
        return [
            SpecProblem(document.file, "/openapi", f"not an OpenAPI 3.0 document ({found})"),
        ]
    if certainly_valid(document.data):
        return []
    return model_problems(document)


def model_problems(document: Document) -> list[SpecProblem]:
    """What openapi-python-client's document model says is wrong with ``document``."""
    # Imported here: most runs never need it (see the module's docstring).
    from openapi_python_client.schema import OpenAPI
    from pydantic import ValidationError

    try:
        OpenAPI.model_validate(document.data)
    except ValidationError as error:
        return _problems_from(document, error)
    return []


def _problems_from(document: Document, error: ValidationError) -> list[SpecProblem]:
    problems: dict[str, SpecProblem] = {}
    for detail in error.errors():
        # Real ActionKit specs hold `enum: []` (an option list not loaded for this user), which the
        # document model refuses; it is valid JSON Schema, and the generator types it as `str`.
        if detail["type"] == "too_short" and detail["loc"][-1:] == ("enum",):
            continue
        path = _document_path(document.data, detail["loc"])
        if detail["type"] == "missing":
            path.append(detail["loc"][-1])
        pointer = json_pointer(path)
        # A union reports one error per alternative at the same place: the first says enough.
        problems.setdefault(pointer, SpecProblem(document.file, pointer, detail["msg"]))
    return list(problems.values())


def _document_path(data: Any, loc: tuple[int | str, ...]) -> list[str | int]:
    """The part of a pydantic error location that names real keys of the document.

    Pydantic adds the tags of tagged unions and the names of union members to its locations; they
    are not in the document, so they are dropped by following the document itself.
    """
    path: list[str | int] = []
    node = data
    for part in loc:
        in_mapping = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_mapping or in_list:
            node = node[part]
            path.append(part)
    return path
