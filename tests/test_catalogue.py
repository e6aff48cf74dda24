"""The synthetic catalogue is deterministic from its seed and has the real catalogue's traits."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from support.catalogue import build, dump

ROOT = Path(__file__).resolve().parent.parent


def _parameters(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        item["post"]["requestBody"]["content"]["application/json"]["schema"]["properties"][
            "parameters"
        ]
        for item in document["paths"].values()
    ]


def test_same_seed_same_bytes_other_seed_other_catalogue() -> None:
    for form in ("json", "yaml"):
        assert dump(build(80, seed=5), form) == dump(build(80, seed=5), form)
    assert build(80, seed=5) != build(80, seed=6)


def test_the_command_writes_the_same_document_as_json_and_yaml(tmp_path: Path) -> None:
    for form in ("json", "yaml"):
        command = [sys.executable, "-m", "support.catalogue", "--tools", "60", "--seed", "2"]
        subprocess.run(
            [*command, "--format", form, str(tmp_path / f"spec.{form}")],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
    from_json = json.loads((tmp_path / "spec.json").read_text(encoding="utf-8"))
    from_yaml = yaml.safe_load((tmp_path / "spec.yaml").read_text(encoding="utf-8"))
    assert from_json == from_yaml == build(60, seed=2)


def test_it_has_the_catalogues_traits() -> None:
    document = build(1000, seed=1)
    parameters = _parameters(document)
    schemas = [schema for tool in parameters for schema in tool["properties"].values()]
    names = [name for tool in parameters for name in tool["properties"]]
    assert len(document["paths"]) == 1000
    assert 120 <= len({tool["x-integration"] for tool in parameters}) <= 150
    assert any(len(tool["properties"]) >= 100 for tool in parameters)
    assert any(not tool["properties"] for tool in parameters)
    assert sum(schema.get("type") == "string" for schema in schemas) > len(schemas) / 2
    assert any(schema.get("enum") == [] for schema in schemas)
    assert any(" " in value for schema in schemas for value in schema.get("enum", []))
    assert any(schema.get("type") == "object" and "properties" not in schema for schema in schemas)
    assert "paginationParameters" in names
    nested = [tool["properties"]["filter"] for tool in parameters if "filter" in tool["properties"]]
    assert any("filter.value" in schema.get("properties", {}) for schema in nested)
    assert {"from", "Level__c", "field-email"} <= set(names)
    descriptions = " ".join(schema.get("description", "") for schema in schemas)
    for trait in ('"', "\n", "\\", "{{settings.folder}}", "\u2019", "\U0001f680"):
        assert trait in descriptions


def test_without_empty_enums_only_those_change() -> None:
    full, plain = build(200, seed=4), build(200, seed=4, empty_enums=False)
    for one, other in zip(_parameters(full), _parameters(plain), strict=True):
        for name, schema in one["properties"].items():
            expected = {k: v for k, v in schema.items() if not (k == "enum" and v == [])}
            assert other["properties"][name] == expected
