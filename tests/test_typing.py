"""mypy --strict accepts the correct calls and reports each wrong one where the file says."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.golden import built_root, cases

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "typing"
_EXPECTED = re.compile(r"#\s*error:\s*([\w-]+)")
_REPORTED = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): error: .*\[(?P<code>[\w-]+)\]$")


def _mypy(*targets: Path) -> list[str]:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--python-version",
            "3.10",
            "--no-error-summary",
            *map(str, targets),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "MYPYPATH": os.pathsep.join(map(str, _package_roots()))},
    )
    return result.stdout.splitlines()


def _package_roots() -> list[Path]:
    """Where the generated packages the cases import live: generated/ and each golden case."""
    return [ROOT / "generated", built_root()]


def _expected_errors(path: Path) -> set[tuple[int, str]]:
    return {
        (number, match.group(1))
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if (match := _EXPECTED.search(line))
    }


def _reported_errors(lines: list[str], path: Path) -> set[tuple[int, str]]:
    found = set()
    for line in lines:
        match = _REPORTED.match(line)
        if match and Path(match.group("file")).resolve() == path.resolve():
            found.add((int(match.group("line")), match.group("code")))
    return found


@pytest.fixture(scope="module")
def mypy_output() -> list[str]:
    return _mypy(*sorted(CASES.glob("*.py")))


@pytest.mark.parametrize("case", sorted(path.name for path in CASES.glob("*.py")))
def test_mypy_reports_exactly_the_marked_errors(case: str, mypy_output: list[str]) -> None:
    path = CASES / case
    expected = _expected_errors(path)
    reported = _reported_errors(mypy_output, path)
    assert reported == expected, "\n".join(line for line in mypy_output if case in line)


@pytest.mark.parametrize("case", sorted(path.name for path in CASES.glob("*.py")))
def test_each_case_file_says_what_it_expects(case: str) -> None:
    """A file of correct calls with expected errors, or of wrong calls without, proves nothing."""
    expected = _expected_errors(CASES / case)
    assert bool(expected) == case.endswith("_wrong.py")


def test_every_golden_package_passes_mypy_strict() -> None:
    packages = sorted(path for path in built_root().iterdir() if path.is_dir())
    assert len(packages) == len(cases())
    assert _mypy(*packages) == []


# Every module of every package is checked in strict mode; a module listed here would be skipped.
_PYRIGHT_UNCHECKED: tuple[str, ...] = ()


def test_every_golden_package_and_generated_passes_pyright_strict(tmp_path: Path) -> None:
    """pyright, the checker behind VS Code, in strict mode, on every golden package and on
    generated/ (the hostile and shadowing cases included)."""
    import json
    import shutil

    packages = sorted(path for path in built_root().iterdir() if path.is_dir())
    packages.append(ROOT / "generated" / "actionkit_client")
    for package in packages:
        shutil.copytree(package, tmp_path / package.name)
    names = [package.name for package in packages]
    strict = [
        path.relative_to(tmp_path).as_posix()
        for path in sorted(tmp_path.glob("*/**/*.py"))
        if path.relative_to(tmp_path).as_posix().split("/", 1)[1] not in _PYRIGHT_UNCHECKED
    ]
    config = {
        "typeCheckingMode": "standard",
        "strict": strict,
        "pythonVersion": "3.10",
        "include": names,
        "ignore": [f"{name}/{file}" for name in names for file in _PYRIGHT_UNCHECKED],
    }
    (tmp_path / "pyrightconfig.json").write_text(json.dumps(config))
    result = subprocess.run(
        [sys.executable, "-m", "basedpyright", "--pythonpath", sys.executable],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
