"""Regenerating: ``generate --check`` (and ``--diff``) on fresh, edited and spec-changed trees;
what ``generate`` says when it replaces a package; removed tools and integrations take their code
with them and nothing outside the package is touched; the pre-commit hooks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from generator.output.files import read_tree
from tests.clirun import run_process

ROOT = Path(__file__).resolve().parent.parent
SEVERAL = ROOT / "tests" / "golden" / "several_integrations" / "input" / "catalogue.json"
SEED = ROOT / "specs" / "actionkit.yaml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with a spec folder (the seed and two more integrations) and its package."""
    specs = tmp_path / "specs"
    specs.mkdir()
    shutil.copy(SEED, specs / "actionkit.yaml")
    shutil.copy(SEVERAL, specs / "more.json")
    result = run_process("generate", "--spec", "specs", "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path


def _check(project: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return run_process(
        "generate", "--check", "--spec", "specs", "--out", "out", *options, cwd=project
    )


def test_check_passes_on_a_fresh_tree(project: Path) -> None:
    before = read_tree(project / "out")
    result = _check(project)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{Path('out') / 'actionkit_client'} is up to date\n"
    assert read_tree(project / "out") == before


def test_check_fails_on_an_edited_tree_naming_the_file(project: Path) -> None:
    module = project / "out" / "actionkit_client" / "tools" / "slack.py"
    module.write_text(module.read_text() + "# a hand edit\n")
    before = read_tree(project / "out")

    result = _check(project, "--diff")

    assert result.returncode == 1
    assert f"  {Path('out/actionkit_client/tools/slack.py')}\n" in result.stderr
    assert len([line for line in result.stderr.splitlines() if line.startswith("  ")]) == 1
    assert "no tool changes\n" in result.stderr  # a hand edit, not a spec change
    assert "--- a/tools/slack.py\n+++ b/tools/slack.py\n" in result.stdout
    assert "-# a hand edit\n" in result.stdout
    assert read_tree(project / "out") == before


def test_check_fails_when_the_spec_changed_and_says_how(project: Path) -> None:
    spec = project / "specs" / "more.json"
    spec.write_text(spec.read_text().replace("SLACK_SEND_MESSAGE", "SLACK_POST_MESSAGE"))

    result = _check(project)

    assert result.returncode == 1
    stale = [line.strip() for line in result.stderr.splitlines() if line.startswith("  ")]
    assert stale == [
        str(Path("out/actionkit_client") / name)
        for name in ("_catalogue.py", "_metadata.py", "tools/_schemas_slack.py", "tools/slack.py")
    ]
    assert "tools: 1 tool added, 1 removed (breaking)\n" in result.stderr
    assert result.stdout == ""  # no --diff


def test_check_fails_when_the_package_is_missing(tmp_path: Path) -> None:
    result = run_process("generate", "--check", "--spec", str(SEED), "--out", "out", cwd=tmp_path)
    assert result.returncode == 1
    assert "__init__.py" in result.stderr
    assert not (tmp_path / "out").exists()


def test_check_with_bad_input_exits_2(project: Path) -> None:
    (project / "specs" / "more.json").write_text("{")
    result = _check(project)
    assert result.returncode == 2
    assert "more.json: line 1: invalid JSON" in result.stderr


def test_a_long_file_diff_is_cut_short(project: Path) -> None:
    (project / "out" / "actionkit_client" / "tools" / "slack.py").unlink()
    result = _check(project, "--diff")
    assert result.returncode == 1
    assert "--- /dev/null\n+++ b/tools/slack.py\n" in result.stdout
    assert "more lines\n" in result.stdout
    assert len(result.stdout.splitlines()) <= 41


def test_removing_a_tool_and_an_integration_removes_their_code_and_nothing_else(
    project: Path,
) -> None:
    out = project / "out"
    # What the generator does not own: files beside the package, another package.
    (out / "NOTES.md").write_text("the user's notes\n")
    (out / "other_package").mkdir()
    (out / "other_package" / "__init__.py").write_text("VALUE = 1\n")
    for path in (out / "NOTES.md", out / "other_package" / "__init__.py"):
        os.utime(path, (1_000_000_000, 1_000_000_000))
    outside = {
        path: (path.read_bytes(), path.stat().st_mtime)
        for path in out.rglob("*")
        if path.is_file() and "actionkit_client" not in path.parts
    }

    # The seed's integration goes (its only tool), and one tool of googledrive goes.
    (project / "specs" / "actionkit.yaml").unlink()
    spec = project / "specs" / "more.json"
    data = json.loads(spec.read_text())
    removed = [path for path in data["paths"] if path.endswith("#GOOGLE_DRIVE_DOWNLOAD_FILE")]
    assert removed
    for path in removed:
        del data["paths"][path]
    spec.write_text(json.dumps(data, indent=2))

    result = run_process("generate", "--spec", "specs", "--out", "out", "--diff", cwd=project)

    assert result.returncode == 0, result.stderr
    package = out / "actionkit_client"
    assert not (package / "tools" / "dynamicsfinance.py").exists()
    assert not (package / "tools" / "_schemas_dynamicsfinance.py").exists()
    schemas = (package / "tools" / "_schemas_googledrive.py").read_text()
    assert "GOOGLE_DRIVE_DOWNLOAD_FILE" not in schemas
    assert "google_drive_download_file" not in (package / "tools" / "googledrive.py").read_text()
    tools_init = (package / "_catalogue.py").read_text()
    assert '"DYNAMICS_365_FINANCE_UPDATE_INVOICE": (' not in tools_init
    assert '"GOOGLE_DRIVE_DOWNLOAD_FILE": (' not in tools_init
    assert '"GOOGLE_DRIVE_LIST_FILES": (' in tools_init
    assert (
        "replaced the previous package: 7 files changed; tools: 2 tools removed (breaking); "
        in result.stdout
    )
    assert "1 integration removed (breaking)" in result.stdout
    assert "--- a/tools/dynamicsfinance.py\n+++ /dev/null\n" in result.stdout
    now = {
        path: (path.read_bytes(), path.stat().st_mtime)
        for path in out.rglob("*")
        if path.is_file() and "actionkit_client" not in path.parts
    }
    assert now == outside
    assert sorted(path.name for path in out.iterdir()) == [
        "NOTES.md",
        "actionkit_client",
        "other_package",
    ]


def test_regenerating_an_unchanged_spec_says_so(project: Path) -> None:
    result = run_process("generate", "--spec", "specs", "--out", "out", cwd=project)
    assert result.returncode == 0
    assert result.stdout == f"{Path('out/actionkit_client')} is up to date: nothing to write\n"


def test_the_first_generation_prints_no_comparison(tmp_path: Path) -> None:
    result = run_process("generate", "--spec", str(SEED), "--out", "out", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout == (
        f"wrote {Path('out/actionkit_client')}: 1 tool in 1 integration (50 files written, 0 removed)\n"
    )


def test_pre_commit_hooks_run_the_check() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    by_id = {hook["id"]: hook for hook in hooks}
    check = by_id["actionkit-codegen-check"]
    assert check["entry"] == "actionkit-codegen generate --check"
    assert check["pass_filenames"] is False
    assert check["language"] == "python"
    for hook in hooks:
        assert {"id", "name", "entry", "language"} <= hook.keys()
        assert hook["entry"].split()[0] == "actionkit-codegen"
