"""The fast validity check never disagrees with openapi-python-client's document model.

``certainly_valid`` may say "not sure" about a valid document (the model then decides), but when it
says "valid" the model must find no problem. Checked on the golden inputs, a synthetic catalogue and
thousands of broken variants of them.
"""

from __future__ import annotations

import copy
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.inputs.documents import Document, load_documents
from generator.speedups.openapi_precheck import certainly_valid
from generator.validation.openapi import document_problems, model_problems
from support.catalogue import build

ROOT = Path(__file__).resolve().parent.parent
GOLDEN_INPUTS = sorted((ROOT / "tests" / "golden").glob("*/input"))


def _bases() -> list[Any]:
    documents = [
        d.data for spec in [ROOT / "specs", *GOLDEN_INPUTS] for d in load_documents([spec])
    ]
    return [*documents, build(12, seed=7)]


BASES = _bases()

VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    7,
    1.5,
    0.0,
    math.nan,
    "",
    "x",
    "string",
    "object",
    "query",
    "3.0.0",
    "3.0",
    "3.0.1.2",
    "3.1.0",
    b"bytes",
    [],
    ["a"],
    [1],
    ["string", "null"],
    [{}],
    [{"$ref": "#/components/schemas/X"}],
    {},
    {"$ref": "#/components/schemas/X"},
    {"$ref": 1},
    {"$ref": "#/a", "ref": "#/b"},
    {"type": "string"},
    {"type": "strin"},
    {"description": "d"},
    {"url": "https://example.com"},
    {"name": "n", "in": "query"},
    {"200": {"description": "ok"}},
    {1: "int key"},
]


# A small document with one node of each kind the fast check knows, by where it is.
SAMPLE: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "t", "version": "1", "contact": {"name": "n"}, "license": {"name": "MIT"}},
    "servers": [{"url": "https://example.com", "variables": {"v": {"default": "a"}}}],
    "tags": [{"name": "t", "externalDocs": {"url": "https://example.com"}}],
    "externalDocs": {"url": "https://example.com"},
    "security": [{"BearerAuth": []}],
    "paths": {
        "/p": {
            "summary": "s",
            "parameters": [{"name": "p", "in": "path", "required": True}],
            "post": {
                "parameters": [{"name": "q", "in": "query", "schema": {"type": "string"}}],
                "requestBody": {
                    "content": {
                        "application/json": {
                            "schema": {"type": "object", "properties": {"a": {"type": "string"}}}
                        }
                    }
                },
                "responses": {"200": {"description": "ok", "content": {"text/plain": {}}}},
            },
        }
    },
    "components": {
        "schemas": {"X": {"type": "object"}},
        "securitySchemes": {"BearerAuth": {"type": "http", "scheme": "bearer"}},
    },
}
_OPERATION = ["paths", "/p", "post"]
_MEDIA = [*_OPERATION, "requestBody", "content", "application/json"]
# Where each kind of node is in SAMPLE, and the class of the model that checks it.
WHERE: dict[str, tuple[list[Any], str]] = {
    "openapi": ([], "OpenAPI"),
    "info": (["info"], "Info"),
    "contact": (["info", "contact"], "Contact"),
    "license": (["info", "license"], "License"),
    "server": (["servers", 0], "Server"),
    "server variable": (["servers", 0, "variables", "v"], "ServerVariable"),
    "tag": (["tags", 0], "Tag"),
    "external docs": (["externalDocs"], "ExternalDocumentation"),
    "path item": (["paths", "/p"], "PathItem"),
    "path parameter": (["paths", "/p", "parameters", 0], "Parameter"),
    "operation": (_OPERATION, "Operation"),
    "parameter": ([*_OPERATION, "parameters", 0], "Parameter"),
    "request body": ([*_OPERATION, "requestBody"], "RequestBody"),
    "media type": (_MEDIA, "MediaType"),
    "schema": ([*_MEDIA, "schema"], "Schema"),
    "property": ([*_MEDIA, "schema", "properties", "a"], "Schema"),
    "response": ([*_OPERATION, "responses", "200"], "Response"),
    "components": (["components"], "Components"),
    "component schema": (["components", "schemas", "X"], "Schema"),
    "security scheme": (["components", "securitySchemes", "BearerAuth"], "SecurityScheme"),
}


