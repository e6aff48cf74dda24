"""The List Tools answer as input: the golden package it generates round-trips, older answer
shapes read the same, mixing with OpenAPI documents, and problems pointing into the answer."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from generator.problems import InputError
from generator.workflows.front import load_catalogue as build_catalogue
from tests.golden_packages import golden_package

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "specs" / "actionkit.yaml"
CASE = ROOT / "tests" / "golden" / "list_tools_answer"
DUMP = CASE / "input" / "tools.json"
ANSWER: dict[str, Any] = json.loads(DUMP.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def package() -> ModuleType:
    return golden_package("list_tools_answer")


def _functions() -> Iterator[tuple[str, dict[str, Any]]]:
    for integration, entries in ANSWER["tools"].items():
        for entry in entries:
            yield integration, entry["function"]


def test_every_tool_of_the_answer_is_generated_under_its_integration_key(
    package: ModuleType,
) -> None:
    from golden_list_tools_answer.tools import TOOLS  # type: ignore[import-not-found]

    assert sorted(TOOLS) == sorted(function["name"] for _, function in _functions())
    for integration, function in _functions():
        call = TOOLS[function["name"]]
        # The integration key, not the tool name's prefix (GOOGLE_DRIVE_*, DYNAMICS_365_*).
        assert integration == call.INTEGRATION
        assert call.__module__ == f"golden_list_tools_answer.tools.{integration}"
        assert call.json_schema() == function["parameters"]


def test_titles_come_from_the_description_or_the_name(package: ModuleType) -> None:
    from golden_list_tools_answer.tools import TOOLS

    assert TOOLS["SALESFORCE_CREATE_RECORD_CONTACT"].TITLE == "Create a contact in Salesforce"
    assert TOOLS["GOOGLE_DRIVE_LIST_FILES"].TITLE == "List the files of a folder"
    assert TOOLS["DYNAMICS_365_FINANCE_GET_INVOICES"].TITLE == "DYNAMICS_365_FINANCE_GET_INVOICES"


def test_custom_fields_and_empty_enums_round_trip(package: ModuleType) -> None:
    from golden_list_tools_answer import ActionKitValidationError  # type: ignore[import-not-found]
    from golden_list_tools_answer.tools.salesforce import SalesforceCreateRecordContact  # type: ignore[import-not-found]

    parameters = {
        "LastName": "Lovelace",
        "Name": "Ada Lovelace",
        "Level__c": "Gold",
        "Languages__c": "English; French",
        "OwnerId": "any string: the option list was empty",
        "Salutation": "Dr.",
        "NumberOfEmployees": 3,
        "DoNotCall": False,
        "additionalFields": [{"free": "JSON"}],
    }
    call = SalesforceCreateRecordContact.from_parameters(parameters)
    assert call.level__c == "Gold"
    assert call.to_parameters() == parameters
    assert SalesforceCreateRecordContact(**vars_of(call)).to_parameters() == parameters

    with pytest.raises(ActionKitValidationError) as caught:
        SalesforceCreateRecordContact.from_parameters({"LastName": "x", "Level__c": "Platinum"})
    assert {problem.path for problem in caught.value.problems} == {
        "parameters.Name",
        "parameters.Level__c",
    }


def vars_of(call: Any) -> dict[str, Any]:
    return {field.name: getattr(call, field.name) for field in dataclasses.fields(call)}


def test_nested_and_dotted_parameters_round_trip(package: ModuleType) -> None:
    from golden_list_tools_answer.tools.salesforce import SalesforceSearchRecordsContact

    parameters = {
        "filter": {"filter.value": "Ada", "operator": "equals"},
        "paginationParameters": {"pageCursor": "abc"},
        "pageSize": "100",
    }
    assert SalesforceSearchRecordsContact.from_parameters(parameters).to_parameters() == parameters
    assert SalesforceSearchRecordsContact.from_parameters({}).to_parameters() == {}


def test_older_answers_read_the_same(tmp_path: Path) -> None:
    expected = build_catalogue([DUMP])

    actions = tmp_path / "actions.json"
    actions.write_text(json.dumps({"actions": ANSWER["tools"], "errors": []}), encoding="utf-8")
    assert build_catalogue([actions]).tools == _with_source(expected.tools, str(actions))

    # One list, without integration keys: the integration is the name's prefix, as in a spec
    # without x-integration.
    flat = tmp_path / "flat.json"
    flat.write_text(
        json.dumps(
            {"actions": [entry for entries in ANSWER["tools"].values() for entry in entries]}
        ),
        encoding="utf-8",
    )
    integrations = {tool.name: tool.integration for tool in build_catalogue([flat]).tools}
    assert integrations["GOOGLE_DRIVE_LIST_FILES"] == "google"
    assert integrations["SALESFORCE_CREATE_RECORD_CONTACT"] == "salesforce"


def _with_source(tools: Any, source: str) -> Any:
    return tuple(dataclasses.replace(tool, source=source) for tool in tools)


def test_an_answer_and_openapi_documents_mix_when_their_tools_do_not_overlap(
    tmp_path: Path,
) -> None:
    catalogue = build_catalogue([SEED, DUMP])
    names = {tool.name for tool in catalogue.tools}
    assert "DYNAMICS_365_FINANCE_UPDATE_INVOICE" in names
    assert "SALESFORCE_CREATE_RECORD_CONTACT" in names


def test_a_tool_in_both_formats_is_an_error_naming_it(tmp_path: Path) -> None:
    answer = {
        "tools": {
            "dynamicsfinance": [
                {
                    "type": "function",
                    "function": {
                        "name": "DYNAMICS_365_FINANCE_UPDATE_INVOICE",
                        "description": "Update Invoice",
                        "parameters": {"type": "object", "properties": {}},
                    },
                }
            ]
        }
    }
    dump = tmp_path / "tools.json"
    dump.write_text(json.dumps(answer), encoding="utf-8")
    out = tmp_path / "out"

    result = _generate("--spec", str(SEED), "--spec", str(dump), "--out", str(out))

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"{dump}: /tools/dynamicsfinance/0/function: tool DYNAMICS_365_FINANCE_UPDATE_INVOICE "
        f"is also in the OpenAPI document {SEED}: a List Tools answer and OpenAPI documents may "
        "be generated together only when their tools do not overlap (to lay a user's tools "
        "over the spec, use --overlay)"
    ]
    assert not out.exists()


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ({"tools": {"slack": {"name": "X"}}}, ["/tools/slack: expected a list of tools"]),
        ({"tools": "everything"}, ["/tools: expected a mapping of integration to tools"]),
        (
            {"tools": {"slack": [{"type": "function", "function": {"description": "no name"}}]}},
            ["/tools/slack/0/function/name: expected the tool's name"],
        ),
        (
            {"tools": {"slack": [{"function": {"name": "A"}}, {"function": {"name": "A"}}]}},
            ["/tools/slack/1/function: tool A is listed twice (first at /tools/slack/0/function)"],
        ),
        (
            {"tools": {"slack": [{"function": {"name": "A", "parameters": []}}]}},
            ["/tools/slack/0/function/parameters: expected a JSON Schema object"],
        ),
        (
            # Found by OpenAPI validation, in the converted document: pointed back into the answer.
            {
                "tools": {
                    "slack": [
                        {
                            "function": {
                                "name": "SLACK_SEND",
                                "parameters": {"type": "object", "properties": {"n": {"type": 5}}},
                            }
                        }
                    ]
                }
            },
            ["/tools/slack/0/function/parameters/properties/n/type: Input should be"],
        ),
    ],
)
def test_problems_point_into_the_answer(
    answer: dict[str, Any], expected: list[str], tmp_path: Path
) -> None:
    dump = tmp_path / "tools.json"
    dump.write_text(json.dumps(answer), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        build_catalogue([dump])
    lines = [str(problem) for problem in caught.value.problems]
    assert len(lines) == len(expected), lines
    for line, fragment in zip(lines, expected, strict=True):
        assert line.startswith(f"{dump}: {fragment}"), line


def test_refs_inside_an_answer_resolve_within_the_tool(tmp_path: Path) -> None:
    parameters = {
        "type": "object",
        "properties": {"owner": {"$ref": "#/$defs/person"}},
        "$defs": {"person": {"type": "string", "enum": ["me", "you"]}},
    }
    dump = tmp_path / "tools.json"
    dump.write_text(
        json.dumps(
            {"tools": {"crm": [{"function": {"name": "CRM_ASSIGN", "parameters": parameters}}]}}
        ),
        encoding="utf-8",
    )
    [tool] = build_catalogue([dump]).tools
    [field] = tool.fields
    assert field.wire_name == "owner"
    assert getattr(field.type, "values", None) == ("me", "you")


def _generate(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "generate", *args],
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
    )
