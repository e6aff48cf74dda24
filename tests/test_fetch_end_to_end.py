"""The whole path on a fresh copy of the repository: upstream (a local HTTP server serving the
spec as the docs do, minified JSON) moves, ``fetch`` with its defaults replaces the project's own
spec file, ``generate`` makes a client of exactly the fetched tools, ``generate --check`` agrees;
upstream moves again (a tool removed, a type changed), ``fetch`` reports both, ``fetch --check``
sees it first, and ``generate`` takes the removed tool away."""

from __future__ import annotations

import copy
import difflib
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from support.standin import Reply, Standin
from tests.clirun import run_process

ROOT = Path(__file__).resolve().parent.parent
SEVERAL = ROOT / "tests" / "golden" / "several_integrations" / "input" / "catalogue.json"
SEED_TOOL = "DYNAMICS_365_FINANCE_UPDATE_INVOICE"


def _upstream() -> dict[str, Any]:
    """The seed spec with its tool changed (a new parameter), plus more tools."""
    spec: dict[str, Any] = yaml.safe_load((ROOT / "specs" / "actionkit.yaml").read_text())
    [seed] = [item for path, item in spec["paths"].items() if path.endswith(SEED_TOOL)]
    parameters = seed["post"]["requestBody"]["content"]["application/json"]["schema"]["properties"][
        "parameters"
    ]
    parameters["properties"]["PaymentReference"] = {
        "type": "string",
        "description": "Payment reference\nSeveral lines: kept as a YAML block.",
    }
    spec["paths"].update(json.loads(SEVERAL.read_text(encoding="utf-8"))["paths"])
    return spec


def _tool_names(project: Path) -> list[str]:
    script = "from actionkit_client.tools import TOOLS; print(*sorted(TOOLS), sep='\\n')"
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(project / "generated"), "PATH": ""},
    )
    return result.stdout.split()


def _names(spec: dict[str, Any]) -> list[str]:
    return sorted(path.rpartition("#")[2] for path in spec["paths"])


def test_fetch_generate_and_fetch_again(standin: Standin, tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    for name in ("pyproject.toml", "specs", "generated"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, project / name)
    url = f"{standin.url}/actionkit/openapi.json"
    spec_file = project / "specs" / "actionkit.yaml"

    first = _upstream()
    standin.script(Reply(raw=json.dumps(first, separators=(",", ":")).encode()))
    fetched = run_process("fetch", "--url", url, cwd=project)
    assert fetched.returncode == 0, fetched.stderr
    assert fetched.stdout.startswith(f"fetched {url} into specs/actionkit.yaml (")
    assert f"~ {SEED_TOOL}" in fetched.stdout
    assert "+ SLACK_SEND_MESSAGE: added (integration slack)" in fetched.stdout
    assert sorted(p.name for p in (project / "specs").iterdir()) == ["actionkit.yaml"]
    # YAML stays YAML, one value a line: readable in review.
    text = spec_file.read_text()
    assert yaml.safe_load(text) == first
    assert len(text.splitlines()) > 100
    assert "      description: |-\n" in text or "description: |" in text

    generated = run_process("generate", cwd=project)
    assert generated.returncode == 0, generated.stderr
    assert _tool_names(project) == _names(first)
    assert run_process("generate", "--check", cwd=project).returncode == 0

    # Upstream again: one tool gone, one type changed.
    second = copy.deepcopy(first)
    [gone] = [path for path in second["paths"] if path.endswith("#SLACK_SEND_MESSAGE")]
    del second["paths"][gone]
    [seed] = [item for path, item in second["paths"].items() if path.endswith(SEED_TOOL)]
    schema = seed["post"]["requestBody"]["content"]["application/json"]["schema"]
    schema["properties"]["parameters"]["properties"]["PaymentReference"]["type"] = "integer"
    standin.script(*[Reply(raw=json.dumps(second, separators=(",", ":")).encode())] * 2)

    checked = run_process("fetch", "--url", url, "--check", cwd=project)
    assert checked.returncode == 1, checked.stderr
    assert spec_file.read_text() == text  # --check writes nothing

    fetched = run_process("fetch", "--url", url, cwd=project)
    assert fetched.returncode == 0, fetched.stderr
    for report in (checked.stdout, fetched.stdout):
        assert "- SLACK_SEND_MESSAGE: removed (integration slack)  [breaking]" in report
        assert "PaymentReference: type changed from string to integer  [breaking]" in report
    # The change reads as the change: a few lines, not the whole file.
    changed = [
        line
        for line in difflib.unified_diff(text.splitlines(), spec_file.read_text().splitlines())
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert 0 < len(changed) < 80, changed

    assert run_process("generate", "--check", cwd=project).returncode == 1
    assert run_process("generate", cwd=project).returncode == 0
    assert _tool_names(project) == _names(second)
    assert "SLACK_SEND_MESSAGE" not in _tool_names(project)
    assert run_process("generate", "--check", cwd=project).returncode == 0

    standin.script(Reply(raw=json.dumps(second).encode()))
    again = run_process("fetch", "--url", url, "--check", cwd=project)
    assert again.returncode == 0, again.stdout + again.stderr
    assert again.stdout.startswith("specs/actionkit.yaml is the current spec")


def test_fetch_refuses_to_guess_among_several_spec_files(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    shutil.copy(ROOT / "specs" / "actionkit.yaml", specs / "a.yaml")
    shutil.copy(SEVERAL, specs / "b.json")
    result = run_process("fetch", "--url", str(SEVERAL), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("specs: line 1: holds 2 spec files (a.yaml, b.json)")
    assert sorted(p.name for p in specs.iterdir()) == ["a.yaml", "b.json"]


def test_fetch_out_among_several_spec_files_says_what_else_generate_reads(
    tmp_path: Path,
) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    shutil.copy(ROOT / "specs" / "actionkit.yaml", specs / "a.yaml")
    shutil.copy(SEVERAL, specs / "b.json")
    result = run_process("fetch", "--url", str(SEVERAL), "--out", "specs/a.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"note: generate also reads {(specs / 'b.json').resolve()}\n"
