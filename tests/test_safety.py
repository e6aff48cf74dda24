"""A spec whose strings try to run code: the generated package imports and runs nothing it should
not, and every string comes back exactly as the spec gave it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from generator.workflows.generate import generate
from tests.golden import ROOT as GOLDEN

HOSTILE = GOLDEN / "hostile_strings" / "input" / "hostile.json"

# Run in a fresh interpreter whose working folder is a scratch folder: any file the spec's strings
# try to create would land there.
EXERCISE = r"""
import json, sys
from hostile.tools import TOOLS
spec = json.loads(open(sys.argv[1], encoding="utf-8").read())
[(path, item)] = spec["paths"].items()
operation = item["post"]
body = operation["requestBody"]["content"]["application/json"]["schema"]
schema = body["properties"]["parameters"]
[name] = TOOLS
cls = TOOLS[name]
assert name == body["properties"]["tool"]["default"], name
assert cls.TITLE == operation["summary"]
assert cls.INTEGRATION == operation["x-integration"]
assert cls.json_schema() == schema
mood = schema["properties"]["mood"]["enum"]
assert list(cls._PARAMS[[p.wire_name for p in cls._PARAMS].index("mood")].type.values) == mood
sample = {wire: "v" for wire in schema["properties"] if wire not in ("mood", "nested")}
sample.update({"mood": mood[0], "nested": {"'''": "\"\"\""}})
assert cls.from_parameters(sample).to_parameters() == sample
for param in cls._PARAMS:
    assert param.name.isidentifier(), param.name
print("ok", len(cls._PARAMS))
"""


def test_hostile_strings_generate_import_and_round_trip(tmp_path: Path) -> None:
    out = tmp_path / "out"
    generate([HOSTILE], out, "hostile")
    scratch = tmp_path / "scratch"
    scratch.mkdir()

    for source in sorted((out / "hostile").rglob("*.py")):
        compile(source.read_text(encoding="utf-8"), str(source), "exec")
    result = subprocess.run(
        [sys.executable, "-c", EXERCISE, str(HOSTILE)],
        cwd=scratch,
        env={"PYTHONPATH": str(out), "PATH": ""},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok")
    assert list(scratch.iterdir()) == []
    assert not list(tmp_path.rglob("PWNED*"))
    assert not list(Path.cwd().glob("PWNED*"))


def test_hostile_descriptions_stay_docstrings(tmp_path: Path) -> None:
    """Each description is one string expression: no statement sneaks in after a docstring."""
    import ast
    import inspect

    generate([HOSTILE], tmp_path, "hostile")
    [module_path] = [
        p for p in (tmp_path / "hostile" / "tools").glob("*.py") if not p.name.startswith("_")
    ]
    tree = ast.parse(module_path.read_text(encoding="utf-8"))
    calls = [
        node.func.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    ]
    assert "open" not in calls and "__import__" not in calls
    spec = json.loads(HOSTILE.read_text(encoding="utf-8"))
    (path_item,) = spec["paths"].values()
    description = path_item["post"]["requestBody"]["content"]["application/json"]["schema"][
        "properties"
    ]["parameters"]["properties"]["title"]["description"]
    docstrings = {
        inspect.cleandoc(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    assert description in docstrings


def test_hostile_schemas_stay_string_constants(tmp_path: Path) -> None:
    """A schemas module is a docstring and two strings: the schemas' JSON text, exactly as the
    spec's, and the titles and descriptions' (exactly the operations' summaries and
    descriptions)."""
    import ast
    import json

    generate([HOSTILE], tmp_path, "hostile")
    [module_path] = (tmp_path / "hostile" / "tools").glob("_schemas_*.py")
    tree = ast.parse(module_path.read_text(encoding="utf-8"))
    docstring, *assignments = tree.body
    assert isinstance(docstring, ast.Expr) and isinstance(docstring.value, ast.Constant)
    constants: dict[str, Any] = {}
    for assignment in assignments:
        assert isinstance(assignment, ast.Assign) and isinstance(assignment.value, ast.Constant)
        assert isinstance(assignment.value.value, str)
        [target] = assignment.targets
        assert isinstance(target, ast.Name)
        constants[target.id] = json.loads(assignment.value.value)
    assert set(constants) == {"SCHEMAS_JSON", "DOCS_JSON"}
    spec = json.loads(HOSTILE.read_text(encoding="utf-8"))
    assert len(constants["SCHEMAS_JSON"]) == len(spec["paths"])
    operations = [path["post"] for path in spec["paths"].values()]
    docs = constants["DOCS_JSON"]
    assert set(docs) == set(constants["SCHEMAS_JSON"])
    assert sorted(doc["description"] or "" for doc in docs.values()) == sorted(
        operation.get("description") or "" for operation in operations
    )
    assert {doc["title"] for doc in docs.values()} >= {
        operation["summary"] for operation in operations if operation.get("summary")
    }
