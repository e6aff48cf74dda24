"""A bad tool: refused (exit 2, `FILE: LOCATION: message`), or with ``--skip-invalid-tools`` left
out, reported, and recorded in ``_metadata.py`` while the rest generates."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.clirun import run_cli

CASE = Path(__file__).resolve().parent / "golden" / "bad_tool_skipped" / "input" / "catalogue.json"


def _spec(tmp_path: Path) -> Path:
    spec = tmp_path / "catalogue.json"
    shutil.copy(CASE, spec)
    return spec


def test_a_bad_tool_fails_the_run_and_leaves_the_output_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = _spec(tmp_path)
    ran = run_cli(
        ["generate", "--spec", str(spec), "--out", str(tmp_path / "out")],
        cwd=tmp_path,
        capsys=capsys,
        monkeypatch=monkeypatch,
    )
    assert ran.returncode == 2
    lines = ran.stderr.splitlines()
    assert any(
        "catalogue.json: /paths/" in line
        and "the `tool` default 'ACME_OTHER' differs from the path's #ACME_RENAMED" in line
        for line in lines
    )
    assert any(
        "`required` names 'id', which `properties` does not declare" in line for line in lines
    )
    assert any("`required` names 'y'" in line for line in lines)
    assert "Traceback" not in ran.stderr
    assert not (tmp_path / "out").exists()


def test_skip_invalid_tools_generates_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = _spec(tmp_path)
    out = tmp_path / "out"
    args = ["generate", "--spec", str(spec), "--out", str(out), "--skip-invalid-tools"]
    ran = run_cli(args, cwd=tmp_path, capsys=capsys, monkeypatch=monkeypatch)
    assert ran.returncode == 0, ran.stderr
    lines = ran.stderr.splitlines()
    assert sum(line.endswith("(tool ACME_RENAMED left out)") for line in lines) == 1
    assert sum(line.endswith("(tool ACME_MISSING left out)") for line in lines) == 2
    assert all(line.startswith(f"{spec}: /paths/") for line in lines)
    metadata = (out / "actionkit_client" / "_metadata.py").read_text(encoding="utf-8")
    assert "SKIPPED_TOOLS" in metadata and "ACME_RENAMED" in metadata
    assert str(tmp_path) not in metadata  # no paths of this machine
    index = (out / "actionkit_client" / "_catalogue.py").read_text(encoding="utf-8")
    assert "ACME_GOOD" in index and "ACME_RENAMED" not in index

    # Without the option the same package is refused, not taken as up to date.
    again = run_cli(
        ["generate", "--spec", str(spec), "--out", str(out)],
        cwd=tmp_path,
        capsys=capsys,
        monkeypatch=monkeypatch,
    )
    assert again.returncode == 2


def test_the_option_in_the_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _spec(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.actionkit-codegen]\nspec = "catalogue.json"\nout = "out"\nskip-invalid-tools = true\n'
    )
    ran = run_cli(["generate"], cwd=tmp_path, capsys=capsys, monkeypatch=monkeypatch)
    assert ran.returncode == 0, ran.stderr
    assert "(tool ACME_RENAMED left out)" in ran.stderr