def _model_keys(class_name: str) -> list[str]:
    """Every field name and alias of the model's class: what the model itself checks."""
    from openapi_python_client.schema import openapi_schema_pydantic

    fields = getattr(openapi_schema_pydantic, class_name).model_fields
    return sorted({*fields, *(field.alias for field in fields.values() if field.alias)})


def _node(document: Any, path: list[Any]) -> Any:
    for part in path:
        document = document[part]
    return document


# Every field name and alias of every model, and keys no model knows.
KEYS: list[Any] = [
    *sorted({key for _, class_name in WHERE.values() for key in _model_keys(class_name)}),
    *("$ref", "x-extension", "unknown", 200, None),
]


_DELETE = object()


def _children(node: Any) -> list[Any]:
    if isinstance(node, dict):
        return list(node)
    if isinstance(node, list):
        return list(range(len(node)))
    return []


@st.composite
def broken_documents(draw: st.DrawFn) -> dict[str, Any]:
    document: dict[str, Any] = copy.deepcopy(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(1, 3))):
        # Walk down to some node, then change it.
        node: Any = document
        while True:
            children = _children(node)
            if not children or draw(st.integers(0, 5)) == 0:
                break
            child = node[draw(st.sampled_from(children))]
            if not isinstance(child, (dict, list)):
                break
            node = child
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        children = _children(node)
        if action == "add" and isinstance(node, dict):
            node[draw(st.sampled_from(KEYS))] = copy.deepcopy(draw(st.sampled_from(VALUES)))
        elif action == "delete" and children:
            del node[draw(st.sampled_from(children))]
        elif children:
            node[draw(st.sampled_from(children))] = copy.deepcopy(draw(st.sampled_from(VALUES)))
    return document


def test_the_sample_takes_the_fast_path() -> None:
    assert certainly_valid(SAMPLE)
    assert model_problems(Document("spec.yaml", SAMPLE)) == []


@pytest.mark.parametrize("where", sorted(WHERE))
def test_every_field_with_every_value_agrees_with_the_model(where: str) -> None:
    path, class_name = WHERE[where]
    disagreements = []
    keys = [*_model_keys(class_name), "$ref", "ref", "x-extension", 200]
    changes: list[tuple[Any, Any]] = [(key, value) for key in keys for value in VALUES]
    changes += [
        (key, _DELETE) for key in _node(SAMPLE, path) if isinstance(_node(SAMPLE, path), dict)
    ]
    for key, value in changes:
        document = copy.deepcopy(SAMPLE)
        node = _node(document, path)
        if value is _DELETE:
            del node[key]
        else:
            node[key] = copy.deepcopy(value)
        if certainly_valid(document) and model_problems(Document("s.yaml", document)):
            disagreements.append((key, value))
    assert not disagreements


@pytest.mark.parametrize("index", range(len(BASES)))
def test_real_documents_take_the_fast_path(index: int) -> None:
    assert certainly_valid(BASES[index])
    assert model_problems(Document("spec.yaml", BASES[index])) == []


@settings(
    max_examples=500,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(broken_documents())
def test_fast_check_never_accepts_what_the_model_rejects(document: dict[str, Any]) -> None:
    if certainly_valid(document):
        assert model_problems(Document("spec.yaml", document)) == []


def test_a_broken_document_still_gets_the_models_messages() -> None:
    document = copy.deepcopy(BASES[0])
    document["info"]["version"] = 1
    problems = document_problems(Document("spec.yaml", document))
    assert [str(problem) for problem in problems] == [
        "spec.yaml: /info/version: Input should be a valid string"
    ]
