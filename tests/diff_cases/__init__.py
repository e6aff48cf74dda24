"""Golden cases of ``actionkit-codegen diff``: each folder holds ``old.*`` and ``new.*`` (spec files
of any input format) and the reports the command prints for them, ``expected.txt`` and
``expected.json``. Add coverage by adding a folder, then ``make golden`` to write its reports.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
FORMATS = {"text": "expected.txt", "json": "expected.json"}


def cases() -> list[str]:
    return sorted(path.name for path in HERE.iterdir() if path.is_dir() and _sides(path))


def _sides(case: Path) -> tuple[Path, Path] | None:
    old = sorted(case.glob("old.*"))
    new = sorted(case.glob("new.*"))
    return (old[0], new[0]) if len(old) == 1 and len(new) == 1 else None


def run(case: str, *options: str) -> subprocess.CompletedProcess[str]:
    """``actionkit-codegen diff old new OPTIONS``, run in the case's folder (so the report's file
    names are the case's own)."""
    sides = _sides(HERE / case)
    assert sides is not None
    old, new = sides
    return subprocess.run(
        [sys.executable, "-m", "generator", "diff", old.name, new.name, *options],
        cwd=HERE / case,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
    )
