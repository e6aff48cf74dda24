"""The committed generated/ is exactly what specs/ generates: a spec change needs `make generate`."""

from __future__ import annotations

from pathlib import Path

from generator.pipeline import stale_files

ROOT = Path(__file__).resolve().parent.parent


def test_generated_package_matches_the_specs() -> None:
    stale = stale_files([ROOT / "specs"], ROOT / "generated", "actionkit_client")
    assert stale == [], f"generated/ is stale, run `make generate`: {stale}"


def test_stale_files_names_changed_missing_and_extra_files(tmp_path: Path) -> None:
    from generator.pipeline import generate

    generate([ROOT / "specs"], tmp_path, "actionkit_client")
    package = tmp_path / "actionkit_client"
    assert stale_files([ROOT / "specs"], tmp_path, "actionkit_client") == []

    (package / "tools" / "dynamicsfinance.py").write_text("# edited by hand\n")
    (package / "_types.py").unlink()
    (package / "tools" / "leftover.py").write_text("")
    assert stale_files([ROOT / "specs"], tmp_path, "actionkit_client") == [
        "_types.py",
        "tools/dynamicsfinance.py",
        "tools/leftover.py",
    ]
