"""Bad input: exit 2, one `FILE: LOCATION: message` line per problem, no traceback, and the
output folder untouched byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.output.files import read_tree
from tests.clirun import run_process

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "specs" / "actionkit.yaml"

_SEED_TEXT = SEED.read_text(encoding="utf-8")
_JSON_BODY = "        content:\n          application/json:\n"

# name -> (files to write, expected stderr fragments)
BAD_INPUTS: dict[str, tuple[dict[str, str | bytes], list[str]]] = {
    "missing file": ({}, ["nowhere.yaml: line 1: no such file or folder"]),
    "not UTF-8": (
        {"spec.yaml": b"openapi: 3.0.0\ninfo: \xff\xfe\n"},
        ["spec.yaml: line 1: not UTF-8 text"],
    ),
    "YAML syntax error": (
        {"spec.yaml": "openapi: 3.0.0\ninfo:\n  title: x\n  version: [1\npaths: {}\n"},
        ["spec.yaml: line 5: invalid YAML:"],
    ),
    "JSON syntax error": (
        {"spec.json": '{\n  "openapi": "3.0.0",\n  "info": {,}\n}\n'},
        ["spec.json: line 3: invalid JSON: Expecting property name enclosed in double quotes"],
    ),
    "not a mapping": (
        {"spec.yaml": "- just\n- a list\n"},
        ["spec.yaml: line 1: not an OpenAPI document"],
    ),
    "Swagger 2.0": (
        {"spec.yaml": "swagger: '2.0'\ninfo: {title: x, version: '1'}\npaths: {}\n"},
        ["spec.yaml: /openapi: not an OpenAPI 3.0 document (no 'openapi' field)"],
    ),
    "OpenAPI 3.1": (
        {"spec.yaml": "openapi: 3.1.0\ninfo: {title: x, version: '1'}\npaths: {}\n"},
        ["spec.yaml: /openapi: not an OpenAPI 3.0 document (openapi: '3.1.0')"],
    ),
    "invalid document": (
        {
            "spec.yaml": _SEED_TEXT.replace(
                "type: string\n                      description: Terms",
                "type: strin\n                      description: Terms",
            )
        },
        [
            "spec.yaml: /paths/~1projects~1{project_id}~1tools~1#DYNAMICS_365_FINANCE_UPDATE_INVOICE/post/requestBody/content/application~1json/schema/properties/parameters/properties/TermsOfPayment/type: Input should be"
        ],
    ),
    "missing info": (
        {"spec.yaml": "openapi: 3.0.0\npaths: {}\n"},
        ["spec.yaml: /info: Field required"],
    ),
    "no JSON request body": (
        {"spec.yaml": _SEED_TEXT.replace(_JSON_BODY, "        content:\n          text/plain:\n")},
        [
            "spec.yaml: /paths/~1projects~1{project_id}~1tools~1#DYNAMICS_365_FINANCE_UPDATE_INVOICE/post: tool operation has no application/json request body"
        ],
    ),
    "page without a yaml block": (
        {"page.md": "# Update Invoice\n\nNo spec here.\n"},
        ["page.md: line 1: no ```yaml block holding an OpenAPI document"],
    ),
    "tool defined twice, differently": (
        {
            "a.yaml": _SEED_TEXT,
            "b.yaml": _SEED_TEXT.replace("summary: Update Invoice", "summary: Update an Invoice"),
        },
        [
            "b.yaml: /paths/~1projects~1{project_id}~1tools~1#DYNAMICS_365_FINANCE_UPDATE_INVOICE: tool DYNAMICS_365_FINANCE_UPDATE_INVOICE is also defined, differently, in",
            "a.yaml",
        ],
    ),
}


@pytest.fixture(scope="module")
def good_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("good") / "out"
    result = run_process("generate", "--spec", str(SEED), "--out", str(out), cwd=out.parent)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def existing_output(good_output: Path, tmp_path: Path) -> Path:
    """An output folder holding a package from an earlier, good run, plus a user's own file."""
    out = tmp_path / "out"
    shutil.copytree(good_output, out)
    (out / "NOTES.txt").write_text("the user's own file\n")
    return out


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_exits_2_and_leaves_output_untouched(
    case: str, tmp_path: Path, existing_output: Path
) -> None:
    files, expected = BAD_INPUTS[case]
    specs = tmp_path / "specs"
    specs.mkdir()
    for name, content in files.items():
        path = specs / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    spec_arg = str(specs) if files else str(specs / "nowhere.yaml")
    before = read_tree(existing_output)

    result = run_process(
        "generate", "--spec", spec_arg, "--out", str(existing_output), cwd=tmp_path
    )

    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    for fragment in expected:
        assert fragment in result.stderr, result.stderr
    assert all(line.count(": ") >= 2 for line in result.stderr.splitlines()), result.stderr
    assert read_tree(existing_output) == before
    assert sorted(p.name for p in existing_output.iterdir()) == ["NOTES.txt", "actionkit_client"]


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("{")
    (tmp_path / "b.yaml").write_text("openapi: [3.0.0\n")
    result = run_process(
        "generate", "--spec", str(tmp_path), "--out", str(tmp_path / "out"), cwd=tmp_path
    )
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 2, result.stderr
    assert not (tmp_path / "out").exists()


def test_bad_package_name_is_a_usage_error(tmp_path: Path) -> None:
    result = run_process("generate", "--spec", str(SEED), "--package", "not-a-name", cwd=tmp_path)
    assert result.returncode == 2
    assert "package name 'not-a-name' is not a Python identifier" in result.stderr
    assert "Traceback" not in result.stderr
