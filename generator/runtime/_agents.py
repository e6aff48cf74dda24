"""Tools for language models: their definitions in each provider's format, and a model's tool
call turned back into a checked ``ToolCall``.

The definitions come from the same source as the typed client: each tool's ``json_schema()``,
``TITLE`` and ``DESCRIPTION``.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol, cast

from ._all_of import merged_all_of
from ._exceptions import ActionKitValidationError, Problem
from ._formats import provider_schema
from ._pointers import child_path
from ._types import is_json_array

if TYPE_CHECKING:
    from ._tool_call import ToolCall

Format = Literal["json_schema", "openai", "openai_responses", "anthropic", "mcp"]

# Both providers take tool names of 1 to 64 letters, digits, `_` and `-`.
_PROVIDER_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")
# OpenAI takes function descriptions of up to 1,024 characters; Anthropic asks for a detailed
# description and sets no small limit, so it gets the same generous cap.
MAX_DESCRIPTION = {
    "json_schema": None,
    "openai": 1024,
    "openai_responses": 1024,
    "anthropic": 4096,
    "mcp": 4096,
}
_STRICT_FORMATS_OF = frozenset({"openai", "openai_responses"})
# What OpenAI's strict mode accepts, besides the structure keywords it requires.
_STRICT_KEYWORDS = frozenset(
    {
        "type",
        "description",
        "enum",
        "const",
        "pattern",
        "format",
        "multipleOf",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "minItems",
        "maxItems",
    }
)
_STRICT_FORMATS = frozenset(
    {"date-time", "time", "date", "duration", "email", "hostname", "ipv4", "ipv6", "uuid"}
)
# What strict mode drops but a model should still know: said in the property's description.
_NOTED = (
    "format",
    "minLength",
    "maxLength",
    "minProperties",
    "maxProperties",
    "uniqueItems",
    "default",
    "example",
    "examples",
    "deprecated",
)
_ENCODED_NOTE = "Give this as a JSON value encoded in a string."


@dataclass(frozen=True)
class ToolInfo:
    """What a tool's definition is made of: from the package's schemas modules (``TOOLS``,
    no tool module imported) or from a user's live ``list_tools()``."""

    name: str
    integration: str
    title: str
    description: str | None
    schema: dict[str, Any]
    """The JSON Schema of the tool's parameters, as the spec (or the API) gives it."""


def tool_definitions(
    names: Iterable[str] | None = None,
    *,
    integrations: Iterable[str] | None = None,
    pattern: str | None = None,
    format: Format = "json_schema",
    strict: bool = False,
) -> list[dict[str, Any]]:
    """Definitions of the chosen tools for a model: all of them when nothing is chosen, else
    every tool named, of one of ``integrations``, or whose name matches the shell-style
    ``pattern`` (``"SLACK_*"``).

    ``format``: ``"json_schema"`` gives ``{"name", "description", "parameters"}`` with the spec's
    schema as it is; ``"openai"`` a function tool (with ``strict=True``, the schema rewritten the
    way OpenAI's strict mode demands: every property required, optional ones nullable, free-form
    values as JSON-encoded strings; ``dispatch(..., strict=True)`` maps a call back);
    ``"openai_responses"`` the Responses API's flat function tool; ``"anthropic"`` ``{"name",
    "description", "input_schema"}``; ``"mcp"`` an MCP ``Tool`` (``{"name", "title",
    "description", "inputSchema"}``). Every format but ``"json_schema"`` gets the schema as JSON
    Schema 2020-12 accepting what ``from_parameters`` accepts (``_formats``).
    """
    check_format(format, strict)
    chosen = chosen_names(names, integrations, pattern)
    return [definition(registered_info(name), format, strict) for name in chosen]


def check_format(format: str, strict: bool) -> None:
    if format not in MAX_DESCRIPTION:
        raise ValueError(
            "format must be 'json_schema', 'openai', 'openai_responses', 'anthropic' or 'mcp',"
            f" not {format!r}"
        )
    if strict and format not in _STRICT_FORMATS_OF:
        raise ValueError("strict=True applies to the 'openai' and 'openai_responses' formats only")


def registered_info(name: str) -> ToolInfo:
    """A tool of ``TOOLS``, read from its schemas module (its tool module is not imported)."""
    from ._registry import TOOLS

    return ToolInfo(
        name=name,
        integration=TOOLS.integration(name),
        title=TOOLS.title(name),
        description=TOOLS.description(name),
        schema=TOOLS.schema(name),
    )


