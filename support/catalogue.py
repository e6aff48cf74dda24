"""A synthetic ActionKit catalogue of any size, deterministic from a seed.

    python -m support.catalogue --tools 1000 --seed 1 --format json OUT.json

The spec has the shape of the docs' ``openapi.json`` (one ``POST /projects/{project_id}/tools/#TOOL``
operation per tool, ``tool`` a constant, ``parameters`` the tool's JSON Schema, ``x-integration`` on
it) and the real catalogue's proportions (``shared/actionkit-facts.md``, "The catalogue"): about 7.5
tools an integration, record families (``_CREATE_RECORD_<OBJECT>``, ``_GET_RECORD_BY_ID_``,
``_SEARCH_RECORDS_`` and their ``_ANY`` variant), a tool name prefix that is not always the
integration key; mostly string parameters, string enums with spaces and dots and some empty ones,
free-form objects, ``paginationParameters`` objects and dotted filter keys, numbers and booleans,
arrays of strings, a few integers, formats, defaults and nullables; parameter names in every
convention (with keywords, custom-field suffixes and names that meet after snake_casing); a few
tools of 100+ parameters and a few of none; descriptions with quotes, newlines holding JSON or SOQL,
backslashes, ``{{settings.folder}}`` placeholders, curly apostrophes and emoji.

The same ``--tools`` and ``--seed`` give the same bytes, in either format.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

import yaml

from generator.inputs.list_tools import tool_request_body

# Integrations the catalogue has, with the tool-name prefix each uses.
_KNOWN = [
    ("salesforce", "SALESFORCE"),
    ("hubspot", "HUBSPOT"),
    ("slack", "SLACK"),
    ("googledrive", "GOOGLE_DRIVE"),
    ("googlecalendar", "GOOGLE_CALENDAR"),
    ("gmail", "GMAIL"),
    ("notion", "NOTION"),
    ("jira", "JIRA"),
    ("asana", "ASANA"),
    ("dynamicsfinance", "DYNAMICS_365_FINANCE"),
    ("dynamicsbusinesscentral", "DYNAMICS_BUSINESS_CENTRAL"),
    ("quickbooks", "QUICKBOOKS"),
    ("netsuite", "NETSUITE"),
    ("zendesk", "ZENDESK"),
    ("intercom", "INTERCOM"),
    ("pipedrive", "PIPEDRIVE"),
    ("sharepoint", "SHAREPOINT"),
    ("microsoftTeams", "MICROSOFT_TEAMS"),
    ("outlook", "OUTLOOK"),
    ("monday.com", "MONDAY"),
    ("clickup", "CLICKUP"),
    ("linear", "LINEAR"),
    ("github", "GITHUB"),
    ("xero", "XERO"),
    ("marketo", "MARKETO"),
    ("mailchimp", "MAILCHIMP"),
    ("shopify", "SHOPIFY"),
    ("stripe", "STRIPE"),
    ("zoho-crm", "ZOHO_CRM"),
    ("docusign", "DOCUSIGN"),
]
_SYLLABLES = [
    "ac", "bo", "cal", "da", "el", "fin", "go", "hub", "io", "jet", "ka", "lo", "me", "no",
    "ops", "pa", "qu", "ra", "sa", "ta", "un", "ve", "wo", "xe", "yo", "zen", "desk", "flow",
    "base", "cloud", "sync", "ly", "ify", "stack", "works", "mail", "pay", "doc", "form", "hire",
]  # fmt: skip
_OBJECTS = [
    "CONTACT", "ACCOUNT", "LEAD", "OPPORTUNITY", "TASK", "NOTE", "INVOICE", "CUSTOMER", "VENDOR",
    "PROJECT", "ISSUE", "TICKET", "FILE", "FOLDER", "MESSAGE", "CHANNEL", "EVENT", "USER", "DEAL",
    "COMPANY", "ORDER", "PRODUCT", "CAMPAIGN", "PAGE", "DATABASE", "COMMENT", "SUBSCRIPTION",
]  # fmt: skip
_VERBS = [
    "CREATE", "UPDATE", "DELETE", "GET", "LIST", "SEARCH", "SEND", "ARCHIVE", "DOWNLOAD",
    "UPLOAD", "MOVE", "ADD", "REMOVE", "ASSIGN", "COMPLETE",
]  # fmt: skip
_WORDS = [
    "invoice", "customer", "account", "currency", "date", "due", "method", "payment", "terms",
    "owner", "status", "priority", "title", "name", "email", "phone", "address", "city", "country",
    "description", "amount", "quantity", "price", "tax", "discount", "project", "folder", "parent",
    "team", "channel", "thread", "message", "subject", "body", "label", "category", "source",
    "stage", "type", "reference", "external", "code", "start", "end", "time", "zone", "notes",
]  # fmt: skip
_ENUM_VALUES = [
    "Yes", "No", "Mr.", "Ms.", "Mrs.", "Dr.", "Prof.", "Web", "Phone Inquiry", "Partner Referral",
    "Fixed Asset", "Open", "Closed Won", "Closed Lost", "In Progress", "High", "Medium", "Low",
    "draft", "sent", "paid", "void", "public", "private", "v1.0", "v2.0", "N/A", "Other",
]  # fmt: skip
_AWKWARD_NAMES = [
    "from", "class", "match", "type", "id", "Id", "ID", "field-email", "filter.value",
    "Level__c", "Level_c", "2FA_code", "client", "self", "str", "to_parameters", "TOOL",
    "hs_lead_status", "URL", "url", "HTTPResponseCode", "purchaseInvoiceId", "extra_parameters",
]  # fmt: skip
_HELP = [
    "Specify the record ID of the {label} to update.",
    "The three-letter currency code associated with this {label}.",
    'Accepts ISO 8601 date format. Use "now" for the current time.',
    "Defaults to the folder in {{{{settings.folder}}}} when left blank.",
    "The user\u2019s {label}, as shown in the dashboard \U0001f680.",
    'A path such as C:\\Users\\me\\{label}.txt (backslashes kept: "\\n" is not a newline).',
    "Use a SOQL query, for example:\nSELECT Id, Name FROM Account WHERE Name = '{label}'\nLIMIT 10",
    'Pass JSON, for example:\n{{"type": "section", "text": {{"type": "mrkdwn", "text": "{label}"}}}}',
    "Only {label} records the user can see are returned.",
    'Ends with a quote: "',
]  # fmt: skip


def build(
    tools: int, seed: int, *, empty_enums: bool = True, constraints: bool = False
) -> dict[str, Any]:
    """The OpenAPI document of a catalogue of ``tools`` tools.

    ``empty_enums=False`` makes each ``enum: []`` a plain string (how the generator types it
    anyway), for openapi-python-client, whose document model refuses an empty enum; the rest of the
    document is the same. ``constraints=True`` adds what local validation checks to some
    parameters (bounds, lengths, patterns, item and property counts, ``additionalProperties``
    beside properties, number and null enums, nullable items): the same tools otherwise.
    """
    rng = random.Random(seed)
    integrations = _integrations(rng, max(1, round(tools * 0.135)))
    paths: dict[str, Any] = {}
    names: set[str] = set()
    index = 0
    while len(paths) < tools:
        # Every integration gets a tool, then the rest go at random.
        key, prefix = integrations[index] if index < len(integrations) else rng.choice(integrations)
        index += 1
        name = _tool_name(rng, prefix)
        if name in names:
            continue
        names.add(name)
        paths[f"/projects/{{project_id}}/tools/#{name}"] = {"post": _operation(rng, name, key)}
    if not empty_enums:
        _drop_empty_enums(paths)
    if constraints:
        # A generator of its own: the catalogue without constraints stays the same bytes.
        _constrain(random.Random(f"constraints {seed}"), paths)
    return {
        "openapi": "3.0.0",
        "info": {"title": "ActionKit Tools API (synthetic)", "version": f"{tools}.{seed}.0"},
        "servers": [{"url": "https://actionkit.useparagon.com", "description": "US Cloud"}],
        "security": [],
        "paths": paths,
        "components": {
            "securitySchemes": {
                "BearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
            }
        },
    }


def dump(document: dict[str, Any], form: str) -> str:
    """The document as text: ``json`` (indented, as the docs serve it) or ``yaml``."""
    if form == "json":
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text: str = yaml.dump(document, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
    return text


_PATTERNS = [r"^[A-Z]{2,3}-\d+$", r"^\w+$", r"^\S+@\S+$", r"^[a-z0-9._-]*$", r"\d"]


def _constrain(rng: random.Random, node: Any) -> None:
    """Constraints and shapes added to the parameters schemas under ``node``, at random."""
    if isinstance(node, dict):
        properties = node.get("properties")
        if isinstance(properties, dict) and "x-integration" in node:
            for schema in properties.values():
                if isinstance(schema, dict) and rng.random() < 0.5:
                    _constrain_one(rng, schema)
            if rng.random() < 0.1:
                node["additionalProperties"] = rng.choice([True, {"type": "string"}])
            return
        for value in node.values():
            _constrain(rng, value)


def _constrain_one(rng: random.Random, schema: dict[str, Any]) -> None:
    kind = schema.get("type")
    if kind == "string" and not schema.get("enum") and "format" not in schema:
        low = rng.randint(0, 3)
        if rng.random() < 0.6:
            schema["minLength"] = low
        if rng.random() < 0.6:
            schema["maxLength"] = low + rng.randint(0, 12)
        if rng.random() < 0.4:
            schema["pattern"] = rng.choice(_PATTERNS)
    elif kind == "string" and schema.get("enum") and rng.random() < 0.4:
        schema.pop("type")
        schema["enum"] = [*schema["enum"], rng.choice([None, 1, 2.5])]
    elif kind in ("integer", "number"):
        low = rng.randint(-5, 5)
        schema["minimum"] = low
        schema["maximum"] = low + rng.randint(0, 200)
        if rng.random() < 0.3:
            schema["exclusiveMinimum"] = True
        if rng.random() < 0.3:
            schema["exclusiveMaximum"] = True
        if rng.random() < 0.3:
            schema["multipleOf"] = rng.choice([2, 5] if kind == "integer" else [0.5, 0.25, 3])
        if kind == "number" and rng.random() < 0.3:
            schema.clear()
            schema["enum"] = [1.5, 2.5, 10]
            schema["type"] = "number"
    elif kind == "array":
        schema["minItems"] = rng.randint(0, 2)
        schema["maxItems"] = schema["minItems"] + rng.randint(0, 3)
        schema["uniqueItems"] = rng.random() < 0.5
        if rng.random() < 0.3:
            schema["items"] = {**schema.get("items", {}), "nullable": True}
    elif kind == "object":
        schema["properties"] = {"id": {"type": "string", "minLength": 1}}
        schema["additionalProperties"] = rng.choice(
            [True, False, {"type": "integer", "minimum": 0}]
        )
        if rng.random() < 0.3:
            schema["minProperties"] = 1


def _drop_empty_enums(node: Any) -> None:
    if isinstance(node, dict):
        if node.get("enum") == []:
            del node["enum"]
        for value in node.values():
            _drop_empty_enums(value)
    elif isinstance(node, list):
        for value in node:
            _drop_empty_enums(value)


def _integrations(rng: random.Random, count: int) -> list[tuple[str, str]]:
    chosen = list(_KNOWN[:count])
    seen = {key for key, _ in chosen}
    while len(chosen) < count:
        key = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
        if key in seen:
            continue
        seen.add(key)
        # Some prefixes are not the integration key: `GOOGLE_DRIVE_*` is `googledrive`.
        prefix = key.upper() if rng.random() < 0.7 else f"{key[:3]}_{key[3:]}".upper()
        chosen.append((key, prefix))
    return chosen


def _tool_name(rng: random.Random, prefix: str) -> str:
    roll = rng.random()
    obj = rng.choice(_OBJECTS)
    if roll < 0.35:
        family = rng.choice(
            ["CREATE_RECORD", "UPDATE_RECORD", "GET_RECORD_BY_ID", "SEARCH_RECORDS"]
        )
        return f"{prefix}_{family}_{'ANY' if rng.random() < 0.1 else obj}"
    extra = f"_{rng.choice(_OBJECTS)}" if rng.random() < 0.3 else ""
    return f"{prefix}_{rng.choice(_VERBS)}_{obj}{extra}"


def _operation(rng: random.Random, name: str, integration: str) -> dict[str, Any]:
    words = name.split("_")
    summary = " ".join(word.capitalize() for word in words[-3:])
    operation: dict[str, Any] = {"summary": summary}
    if rng.random() < 0.2:
        operation["description"] = _description(rng, summary)
    operation["parameters"] = [
        {
            "name": "project_id",
            "in": "path",
            "required": True,
            "schema": {"type": "string", "description": "Your Paragon Project ID."},
        }
    ]
    parameters = _parameters(rng, name)
    parameters["x-integration"] = integration
    operation["requestBody"] = tool_request_body(name, parameters)
    operation["responses"] = {"200": {"description": "Success"}}
    operation["security"] = [{"BearerAuth": []}]
    return operation


def _parameters(rng: random.Random, tool: str) -> dict[str, Any]:
    roll = rng.random()
    if roll < 0.015:
        count = 0
    elif roll < 0.02:
        count = rng.randint(100, 130)
    else:
        count = min(int(rng.expovariate(1 / 7)) + 1, 40)
    properties: dict[str, Any] = {}
    while len(properties) < count:
        wire, schema = _parameter(rng)
        properties.setdefault(wire, schema)
    if "SEARCH" in tool or "LIST" in tool:
        properties["paginationParameters"] = {
            "type": "object",
            "description": "Pagination parameters for paginated results",
            "properties": {"pageCursor": {"type": "string"}},
            "additionalProperties": False,
            "required": [],
        }
        if rng.random() < 0.4:
            properties["filter"] = {
                "type": "object",
                "description": "Filter : keys hold dots",
                "properties": {
                    "filter.field": {"type": "string"},
                    "filter.value": {"type": "string"},
                },
                "additionalProperties": False,
            }
    names = list(properties)
    required = sorted(rng.sample(names, k=min(len(names), int(rng.random() * 3))))
    return {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _parameter(rng: random.Random) -> tuple[str, dict[str, Any]]:
    label_words = [rng.choice(_WORDS) for _ in range(rng.randint(1, 3))]
    label = " ".join(word.capitalize() for word in label_words)
    schema: dict[str, Any] = {}
    roll = rng.random()
    if roll < 0.66:
        schema["type"] = "string"
        if rng.random() < 0.05:
            schema["format"] = rng.choice(["date", "date-time", "email", "uri"])
    elif roll < 0.78:
        schema["type"] = "string"
        schema["enum"] = (
            [] if rng.random() < 0.15 else rng.sample(_ENUM_VALUES, k=rng.randint(2, 8))
        )
    elif roll < 0.83:
        schema["type"] = "object"
    elif roll < 0.88:
        schema["type"] = "boolean"
    elif roll < 0.92:
        schema["type"] = "number"
    elif roll < 0.95:
        schema["type"] = "integer"
        if rng.random() < 0.3:
            schema["default"] = rng.randint(1, 100)
    else:
        schema["type"] = "array"
        schema["items"] = {"type": "string"}
    if rng.random() < 0.03:
        schema["nullable"] = True
    if rng.random() < 0.92:
        schema["description"] = _description(rng, label)
    return _wire_name(rng, label_words), schema


def _wire_name(rng: random.Random, words: list[str]) -> str:
    roll = rng.random()
    if roll < 0.04:
        return rng.choice(_AWKWARD_NAMES)
    if roll < 0.45:
        return "".join(word.capitalize() for word in words)
    if roll < 0.75:
        return words[0] + "".join(word.capitalize() for word in words[1:])
    if roll < 0.92:
        return "_".join(words)
    if roll < 0.96:
        return "field-" + "-".join(words)
    return "".join(word.capitalize() for word in words) + "__c"


def _description(rng: random.Random, label: str) -> str:
    roll = rng.random()
    if roll < 0.25:
        return label
    text = f"{label} : {rng.choice(_HELP).format(label=label.lower())}"
    if rng.random() < 0.4:
        text += f' (example: "{rng.choice(_ENUM_VALUES)}")'
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m support.catalogue", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--tools", type=int, default=1000, help="how many tools (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--format", choices=("json", "yaml"), default="json")
    parser.add_argument(
        "--no-empty-enums",
        action="store_true",
        help="write each `enum: []` as a plain string (openapi-python-client refuses empty enums)",
    )
    parser.add_argument("out", type=Path, help="the spec file to write")
    args = parser.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = dump(build(args.tools, args.seed, empty_enums=not args.no_empty_enums), args.format)
    args.out.write_text(text, encoding="utf-8", newline="")
    print(f"wrote {args.out}: {args.tools} tools, {len(text.encode()):,} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
