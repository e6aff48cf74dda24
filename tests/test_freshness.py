"""The committed generated/ is exactly what specs/ generates: a spec change needs `make generate`."""

from __future__ import annotations

from pathlib import Path

from generator.workflows.generate import check

ROOT = Path(__file__).resolve().parent.parent


def test_generated_package_matches_the_specs() -> None:
    stale = check([ROOT / "specs"], ROOT / "generated", "actionkit_client").files
    assert stale == [], f"generated/ is stale, run `make generate`: {stale}"


def test_stale_files_names_changed_missing_and_extra_files(tmp_path: Path) -> None:
    from generator.workflows.generate import generate

    generate([ROOT / "specs"], tmp_path, "actionkit_client")
    package = tmp_path / "actionkit_client"
    assert check([ROOT / "specs"], tmp_path, "actionkit_client").files == []

    (package / "tools" / "dynamicsfinance.py").write_text("# edited by hand\n")
    (package / "_types.py").unlink()
    (package / "tools" / "leftover.py").write_text("")
    assert check([ROOT / "specs"], tmp_path, "actionkit_client").files == [
        "_types.py",
        "tools/dynamicsfinance.py",
        "tools/leftover.py",
    ]


def test_the_package_says_what_it_was_generated_from() -> None:
    import hashlib

    import actionkit_client

    from generator import __version__

    spec = (ROOT / "specs" / "actionkit.yaml").read_bytes()
    assert hashlib.sha256(spec).hexdigest() == actionkit_client.metadata.SPEC_SHA256
    assert actionkit_client.metadata.SPEC_TITLE == "ActionKit Tools API"
    assert actionkit_client.metadata.SPEC_VERSION == "1.0.0"
    assert __version__ == actionkit_client.metadata.GENERATOR_VERSION
