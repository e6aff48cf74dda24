"""``actionkit-codegen diff``: the golden cases in tests/diff_cases, exit codes, and the rules."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.runtime import _diff as runtime
from tests.diff_cases import FORMATS, HERE, cases, run

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "specs" / "actionkit.yaml"


@pytest.mark.parametrize("format", sorted(FORMATS))
@pytest.mark.parametrize("case", cases())
def test_case_prints_its_expected_report(case: str, format: str) -> None:
    result = run(case, "--format", format)
    assert result.returncode == 0, result.stderr
    expected = (HERE / case / FORMATS[format]).read_text(encoding="utf-8")
    assert result.stdout == expected, f"run `make golden` if the change to {case} is meant"


def test_the_cases_cover_every_kind_of_change() -> None:
    kinds = set()
    for case in cases():
        report = json.loads((HERE / case / "expected.json").read_text(encoding="utf-8"))
        kinds |= {change["change"] for change in report["changes"]}
        kinds |= {(change["change"], change["breaking"]) for change in report["changes"]}
    every = {
        runtime.TOOL_ADDED,
        runtime.TOOL_REMOVED,
        runtime.INTEGRATION_CHANGED,
        runtime.PARAMETER_ADDED,
        runtime.PARAMETER_REMOVED,
        runtime.TYPE_CHANGED,
        runtime.ENUM_VALUES_ADDED,
        runtime.ENUM_VALUES_REMOVED,
        runtime.ENUM_ADDED,
        runtime.ENUM_REMOVED,
        runtime.BECAME_REQUIRED,
        runtime.BECAME_OPTIONAL,
        runtime.BECAME_NULLABLE,
        runtime.NO_LONGER_NULLABLE,
    }
    assert every <= kinds
    # Both sides of the kinds whose verdict depends on the change.
    assert {(runtime.PARAMETER_ADDED, True), (runtime.PARAMETER_ADDED, False)} <= kinds
    assert {(runtime.TYPE_CHANGED, True), (runtime.TYPE_CHANGED, False)} <= kinds


def test_fail_on_breaking_exits_1_only_for_a_breaking_change() -> None:
    assert run("every_change", "--fail-on-breaking").returncode == 1
    assert run("every_change").returncode == 0

    same = _diff(str(SEED), str(SEED), "--fail-on-breaking")
    assert same.returncode == 0
    assert same.stdout == "no changes\n"


def test_only_non_breaking_changes_pass_fail_on_breaking(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    new = tmp_path / "new.yaml"
    # A new optional parameter and a new enum value: nothing a caller did stops working.
    new.write_text(
        text.replace(
            "                    TermsOfPayment:\n",
            "                    Notes:\n                      type: string\n"
            "                    TermsOfPayment:\n",
        ).replace(
            "                        - 'No'\n",
            "                        - 'No'\n                        - Maybe\n",
        ),
        encoding="utf-8",
    )
    result = _diff(str(SEED), str(new), "--fail-on-breaking", "--format", "json")
    assert result.returncode == 0, result.stdout
    report = json.loads(result.stdout)
    assert report["breaking"] is False
    assert [(c["change"], c["parameter"]) for c in report["changes"]] == [
        ("enum_values_added", "IsOneTimeCustomer"),
        ("parameter_added", "Notes"),
    ]


def test_bad_input_on_either_side_exits_2_naming_every_problem(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    result = _diff(str(tmp_path / "missing.yaml"), str(broken))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "missing.yaml: line 1: no such file or folder" in result.stderr
    assert "broken.json: line 1: invalid JSON" in result.stderr
    assert result.stdout == ""


def _diff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "diff", *args],
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
    )


# The rules, on the runtime module itself.


def _tool(properties: dict[str, Any], required: tuple[str, ...] = ()) -> Any:
    return runtime.ToolSchema(
        {"type": "object", "properties": properties, "required": list(required)}
    )


def _changes(old: Any, new: Any) -> list[tuple[str, str | None, bool]]:
    report = runtime.compare({"T": old}, {"T": new})
    return [(c.kind, c.parameter, c.breaking) for c in report.changes]


def test_a_renamed_wire_name_is_a_removal_and_an_addition() -> None:
    assert _changes(_tool({"phone": {"type": "string"}}), _tool({"Phone": {"type": "string"}})) == [
        ("parameter_added", "Phone", False),
        ("parameter_removed", "phone", True),
    ]


def test_an_empty_enum_is_any_string() -> None:
    old = _tool({"Owner": {"type": "string", "enum": []}})
    assert _changes(old, _tool({"Owner": {"type": "string"}})) == []
    assert _changes(old, _tool({"Owner": {"type": "string", "enum": ["a"]}})) == [
        ("enum_added", "Owner", True)
    ]


def test_property_order_is_no_change_and_a_description_change_is_not_breaking() -> None:
    old = _tool({"a": {"type": "string"}, "b": {"type": "integer", "description": "B"}}, ("a",))
    new = _tool({"b": {"type": "integer", "description": "Bee"}, "a": {"type": "string"}}, ("a",))
    assert _changes(old, new) == [("description_changed", "b", False)]
    reordered = _tool(
        {"b": {"type": "integer", "description": "B"}, "a": {"type": "string"}}, ("a",)
    )
    assert _changes(old, reordered) == []


def test_a_tool_without_parameters_gaining_one_is_not_a_type_change() -> None:
    old = runtime.ToolSchema({"type": "object", "properties": {}, "required": []})
    assert _changes(old, _tool({"limit": {"type": "integer"}})) == [
        ("parameter_added", "limit", False)
    ]


def test_recursive_schemas_are_compared_once() -> None:
    node = {
        "type": "object",
        "properties": {"child": {"$ref": "#/$defs/node"}, "label": {"type": "string"}},
    }
    old = runtime.ToolSchema({**node, "$defs": {"node": node}})
    assert _changes(old, old) == []


def test_the_summary_names_the_noun_once() -> None:
    report = runtime.compare(
        {"A": _tool({}), "B": _tool({})}, {"B": _tool({"x": {"type": "string"}}, ("x",))}
    )
    assert report.summary() == "1 tool removed (breaking), 1 changed (1 breaking)"