def chosen_names(
    names: Iterable[str] | None = None,
    integrations: Iterable[str] | None = None,
    pattern: str | None = None,
) -> list[str]:
    """The names ``tool_definitions`` would choose, in registry order, importing no tool module."""
    from ._registry import TOOLS

    return choose([(name, TOOLS.integration(name)) for name in TOOLS], names, integrations, pattern)


def choose(
    tools: Sequence[tuple[str, str]],
    names: Iterable[str] | None = None,
    integrations: Iterable[str] | None = None,
    pattern: str | None = None,
) -> list[str]:
    """The names chosen among ``tools`` (name and integration, in order): all when nothing is
    chosen, else every tool named, of one of ``integrations``, or matching ``pattern``. An
    unknown name or integration is a ``KeyError``."""
    wanted_names = list(names or ())
    wanted_integrations = set(integrations or ())
    known_names = {name for name, _ in tools}
    unknown = [name for name in wanted_names if name not in known_names]
    if unknown:
        raise KeyError(f"no such tools: {', '.join(unknown)}")
    missing = wanted_integrations - {integration for _, integration in tools}
    if missing:
        raise KeyError(f"no such integrations: {', '.join(sorted(missing))}")
    if not wanted_names and not wanted_integrations and pattern is None:
        return [name for name, _ in tools]
    chosen = set(wanted_names)
    if pattern is not None:
        chosen.update(name for name, _ in tools if fnmatch.fnmatchcase(name, pattern))
    chosen.update(name for name, integration in tools if integration in wanted_integrations)
    return [name for name, _ in tools if name in chosen]


def definition(tool: ToolInfo, format: Format, strict: bool) -> dict[str, Any]:
    """One tool's definition in ``format`` (checked by ``check_format``)."""
    description = _description(tool, MAX_DESCRIPTION[format])
    schema = tool.schema
    if format == "json_schema":
        return {"name": tool.name, "description": description, "parameters": schema}
    name = provider_name(tool.name)
    parameters = strict_schema(schema) if strict else provider_schema(schema)
    if format == "anthropic":
        return {"name": name, "description": description, "input_schema": parameters}
    if format == "mcp":
        return {
            "name": name,
            "title": tool.title,
            "description": description,
            "inputSchema": parameters,
        }
    if format == "openai_responses":
        return {
            "type": "function",
            "name": name,
            "description": description,
            "parameters": parameters,
            "strict": strict,
        }
    function: dict[str, Any] = {"name": name, "description": description}
    function["parameters"] = parameters
    if strict:
        function["strict"] = True
    return {"type": "function", "function": function}


def _description(tool: ToolInfo, limit: int | None) -> str:
    """The title, the integration (many tools of different integrations share a title: "Get
    Invoice by ID") and the spec's description."""
    label = f"integration: {tool.integration}" if tool.integration else "ActionKit"
    head = f"{tool.title} ({label})"
    text = head if not tool.description else f"{head}\n\n{tool.description}"
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def provider_name(tool: str) -> str:
    """The tool's name as providers take it: itself where it fits, else a fitting form with a
    short hash that keeps it apart from every other."""
    if _PROVIDER_NAME.fullmatch(tool):
        return tool
    digest = hashlib.sha256(tool.encode("utf-8")).hexdigest()[:8]
    cleaned = re.sub(r"[^A-Za-z0-9_-]+", "_", tool).strip("_")[:55] or "tool"
    return f"{cleaned}_{digest}"


def tool_for(name: str) -> type[ToolCall] | None:
    """The tool a model named: by its wire name or by its provider name."""
    from ._registry import TOOLS

    if name in TOOLS:
        return TOOLS[name]
    for tool in TOOLS:
        if provider_name(tool) == name:
            return TOOLS[tool]
    return None


# -- OpenAI strict mode --------------------------------------------------------------------------


def strict_schema(schema: Mapping[str, Any]) -> dict[str, Any]:
    """``schema`` rewritten for OpenAI's strict mode: every object closed with every property
    required (an optional one made nullable: null there means "not sent"), free-form values and
    maps asked for as JSON-encoded strings, ``oneOf`` as ``anyOf``, ``allOf`` merged, and only the
    keywords strict mode supports."""
    result = _strict(_object_root(schema), optional=False)
    definitions = schema.get("$defs")
    if definitions:
        result["$defs"] = {
            name: _strict(definition, optional=False) for name, definition in definitions.items()
        }
    return result


