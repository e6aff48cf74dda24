"""Golden cases: each folder holds ``input/`` (the spec files) and ``expected/`` (what they
generate).

``expected/`` holds the files the spec decides: ``golden_<case>/tools/...``. The runtime files
every package gets as they are (``generator/runtime``, and the package's ``__init__.py``) are
not repeated there; the golden test checks them against the generator's own instead. Add coverage by adding a folder, then
``make golden`` to write its expected tree.
"""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
from functools import cache
from pathlib import Path

from generator.emit.render import package_init
from generator.emit.render import runtime_files as runtime_texts
from generator.workflows.generate import generate

ROOT = Path(__file__).resolve().parent
_PACKAGE_SHA256 = re.compile(rb'^PACKAGE_SHA256 = "[0-9a-f]{64}"$', re.M)
MASK = b'PACKAGE_SHA256 = "<the digest of the files generated, checked by the golden test>"'


def cases() -> list[str]:
    return sorted(path.name for path in ROOT.iterdir() if (path / "input").is_dir())


def package_name(case: str) -> str:
    return f"golden_{case}"


def generate_case(case: str, out: Path) -> Path:
    """Generate the case's package under ``out``; returns the package folder. A case whose
    folder holds a file ``skip-invalid-tools`` is generated with that option."""
    skip = (ROOT / case / "skip-invalid-tools").is_file()
    generate([ROOT / case / "input"], out, package_name(case), skip_invalid_tools=skip)
    return out / package_name(case)


def expected_root(case: str) -> Path:
    return ROOT / case / "expected"


def runtime_files() -> dict[str, bytes]:
    """The files every package gets unchanged, by path within the package."""
    files = {**runtime_texts(), "__init__.py": package_init()}
    return {path: text.encode("utf-8") for path, text in files.items()}


def spec_files(tree: dict[str, bytes]) -> dict[str, bytes]:
    """The files of a generated tree that its spec decides.

    ``_metadata.py`` is kept with its PACKAGE_SHA256 masked: the digest covers the runtime too,
    so keeping it would rewrite every case at every runtime edit. The golden test checks the
    digest against the generated files instead.
    """
    runtime = runtime_files()
    files = {path: data for path, data in tree.items() if path not in runtime}
    if "_metadata.py" in files:
        files["_metadata.py"] = _PACKAGE_SHA256.sub(MASK, files["_metadata.py"], count=1)
    return files


@cache
def built_root() -> Path:
    """One folder holding every case's whole package, generated once per test run: what the
    behaviour and typing tests import (the golden test proves it equals ``expected/``)."""
    root = Path(tempfile.mkdtemp(prefix="actionkit-golden-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    for case in cases():
        generate_case(case, root)
    return root
