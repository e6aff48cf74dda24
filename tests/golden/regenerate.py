"""Rewrite every golden case's expected tree (``make golden``). Review the diff before committing."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from generator.output.files import read_tree
from tests.golden import cases, expected_root, generate_case, spec_files


def main() -> None:
    for case in cases():
        with tempfile.TemporaryDirectory() as scratch:
            package = generate_case(case, Path(scratch))
            target = expected_root(case)
            shutil.rmtree(target, ignore_errors=True)
            for relative, data in spec_files(read_tree(package)).items():
                path = target / package.name / relative
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
        print(f"rewrote tests/golden/{case}/expected")


if __name__ == "__main__":
    main()
