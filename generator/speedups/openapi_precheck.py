"""Stands in for openapi-python-client's OpenAPI model (``validation.openapi``) on documents it
can vouch for: a plain walk over the same fields with the same types, about forty times faster.

It answers "valid" only where the model surely agrees and "not sure" everywhere else (a field it
does not check, a value the model might coerce, anything odd). Its "valid" never differs from the
model's: ``tests/test_validate.py`` compares the two on thousands of broken documents.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# One `_Model` per class of openapi-python-client's `schema.openapi_schema_pydantic` (0.29.1): a
# check for each field it knows, the fields a document must have, and every other field name and
# alias of the class, on which it gives up. Every class allows extra keys, so any other key passes.
# Each check is stricter than pydantic (a `str` field takes exactly a `str`, never a subclass, bytes
# or a number), so "valid" here is "valid" there; the reverse need not hold.

Check = Callable[[Any], bool]


def certainly_valid(data: Any) -> bool:
    """True only when the OpenAPI model surely finds no problem in ``data``.

    False means "not sure", never "invalid". The problems the model reports and validation then
    ignores (``enum: []``) count as none here too.
    """
    try:
        return _OPENAPI(data)
    except RecursionError:  # a YAML alias inside itself, or a document nested deeper than that
        return False


class _Model:
    __slots__ = ("checks", "others", "required")

    def __init__(
        self, checks: dict[str, Check], required: tuple[str, ...] = (), others: str = ""
    ) -> None:
        self.checks = checks
        self.required = frozenset(required)
        self.others = frozenset(others.split())

    def __call__(self, node: Any) -> bool:
        if type(node) is not dict:
            return False
        checks, others = self.checks, self.others
        for key, value in node.items():
            if type(key) is not str:
                return False
            check = checks.get(key)
            if check is None:
                if key in others:
                    return False
            elif not check(value):
                return False
        return self.required <= node.keys()


def _str(value: Any) -> bool:
    return type(value) is str


def _bool(value: Any) -> bool:
    return type(value) is bool


def _number(value: Any) -> bool:
    return type(value) is int or type(value) is float


def _count(value: Any) -> bool:
    return type(value) is int and value >= 0


def _positive(value: Any) -> bool:
    return _number(value) and value > 0


def _anything(value: Any) -> bool:
    return True


def _optional(check: Check) -> Check:
    def optional(value: Any) -> bool:
        return value is None or check(value)

    return optional


def _list_of(check: Check) -> Check:
    def list_of(value: Any) -> bool:
        return type(value) is list and all(check(item) for item in value)

    return list_of


def _dict_of(check: Check) -> Check:
    def dict_of(value: Any) -> bool:
        return type(value) is dict and all(
            type(key) is str and check(item) for key, item in value.items()
        )

    return dict_of


def _reference(value: dict[str, Any]) -> bool:
    return _str(value["$ref"]) and "ref" not in value and all(type(key) is str for key in value)


def _reference_or(check: Check) -> Check:
    """pydantic's ``ReferenceOr[T]``: a mapping with ``$ref`` is a Reference, anything else a T."""

    def reference_or(value: Any) -> bool:
        if type(value) is dict and "$ref" in value:
            return _reference(value)
        return check(value)

    return reference_or


_DATA_TYPES = frozenset({"string", "number", "integer", "boolean", "array", "object", "null"})


def _data_type(value: Any) -> bool:
    if type(value) is list:
        return all(type(item) is str and item in _DATA_TYPES for item in value)
    return type(value) is str and value in _DATA_TYPES


def _const(value: Any) -> bool:
    return value is None or type(value) in (str, int, float, bool)


def _openapi_version(value: Any) -> bool:
    # The model's own check: three dot-separated parts, major 3, minor at most 1.
    return _str(value) and value.startswith("3.0.") and value.count(".") == 2


_opt_str = _optional(_str)
_opt_bool = _optional(_bool)
_opt_number = _optional(_number)
_opt_count = _optional(_count)
_opt_str_list = _optional(_list_of(_str))

