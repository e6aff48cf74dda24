"""``generate --overlay``: a user's List Tools answer (or another OpenAPI document) laid over the
shared spec. Its tools replace the spec's definitions of the same tools and add the others;
``generate`` says which; a problem in the overlay points into the overlay file."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

from tests.clirun import run_process

ROOT = Path(__file__).resolve().parent.parent
SEED = "DYNAMICS_365_FINANCE_UPDATE_INVOICE"


def _answer(level_type: Any = "string") -> dict[str, Any]:
    """A user's List Tools answer: the seed tool with a custom field, and one tool more."""
    schema = _tools(ROOT / "generated" / "actionkit_client")[SEED]
    schema["properties"]["Level__c"] = {"type": level_type, "description": "Level (custom)"}
    schema["properties"]["IsOneTimeCustomer"]["enum"] = ["Yes", "No", "Unknown"]

    def function(name: str, parameters: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "function",
            "function": {"name": name, "description": f"{name}.", "parameters": parameters},
        }

    extra = {"type": "object", "properties": {"q": {"type": "string"}}, "required": []}
    return {
        "tools": {
            "dynamicsfinance": [function(SEED, schema), function("DYNAMICS_365_FINANCE_X", extra)]
        },
        "errors": [],
    }


def _tools(package: Path) -> dict[str, Any]:
    source = (package / "tools" / "_schemas_dynamicsfinance.py").read_text()
    [assignment] = [
        node
        for node in ast.parse(source).body
        if isinstance(node, ast.Assign)
        and [getattr(target, "id", None) for target in node.targets] == ["SCHEMAS_JSON"]
    ]
    assert isinstance(assignment.value, ast.Constant)
    assert isinstance(assignment.value.value, str)
    schemas: dict[str, Any] = json.loads(assignment.value.value)
    return schemas


def test_an_overlay_replaces_and_adds_tools(tmp_path: Path) -> None:
    (tmp_path / "user.json").write_text(json.dumps(_answer()))
    args = ["generate", "--spec", str(ROOT / "specs"), "--out", "out", "--overlay", "user.json"]

    result = run_process(*args, cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1] == (
        f"overlay: replaced 1 tool ({SEED}); added 1 tool (DYNAMICS_365_FINANCE_X)"
    )
    tools = _tools(tmp_path / "out" / "actionkit_client")
    assert sorted(tools) == [SEED, "DYNAMICS_365_FINANCE_X"]
    assert tools[SEED]["properties"]["Level__c"]["type"] == "string"
    module = (tmp_path / "out" / "actionkit_client" / "tools" / "dynamicsfinance.py").read_text()
    assert "level__c: str | None = None" in module
    assert 'Literal["Yes", "No", "Unknown"]' in module
    assert run_process(*args[:1], "--check", *args[1:], cwd=tmp_path).returncode == 0
    # Without the overlay, the same package is stale: the overlay is part of what it records.
    assert run_process(*args[:-2], "--check", cwd=tmp_path).returncode == 1


def test_the_overlay_comes_from_the_config_too(tmp_path: Path) -> None:
    (tmp_path / "overlays").mkdir()
    (tmp_path / "overlays" / "user.json").write_text(json.dumps(_answer()))
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.actionkit-codegen]\nspec = ["{ROOT / "specs"}"]\nout = "out"\n'
        'overlay = ["overlays/"]\n'
    )
    result = run_process("generate", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "overlay: replaced 1 tool" in result.stdout


def test_a_problem_in_the_overlay_points_into_it(tmp_path: Path) -> None:
    (tmp_path / "user.json").write_text(json.dumps(_answer(level_type=5)))
    before = sorted(tmp_path.iterdir())
    result = run_process(
        "generate",
        "--spec",
        str(ROOT / "specs"),
        "--out",
        "out",
        "--overlay",
        "user.json",
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines, result.stderr
    for line in lines:
        assert line.startswith(
            "user.json: /tools/dynamicsfinance/0/function/parameters/properties/Level__c"
        ), line
    assert sorted(tmp_path.iterdir()) == before


def test_bad_settings_are_reported_where_they_are(tmp_path: Path) -> None:
    for setting, location, message in (
        ("overlay = 3", "/tool/actionkit-codegen/overlay", "expected a path or a list"),
        (
            'distribution = "not a name!"',
            "/tool/actionkit-codegen/distribution",
            "not a distribution name",
        ),
    ):
        (tmp_path / "pyproject.toml").write_text(f"[tool.actionkit-codegen]\n{setting}\n")
        result = run_process("generate", cwd=tmp_path)
        assert result.returncode == 2
        assert result.stderr.startswith(f"pyproject.toml: {location}: {message}"), result.stderr


def test_an_overlay_that_is_not_there_is_reported(tmp_path: Path) -> None:
    result = run_process(
        "generate", "--spec", str(ROOT / "specs"), "--overlay", "nowhere.json", cwd=tmp_path
    )
    assert result.returncode == 2
    assert result.stderr == "nowhere.json: line 1: no such file or folder\n"
    assert list(tmp_path.iterdir()) == []
