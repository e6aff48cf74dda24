"""Random, valid ActionKit-shaped OpenAPI documents: what the fuzz test feeds the generator.

Each document is a mapping as ``json.load`` would give it, plus how to write it (JSON or YAML). The
strategy leans on what broke generators before: tool, component and property names that meet
Python's keywords, builtins and the names a generated module uses itself; digits inside words;
names in every convention; descriptions with quotes, trailing spaces, newlines and lone
surrogates; enums repeated across tools, empty, or mixing ``1`` and ``true``; ``oneOf`` options
alike; ``example`` and ``default`` values holding a ``$ref`` key or a date; recursive components
whose names hold ``/`` and ``~``.
"""

from __future__ import annotations

import json
import string
from dataclasses import dataclass
from typing import Any

import yaml
from hypothesis import strategies as st

# Words that meet something: keywords, builtins, runtime names, digits inside words.
HOSTILE_WORDS = [
    "NONE",
    "TRUE",
    "FALSE",
    "TOOL_CALL",
    "PARAM",
    "FROZEN_DATACLASS",
    "STR",
    "ANNOTATIONS",
    "CLASS",
    "OBJECT",
    "RESULT",
    "OAUTH2",
    "ACME3D",
    "V2",
    "V10",
    "BASE64",
    "S3",
    "LIST",
    "TYPE",
]
_UPPER = st.sampled_from(HOSTILE_WORDS) | st.text(string.ascii_uppercase, min_size=1, max_size=6)
TOOL_NAMES = st.lists(
    _UPPER | st.text(string.digits, min_size=1, max_size=3), min_size=1, max_size=4
).map("_".join)

PROPERTY_NAMES = st.sampled_from(
    [
        "hs_v2_date_entered",
        "line1",
        "OAuth2Token",
        "base64Data",
        "S3Bucket",
        "l",
        "L",
        "from",
        "class",
        "str",
        "int",
        "annotations",
        "Level__c",
        "Level_c",
        "field-email",
        "filter.value",
        "a_record",
        "Account",
        "Item2",
        "Item10",
        "InvoiceIdentifier",
        "purchaseInvoiceId",
        "URL",
        "url",
        "client",
        "extra_parameters",
        "self",
        "_p",
        "_typing",
        "TOOL",
        "2FA_code",
        "None",
        "True",
        "é",
    ]
) | st.text(string.ascii_letters + string.digits + "_-. ", min_size=1, max_size=12)

COMPONENT_NAMES = st.sampled_from(
    ["None", "True", "Object", "Result", "ClassVar", "Param", "a/b", "x~y", "Item2", "Item10"]
) | st.text(string.ascii_letters + string.digits, min_size=1, max_size=8)

INTEGRATIONS = st.sampled_from(["acme", "tool_definitions", "search", "class", "TOOLS", "str"])

_TEXT = st.text(
    st.characters(blacklist_categories=["Cs"]) | st.sampled_from(['"', "\\", "\n", " ", "'"]),
    max_size=30,
)
DESCRIPTIONS = (
    _TEXT
    | st.sampled_from(
        [
            "trailing space \nsecond line  \n",
            'Ends the docstring"""',
            'Invoice Date : Accepts ISO 8601 (example: "2022-01-01")',
            "  \n  ",
        ]
    )
    | _TEXT.map(lambda text: text + "\ud800")  # a lone surrogate: JSON allows it
)

_ENUM_VALUES: list[list[Any]] = [
    ["Yes", "No"],
    ["Mr.", "Phone Inquiry", "Fixed Asset"],
    [],
    [1, True],
    [True, 1, "1"],
    ["a", "b", "a"],
    ["Europe/Paris", "America/New_York", "UTC"],
]
ENUMS = st.sampled_from(_ENUM_VALUES)
STRING_ENUMS = st.sampled_from(
    [values for values in _ENUM_VALUES if all(isinstance(value, str) for value in values)]
)

# Values that only look like something: a `$ref` key inside an example, a date.
ODD_VALUES = st.sampled_from(
    [{"$ref": "#/components/schemas/Nowhere"}, "2022-01-01", {"a": {"$ref": "x"}}, 0, "", None]
)


def _scalar_schema() -> st.SearchStrategy[dict[str, Any]]:
    return st.one_of(
        st.just({"type": "string"}),
        st.sampled_from(["date", "date-time", "email"]).map(
            lambda fmt: {"type": "string", "format": fmt}
        ),
        st.just({"type": "integer"}),
        st.just({"type": "number"}),
        st.just({"type": "boolean"}),
        ENUMS.map(lambda values: {"enum": values}),
        STRING_ENUMS.map(lambda values: {"type": "string", "enum": values}),
        st.just({"type": "object"}),
        st.just({}),
    )


