"""Each golden case generates exactly its expected tree, file for file and byte for byte, plus
the runtime files exactly as ``templates/runtime`` holds them."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from generator.output import metadata
from generator.output.files import read_tree
from tests.golden import (
    cases,
    expected_root,
    generate_case,
    package_name,
    runtime_files,
    spec_files,
)


def _differences(expected: dict[str, bytes], actual: dict[str, bytes]) -> list[str]:
    problems: list[str] = []
    for path in sorted(expected.keys() | actual.keys()):
        if path not in actual:
            problems.append(f"{path}: expected but not generated")
        elif path not in expected:
            problems.append(f"{path}: generated but not expected")
        elif actual[path] != expected[path]:
            diff = difflib.unified_diff(
                expected[path].decode().splitlines(keepends=True),
                actual[path].decode().splitlines(keepends=True),
                fromfile=f"expected/{path}",
                tofile=f"generated/{path}",
            )
            problems.append("".join(diff))
    return problems


@pytest.mark.parametrize("case", cases())
def test_case_generates_its_expected_tree(case: str, tmp_path: Path) -> None:
    generated = read_tree(generate_case(case, tmp_path))
    expected = read_tree(expected_root(case) / package_name(case))
    assert expected, f"tests/golden/{case}/expected is empty: run `make golden`"
    assert sorted(p.name for p in expected_root(case).iterdir()) == [package_name(case)]

    problems = _differences(expected, spec_files(generated))
    runtime = runtime_files()
    problems += _differences(runtime, {path: generated.get(path, b"") for path in runtime})
    recorded = metadata.provenance(generated)
    assert recorded.intact, "PACKAGE_SHA256 is not the digest of the files generated"
    assert not problems, (
        f"golden case {case!r} differs (run `make golden` if the change is meant):\n"
        + "\n".join(problems)
    )


def test_generation_is_deterministic(tmp_path: Path) -> None:
    first = read_tree(generate_case("mixed_catalogue", tmp_path / "one"))
    second = read_tree(generate_case("mixed_catalogue", tmp_path / "two"))
    assert first == second