_EXTERNAL_DOCS = _Model({"url": _str, "description": _opt_str}, required=("url",))
_SCHEMA = _Model({}, others="schema_not schema_format discriminator xml")
_schema_ref = _reference_or(_SCHEMA)
_schema_ref_list = _list_of(_schema_ref)
_SCHEMA.checks.update(
    {
        "title": _opt_str,
        "multipleOf": _optional(_positive),
        "maximum": _opt_number,
        "exclusiveMaximum": _optional(lambda value: _bool(value) or _number(value)),
        "minimum": _opt_number,
        "exclusiveMinimum": _optional(lambda value: _bool(value) or _number(value)),
        "maxLength": _opt_count,
        "minLength": _opt_count,
        "pattern": _opt_str,
        "maxItems": _opt_count,
        "minItems": _opt_count,
        "uniqueItems": _opt_bool,
        "maxProperties": _opt_count,
        "minProperties": _opt_count,
        "required": _opt_str_list,
        # The model wants one value at least; validation forgives `enum: []` (see above).
        "enum": _optional(lambda value: type(value) is list),
        "const": _const,
        "type": _optional(_data_type),
        "allOf": _schema_ref_list,
        "oneOf": _schema_ref_list,
        "anyOf": _schema_ref_list,
        "not": _optional(_schema_ref),
        "items": _optional(_schema_ref),
        "prefixItems": _schema_ref_list,
        "properties": _optional(_dict_of(_schema_ref)),
        "additionalProperties": _optional(lambda value: _bool(value) or _schema_ref(value)),
        "description": _opt_str,
        "format": _opt_str,
        "default": _anything,
        "nullable": _bool,
        "readOnly": _opt_bool,
        "writeOnly": _opt_bool,
        "externalDocs": _optional(_EXTERNAL_DOCS),
        "example": _anything,
        "deprecated": _opt_bool,
    }
)
_MEDIA_TYPE = _Model(
    {"schema": _optional(_schema_ref), "example": _anything},
    others="media_type_schema examples encoding",
)
_media_types = _dict_of(_MEDIA_TYPE)
_PARAMETER = _Model(
    {
        "name": _str,
        "in": lambda value: _str(value) and value in ("query", "path", "header", "cookie"),
        "description": _opt_str,
        "required": _bool,
        "deprecated": _bool,
        "allowEmptyValue": _bool,
        "style": _opt_str,
        "explode": _bool,
        "allowReserved": _bool,
        "schema": _optional(_schema_ref),
        "example": _anything,
        "content": _optional(_media_types),
    },
    required=("name", "in"),
    others="param_in param_schema examples",
)
_REQUEST_BODY = _Model(
    {"description": _opt_str, "content": _media_types, "required": _bool},
    required=("content",),
)
_RESPONSE = _Model(
    {"description": _str, "content": _optional(_media_types)},
    required=("description",),
    others="headers links",
)
_SERVER_VARIABLE = _Model(
    {"enum": _opt_str_list, "default": _str, "description": _opt_str}, required=("default",)
)
_SERVER = _Model(
    {"url": _str, "description": _opt_str, "variables": _optional(_dict_of(_SERVER_VARIABLE))},
    required=("url",),
)
_servers = _list_of(_SERVER)
_security = _optional(_list_of(_dict_of(_list_of(_str))))
_parameters = _optional(_list_of(_reference_or(_PARAMETER)))
_OPERATION = _Model(
    {
        "tags": _opt_str_list,
        "summary": _opt_str,
        "description": _opt_str,
        "externalDocs": _optional(_EXTERNAL_DOCS),
        "operationId": _opt_str,
        "parameters": _parameters,
        "requestBody": _optional(_reference_or(_REQUEST_BODY)),
        "responses": _dict_of(_reference_or(_RESPONSE)),
        "deprecated": _bool,
        "security": _security,
        "servers": _optional(_servers),
    },
    required=("responses",),
    others="request_body callbacks",
)
_operation = _optional(_OPERATION)
_PATH_ITEM = _Model(
    {
        "$ref": _opt_str,
        "summary": _opt_str,
        "description": _opt_str,
        **dict.fromkeys(
            ("get", "put", "post", "delete", "options", "head", "patch", "trace"), _operation
        ),
        "servers": _optional(_servers),
        "parameters": _parameters,
    },
    others="ref",
)
_SECURITY_SCHEME = _Model(
    {
        "type": _str,
        "description": _opt_str,
        "name": _opt_str,
        "in": _opt_str,
        "scheme": _opt_str,
        "bearerFormat": _opt_str,
        "openIdConnectUrl": _opt_str,
    },
    required=("type",),
    others="flows security_scheme_in",
)
_COMPONENTS = _Model(
    {
        "schemas": _optional(_dict_of(_schema_ref)),
        "responses": _optional(_dict_of(_reference_or(_RESPONSE))),
        "parameters": _optional(_dict_of(_reference_or(_PARAMETER))),
        "requestBodies": _optional(_dict_of(_reference_or(_REQUEST_BODY))),
        "securitySchemes": _optional(_dict_of(_reference_or(_SECURITY_SCHEME))),
    },
    others="examples headers links callbacks",
)
_CONTACT = _Model({"name": _opt_str, "url": _opt_str, "email": _opt_str})
_LICENSE = _Model({"name": _str, "url": _opt_str}, required=("name",))
_INFO = _Model(
    {
        "title": _str,
        "description": _opt_str,
        "termsOfService": _opt_str,
        "contact": _optional(_CONTACT),
        "license": _optional(_LICENSE),
        "version": _str,
    },
    required=("title", "version"),
)
_TAG = _Model(
    {"name": _str, "description": _opt_str, "externalDocs": _optional(_EXTERNAL_DOCS)},
    required=("name",),
)
_OPENAPI = _Model(
    {
        "openapi": _openapi_version,
        "info": _INFO,
        "servers": _servers,
        "paths": _dict_of(_PATH_ITEM),
        "components": _optional(_COMPONENTS),
        "security": _security,
        "tags": _optional(_list_of(_TAG)),
        "externalDocs": _optional(_EXTERNAL_DOCS),
    },
    required=("openapi", "info", "paths"),
)
