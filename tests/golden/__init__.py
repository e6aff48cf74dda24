"""Golden cases: each folder holds ``input/`` (the spec files) and ``expected/`` (the package).

A case's package is named ``golden_<case>``, so every expected tree can be type-checked at once.
Add coverage by adding a folder, then ``make golden`` to write its expected tree.
"""

from __future__ import annotations

from pathlib import Path

from generator.pipeline import generate

ROOT = Path(__file__).resolve().parent


def cases() -> list[str]:
    return sorted(path.name for path in ROOT.iterdir() if (path / "input").is_dir())


def package_name(case: str) -> str:
    return f"golden_{case}"


def generate_case(case: str, out: Path) -> Path:
    """Generate the case's package under ``out``; returns the package folder."""
    generate([ROOT / case / "input"], out, package_name(case))
    return out / package_name(case)


def expected_root(case: str) -> Path:
    return ROOT / case / "expected"
