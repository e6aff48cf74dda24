"""Run ``actionkit-codegen``: in this process (``run_cli``: a subprocess costs a second of imports
per call), or as its own process (``run_process``: where the exit code and stderr of the real
command are what is tested)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


def run_cli(
    args: Sequence[str],
    *,
    cwd: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> Ran:
    """The command's exit code and output, run in ``cwd``; usage errors exit 2 as they would."""
    monkeypatch.chdir(cwd)
    capsys.readouterr()
    try:
        code = main(list(args))
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else 1
    captured = capsys.readouterr()
    return Ran(code, captured.out, captured.err)


def run_process(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python -m generator ARGS`` in ``cwd``, with nothing of this process's environment."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
    )
