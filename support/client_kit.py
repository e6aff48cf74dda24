"""A small generated package for the client tests and the client benchmark: ``client_kit``.

Its spec (built here, in the shape of ActionKit's) has a message tool with typed fields, a
paginated search tool, a file download tool and a record tool with 100 fields. ``load()``
generates it once per process into a temporary folder with the current templates and imports it.
"""

from __future__ import annotations

import atexit
import importlib
import json
import shutil
import sys
import tempfile
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from generator.workflows.generate import generate

PACKAGE = "client_kit"
SEND = "CHAT_SEND_MESSAGE"
SEARCH = "CRM_SEARCH_RECORDS"
DOWNLOAD = "DRIVE_DOWNLOAD_FILE"
WIDE = "CRM_CREATE_RECORD_WIDE"
WIDE_FIELDS = 100


def _operation(tool: str, integration: str, summary: str, parameters: dict[str, Any]) -> Any:
    schema = {
        "type": "object",
        "properties": {
            "tool": {"type": "string", "default": tool},
            "parameters": parameters,
        },
        "required": ["tool", "parameters"],
    }
    return {
        "post": {
            "summary": summary,
            "x-integration": integration,
            "requestBody": {"required": True, "content": {"application/json": {"schema": schema}}},
            "responses": {"200": {"description": "Success"}},
        }
    }


def _object(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def wide_field(index: int) -> tuple[str, dict[str, Any]]:
    """The wire name and schema of field ``index`` of the 100-field tool: mostly strings, as in
    the real catalogue, with enums, integers, booleans, numbers and string arrays among them."""
    kind = index % 10
    if kind == 5:
        return f"Status{index}", {"type": "string", "enum": ["Open", "Closed", "On Hold"]}
    if kind == 6:
        return f"count_{index}", {"type": "integer"}
    if kind == 7:
        return f"isActive{index}", {"type": "boolean"}
    if kind == 8:
        return f"Amount{index}", {"type": "number"}
    if kind == 9:
        return f"tags-{index}", {"type": "array", "items": {"type": "string"}}
    return f"Field{index}__c", {"type": "string", "description": f"Field {index} : free text"}


def wide_value(index: int) -> Any:
    """A valid value for field ``index`` of the 100-field tool."""
    return {5: "On Hold", 6: index, 7: True, 8: index + 0.5, 9: ["a", "b"]}.get(
        index % 10, f"value {index}"
    )


def wide_parameters() -> dict[str, Any]:
    """A full ``parameters`` object for the 100-field tool, under wire names."""
    return {wide_field(i)[0]: wide_value(i) for i in range(WIDE_FIELDS)}


def spec() -> dict[str, Any]:
    wide = [wide_field(i) for i in range(WIDE_FIELDS)]
    paths = {
        f"/projects/{{project_id}}/tools/#{SEND}": _operation(
            SEND,
            "chat",
            "Send Message",
            _object(
                {
                    "channel": {"type": "string", "description": "Channel"},
                    "message": {"type": "string", "description": "Message"},
                    "priority": {"type": "string", "enum": ["low", "high"]},
                    "notify": {"type": "boolean"},
                    "count": {"type": "integer"},
                },
                ["channel", "message"],
            ),
        ),
        f"/projects/{{project_id}}/tools/#{SEARCH}": _operation(
            SEARCH,
            "crm",
            "Search Records",
            _object(
                {
                    "objectType": {"type": "string"},
                    "pageSize": {"type": "string", "description": "Page size (a string)"},
                    "paginationParameters": _object({"pageCursor": {"type": "string"}}, []),
                },
                ["objectType"],
            ),
        ),
        f"/projects/{{project_id}}/tools/#{WIDE}": _operation(
            WIDE,
            "crm",
            "Create Record (100 fields)",
            _object(dict(wide), [name for name, _ in wide[:10]]),
        ),
        f"/projects/{{project_id}}/tools/#{DOWNLOAD}": _operation(
            DOWNLOAD,
            "drive",
            "Download File",
            _object({"fileId": {"type": "string"}}, ["fileId"]),
        ),
    }
    return {
        "openapi": "3.0.0",
        "info": {"title": "Client test kit", "version": "1.0.0"},
        "servers": [{"url": "https://actionkit.useparagon.com"}],
        "security": [],
        "paths": paths,
    }


# What the benchmark's constrained variant adds to each kind of field of the 100-field tool: bounds
# its valid value keeps (`wide_value`).
_CONSTRAINTS: dict[str, dict[str, Any]] = {
    "string": {"minLength": 1, "maxLength": 200, "pattern": "^[a-z]"},
    "integer": {"minimum": 0, "maximum": 1000},
    "number": {"minimum": 0, "exclusiveMaximum": True, "maximum": 1000},
    "boolean": {},
    "array": {"minItems": 1, "maxItems": 10, "uniqueItems": True},
}
CONSTRAINED_PACKAGE = "client_kit_constrained"


def constrained_spec() -> dict[str, Any]:
    """``spec()`` with every field of the 100-field tool constrained (for the benchmark)."""
    document = spec()
    body = document["paths"][f"/projects/{{project_id}}/tools/#{WIDE}"]["post"]["requestBody"]
    parameters = body["content"]["application/json"]["schema"]["properties"]["parameters"]
    for schema in parameters["properties"].values():
        if "enum" not in schema:
            schema.update(_CONSTRAINTS[schema["type"]])
    return document


@cache
def load(constrained: bool = False) -> ModuleType:
    """Generate ``client_kit`` from the current templates and import it (once per process);
    ``constrained=True``: ``client_kit_constrained``, from ``constrained_spec()``."""
    root = Path(tempfile.mkdtemp(prefix="client-kit-"))
    atexit.register(shutil.rmtree, root, True)
    spec_file = root / "spec" / "kit.json"
    spec_file.parent.mkdir()
    document = constrained_spec() if constrained else spec()
    spec_file.write_text(json.dumps(document), encoding="utf-8")
    package = CONSTRAINED_PACKAGE if constrained else PACKAGE
    generate([spec_file], root / "out", package)
    sys.path.insert(0, str(root / "out"))
    return importlib.import_module(package)


def tools_module(integration: str) -> ModuleType:
    load()
    return importlib.import_module(f"{PACKAGE}.tools.{integration}")