def _with_extras(schema: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[dict[str, Any]]:
    extras = st.fixed_dictionaries(
        {},
        optional={
            "description": DESCRIPTIONS,
            "nullable": st.booleans(),
            "example": ODD_VALUES,
            "default": ODD_VALUES,
        },
    )
    return st.tuples(schema, extras).map(lambda pair: {**pair[0], **pair[1]})


def _object(inner: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(PROPERTY_NAMES, inner, min_size=1, max_size=5).flatmap(
        lambda properties: st.lists(st.sampled_from(sorted(properties)), unique=True).map(
            lambda required: {
                "type": "object",
                "properties": properties,
                "required": required,
                "additionalProperties": False,
            }
        )
    )


def property_schemas(refs: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    base = _with_extras(_scalar_schema())
    if refs:
        base = base | st.sampled_from(refs).map(lambda ref: {"$ref": ref})
    return st.recursive(
        base,
        lambda inner: st.one_of(
            st.builds(lambda items: {"type": "array", "items": items}, inner),
            _object(inner),
            st.builds(lambda value: {"type": "object", "additionalProperties": value}, inner),
            st.lists(_object(inner), min_size=2, max_size=3).map(lambda opts: {"oneOf": opts}),
            st.lists(inner, min_size=2, max_size=3).map(lambda opts: {"anyOf": opts}),
        ),
        max_leaves=6,
    )


@dataclass(frozen=True)
class FuzzSpec:
    document: dict[str, Any]
    as_yaml: bool

    def text(self) -> str:
        if self.as_yaml:
            text = yaml.safe_dump(self.document, allow_unicode=False, sort_keys=False)
            # Unquoted, as people write them: a date to YAML's resolver, a string to JSON.
            return text.replace("'2022-01-01'", "2022-01-01")
        return json.dumps(self.document, indent=1)

    @property
    def suffix(self) -> str:
        return ".yaml" if self.as_yaml else ".json"


def _pointer_part(name: str) -> str:
    return name.replace("~", "~0").replace("/", "~1")


@st.composite
def specs(draw: st.DrawFn) -> FuzzSpec:
    as_yaml = draw(st.booleans())
    component_names = draw(st.lists(COMPONENT_NAMES, unique=True, max_size=3))
    refs = [f"#/components/schemas/{_pointer_part(name)}" for name in component_names]
    components: dict[str, Any] = {}
    for index, name in enumerate(component_names):
        # A component may refer to itself and to the ones before it: recursion, never a
        # reference to nothing.
        inner = property_schemas(refs[: index + 1])
        components[name] = draw(_object(inner))
    paths: dict[str, Any] = {}
    for tool in draw(st.lists(TOOL_NAMES, unique=True, min_size=1, max_size=4)):
        parameters = draw(
            _object(property_schemas(refs)) | st.just({"type": "object", "properties": {}})
        )
        operation: dict[str, Any] = {
            "summary": draw(DESCRIPTIONS.filter(str.strip) | st.just(tool.title())),
            "requestBody": {
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "tool": {"type": "string", "default": tool},
                                "parameters": parameters,
                            },
                        }
                    }
                }
            },
            "responses": {"200": {"description": "OK"}},
        }
        if draw(st.booleans()):
            operation["description"] = draw(DESCRIPTIONS)
        if draw(st.booleans()):
            operation["x-integration"] = draw(INTEGRATIONS)
        paths[f"/projects/{{project_id}}/tools/#{tool}"] = {"post": operation}
    document: dict[str, Any] = {
        "openapi": "3.0.0",
        "info": {"title": "Fuzzed", "version": "1.0.0"},
        "paths": paths,
    }
    if components:
        document["components"] = {"schemas": components}
    if as_yaml:
        document = _without_surrogates(document)
    return FuzzSpec(document, as_yaml)


def _without_surrogates(value: Any) -> Any:
    """YAML cannot hold a lone surrogate: the YAML form of a document goes without."""
    if isinstance(value, str):
        return value.encode("utf-8", "ignore").decode("utf-8") if not _encodable(value) else value
    if isinstance(value, dict):
        return {_without_surrogates(k): _without_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_surrogates(item) for item in value]
    return value


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
