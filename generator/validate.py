"""Stage 2: check each document against the OpenAPI 3.0 document model.

The model is the one openapi-python-client ships (its ``schema`` package). Its errors come back as
``FILE: /json/pointer: message`` problems, one per location.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openapi_python_client.schema import OpenAPI
from pydantic import ValidationError

from generator.errors import InputError, Problem, json_pointer
from generator.load import Document


def validate_documents(documents: Sequence[Document]) -> None:
    """Raise one ``InputError`` listing every problem in every document."""
    problems: list[Problem] = []
    for document in documents:
        problems.extend(document_problems(document))
    if problems:
        raise InputError(problems)


def document_problems(document: Document) -> list[Problem]:
    version = document.data.get("openapi")
    if not isinstance(version, str) or not version.startswith("3.0."):
        found = "no 'openapi' field" if version is None else f"openapi: {version!r}"
        return [
            Problem(document.file, "/openapi", f"not an OpenAPI 3.0 document ({found})"),
        ]
    try:
        OpenAPI.model_validate(document.data)
    except ValidationError as error:
        return _problems_from(document, error)
    return []


def _problems_from(document: Document, error: ValidationError) -> list[Problem]:
    problems: dict[str, Problem] = {}
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
        problems.setdefault(pointer, Problem(document.file, pointer, detail["msg"]))
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