def _strict(schema: Any, *, optional: bool) -> dict[str, Any]:
    if not isinstance(schema, Mapping):
        return _nullable(_encoded({}), optional)
    if "$ref" in schema:
        result: dict[str, Any] = {"$ref": schema["$ref"]}
        return {"anyOf": [result, {"type": "null"}]} if optional else result
    schema = merged_all_of(schema)
    nullable = optional or bool(schema.get("nullable"))
    options = schema.get("oneOf") or schema.get("anyOf")
    if options:
        result = {"anyOf": [_strict(option, optional=False) for option in options]}
        if "description" in schema:
            result["description"] = schema["description"]
        return _nullable(result, nullable)
    kind = schema.get("type")
    if kind == "array":
        result = _kept(schema)
        result["items"] = _strict(schema.get("items", {}), optional=False)
        return _nullable(result, nullable)
    if kind in (None, "object") and "enum" not in schema:
        properties = schema.get("properties")
        if properties is None or (kind is None and not properties):
            return _nullable(_encoded(schema), nullable)
        required = set(schema.get("required", ()))
        result = _kept(schema)
        result["type"] = "object"
        result["properties"] = {
            name: _strict(value, optional=name not in required)
            for name, value in properties.items()
        }
        result["required"] = list(properties)
        result["additionalProperties"] = False
        return _nullable(result, nullable)
    result = _kept(schema)
    if result.get("enum") == []:
        del result["enum"]
    return _nullable(result, nullable)


def _kept(schema: Mapping[str, Any]) -> dict[str, Any]:
    kept = {key: value for key, value in schema.items() if key in _STRICT_KEYWORDS}
    # OpenAPI 3.0's `exclusiveMinimum: true` beside `minimum` is JSON Schema's number form.
    for bound, exclusive in (("minimum", "exclusiveMinimum"), ("maximum", "exclusiveMaximum")):
        if isinstance(kept.get(exclusive), bool) and kept.pop(exclusive) and bound in kept:
            kept[exclusive] = kept.pop(bound)
    if kept.get("format") not in _STRICT_FORMATS:
        kept.pop("format", None)
    notes = [
        f"{key}: {json.dumps(schema[key], ensure_ascii=False)}"
        for key in _NOTED
        if key in schema and key not in kept
    ]
    if notes:
        note = "; ".join(notes)
        description = kept.get("description")
        kept["description"] = f"{description} ({note})" if description else note
    return kept


def _encoded(schema: Mapping[str, Any]) -> dict[str, Any]:
    description = schema.get("description")
    note = f"{description} ({_ENCODED_NOTE})" if description else _ENCODED_NOTE
    return {"type": "string", "description": note}


def _nullable(schema: dict[str, Any], nullable: bool) -> dict[str, Any]:
    if not nullable:
        return schema
    if "anyOf" in schema:
        if {"type": "null"} not in schema["anyOf"]:
            schema["anyOf"] = [*schema["anyOf"], {"type": "null"}]
        return schema
    if "enum" in schema and None not in schema["enum"]:
        schema["enum"] = [*schema["enum"], None]
    kind = schema.get("type")
    if isinstance(kind, str):
        schema["type"] = [kind, "null"]
    return schema


def _object_root(schema: Mapping[str, Any]) -> dict[str, Any]:
    """Providers want an object schema at the root, with ``properties``."""
    root = dict(schema)
    root.setdefault("type", "object")
    root.setdefault("properties", {})
    return root


def from_strict(schema: Mapping[str, Any], arguments: Any) -> Any:
    """Arguments given for ``strict_schema(schema)`` as the tool takes them: a null in an
    optional property left out, a JSON-encoded free-form value decoded."""
    return _from_strict(schema, arguments, schema.get("$defs", {}))


def _from_strict(schema: Any, value: Any, definitions: Mapping[str, Any]) -> Any:
    if not isinstance(schema, Mapping) or value is None:
        return value
    schema = cast("Mapping[str, Any]", schema)
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        return _from_strict(definitions.get(ref[len("#/$defs/") :], {}), value, definitions)
    schema = merged_all_of(schema)
    options = schema.get("oneOf") or schema.get("anyOf")
    if options:
        option = _option_for(options, value, definitions)
        return value if option is None else _from_strict(option, value, definitions)
    kind = schema.get("type")
    if kind == "array" and is_json_array(value):
        return [_from_strict(schema.get("items", {}), item, definitions) for item in value]
    properties: Mapping[str, Any] | None = schema.get("properties")
    if kind in (None, "object") and properties and isinstance(value, Mapping):
        required = set(schema.get("required", ()))
        given = cast("Mapping[str, Any]", value)
        return {
            key: _from_strict(properties.get(key, {}), item, definitions)
            for key, item in given.items()
            if not (item is None and key in properties and key not in required)
        }
    if kind in (None, "object") and "enum" not in schema and isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value  # a plain string is a JSON value too
    return value


