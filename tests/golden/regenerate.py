"""Rewrite every golden case's expected tree (``make golden``). Review the diff before committing."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from tests.golden import cases, expected_root, generate_case


def main() -> None:
    for case in cases():
        with tempfile.TemporaryDirectory() as scratch:
            package = generate_case(case, Path(scratch))
            target = expected_root(case)
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir(parents=True)
            shutil.copytree(package, target / package.name)
        print(f"rewrote tests/golden/{case}/expected")


if __name__ == "__main__":
    main()
