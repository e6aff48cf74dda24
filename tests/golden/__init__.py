"""Golden cases: each folder holds ``input/`` (the spec files) and ``expected/`` (what they
generate).

``expected/`` holds the files the spec decides: ``golden_<case>/tools/...``. The runtime files
every package gets as they are (``templates/runtime``) are not repeated there; the golden test
checks them against ``templates/runtime`` instead. Add coverage by adding a folder, then
``make golden`` to write its expected tree.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import cache
from pathlib import Path

from generator.paths import RUNTIME
from generator.pipeline import generate
from generator.write import read_tree

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


def runtime_files() -> dict[str, bytes]:
    """The files every package gets unchanged, by path within the package."""
    return read_tree(RUNTIME)


def spec_files(tree: dict[str, bytes]) -> dict[str, bytes]:
    """The files of a generated tree that its spec decides."""
    runtime = runtime_files()
    return {path: data for path, data in tree.items() if path not in runtime}


@cache
def built_root() -> Path:
    """One folder holding every case's whole package, generated once per test run: what the
    behaviour and typing tests import (the golden test proves it equals ``expected/``)."""
    root = Path(tempfile.mkdtemp(prefix="actionkit-golden-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    for case in cases():
        generate_case(case, root)
    return root