def _option_for(options: list[Any], value: Any, definitions: Mapping[str, Any]) -> Any:
    """The option of a union that ``value`` was given for: for an object, the object option
    whose properties hold all its keys; for an array, the array option. A scalar is taken as it
    is (a string there is a string, not JSON to decode)."""
    for option in options:
        if isinstance(option, Mapping) and "$ref" in option:
            ref = cast("Mapping[str, Any]", option)["$ref"]
            option = definitions.get(str(ref).rpartition("/")[2], {})
        if not isinstance(option, Mapping):
            continue
        option = merged_all_of(cast("Mapping[str, Any]", option))
        properties: Mapping[str, Any] | None = option.get("properties")
        if (
            isinstance(value, Mapping)
            and properties is not None
            and set(cast("Mapping[str, Any]", value)) <= set(properties)
        ):
            return option
        if isinstance(value, list) and option.get("type") == "array":
            return option
    return None


# -- a model's tool call ----------------------------------------------------------------------


class ToolSource(Protocol):
    """Where tools come from other than ``TOOLS``: a ``list_tools()`` answer (``ToolList``)."""

    def tool_class(self, name: str) -> type[ToolCall] | None: ...


def parse_call(
    name: str, arguments: str | Mapping[str, Any], *, strict: bool, tools: ToolSource | None = None
) -> ToolCall:
    """The checked ``ToolCall`` for a model's tool call; raises ``ActionKitValidationError``.
    With ``tools`` (a ``list_tools()`` answer), the tool and its checks come from its live
    schema instead of the package's snapshot."""
    tool = tool_for(name) if tools is None else tools.tool_class(name)
    if tool is None:
        raise ActionKitValidationError(name, [Problem("name", f"no tool named {name!r}")])
    try:
        return _checked_call(tool, arguments, strict=strict)
    except RecursionError:
        problem = Problem("arguments", "nested too deeply to check")
        raise ActionKitValidationError(tool.TOOL, [problem]) from None


def _checked_call(
    tool: type[ToolCall], arguments: str | Mapping[str, Any], *, strict: bool
) -> ToolCall:
    data: Any = arguments
    if isinstance(arguments, (str, bytes)):
        try:
            data = json.loads(arguments)
        except ValueError as error:
            problem = Problem("arguments", f"not valid JSON: {error}")
            raise ActionKitValidationError(tool.TOOL, [problem]) from None
    if not isinstance(data, Mapping):
        problem = Problem("arguments", "expected a JSON object")
        raise ActionKitValidationError(tool.TOOL, [problem])
    given = cast("Mapping[str, object]", data)
    unsendable = unencodable(given, "parameters")
    if unsendable:
        raise ActionKitValidationError(tool.TOOL, unsendable)
    if strict:
        given = from_strict(tool.json_schema(), given)
    return tool.from_parameters(given)


def unencodable(value: object, path: str) -> list[Problem]:
    """Where ``value`` holds text that cannot be sent (JSON text is UTF-8, and a lone surrogate,
    which a model's ``\\ud800`` escape decodes to, has no UTF-8 form): nothing is sent then."""
    problems: list[Problem] = []
    _find_unencodable(value, path, problems)
    return problems


def _find_unencodable(value: object, path: str, problems: list[Problem]) -> None:
    if isinstance(value, str):
        if not _encodes(value):
            problems.append(Problem(path, f"not valid Unicode text: {ascii(value)[:80]}"))
    elif isinstance(value, Mapping):
        for key, item in cast("Mapping[object, object]", value).items():
            if isinstance(key, str) and not _encodes(key):
                problems.append(Problem(path, f"a key that is not valid Unicode text: {key!a}"))
            else:
                _find_unencodable(item, child_path(path, str(key)), problems)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(cast("list[object]", value)):
            _find_unencodable(item, child_path(path, index), problems)


def _encodes(text: str) -> bool:
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
