"""The fast paths write exactly what a full run writes, and touch nothing else.

- Regenerating from an unchanged spec with an unchanged generator rewrites nothing, and neither it
  nor ``--check`` parses or renders anything.
- The generator's own code is not recorded in the package: an edit of it that changes no output
  changes no file, and one that does is still caught.
- An edited spec rewrites only the files whose bytes change and removes the files no longer
  produced; the result is byte for byte a fresh full run's.
- A changed generator, a hand-edited package or a half-finished write is never taken as current.
- Rendering in several processes gives the same files as rendering in one.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator import paths
from generator.emit import render
from generator.output import stamps
from generator.output.files import read_tree
from generator.problems import InputError
from generator.workflows import generate as generate_module
from generator.workflows.front import load_catalogue
from generator.workflows.generate import Generated, check, generate
from support.catalogue import build

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "client"


def _spec(folder: Path, document: dict[str, Any], name: str = "spec.json") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    return path


def _stamps(root: Path) -> dict[str, tuple[int, int]]:
    """(inode, mtime) of every file and folder under ``root``, by path relative to it."""
    stamps = {}
    for path in [root, *root.rglob("*")]:
        stat = path.stat()
        stamps[path.relative_to(root).as_posix()] = (stat.st_ino, stat.st_mtime_ns)
    return stamps


def _full_run(spec: Path, out: Path) -> dict[str, bytes]:
    """What a fresh run into an empty folder writes."""
    generate([spec], out, PACKAGE)
    return read_tree(out / PACKAGE)


def _tool(document: dict[str, Any], integration: str) -> dict[str, Any]:
    """The `parameters` schema of the first tool of ``integration``."""
    for item in document["paths"].values():
        schema = item["post"]["requestBody"]["content"]["application/json"]["schema"]
        parameters: dict[str, Any] = schema["properties"]["parameters"]
        if parameters["x-integration"] == integration:
            return parameters
    raise LookupError(integration)


@pytest.fixture
def catalogue() -> dict[str, Any]:
    # Four integrations: salesforce, slack, googledrive, hubspot.
    return build(30, seed=3)


def _forbid_rendering(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the fast path parsed or rendered")

    monkeypatch.setattr(generate_module, "render_files", refuse)


def test_unchanged_spec_rewrites_nothing(
    catalogue: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = _spec(tmp_path / "specs", catalogue)
    first = generate([spec], tmp_path / "out", PACKAGE)
    assert not first.up_to_date and first.written
    before = _stamps(tmp_path / "out")

    _forbid_rendering(monkeypatch)
    again = generate([spec], tmp_path / "out", PACKAGE)

    assert again == Generated(tmp_path / "out" / PACKAGE, True, None, (), (), None)
    assert _stamps(tmp_path / "out") == before
    assert check([spec], tmp_path / "out", PACKAGE).files == []


def test_the_command_says_so_and_writes_nothing(catalogue: dict[str, Any], tmp_path: Path) -> None:
    spec = _spec(tmp_path / "specs", catalogue)
    command = [sys.executable, "-m", "generator", "generate", "--spec", str(spec), "--out", "out"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run(command, cwd=tmp_path, env=env, check=True, capture_output=True)
    before = _stamps(tmp_path / "out")

    result = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True)
    check = subprocess.run([*command, "--check"], cwd=tmp_path, env=env, capture_output=True)

    assert result.returncode == 0 and "is up to date" in result.stdout
    assert check.returncode == 0
    assert _stamps(tmp_path / "out") == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out", "specs"]


def test_edited_spec_rewrites_only_what_changes(catalogue: dict[str, Any], tmp_path: Path) -> None:
    spec = _spec(tmp_path / "specs", catalogue)
    generate([spec], tmp_path / "out", PACKAGE)
    before = _stamps(tmp_path / "out" / PACKAGE)

    edited = copy.deepcopy(catalogue)
    parameters = _tool(edited, "slack")
    parameters["properties"]["newField"] = {"type": "string", "description": "New"}
    edited["paths"] = {
        path: item
        for path, item in edited["paths"].items()
        if "HUBSPOT" not in path  # hubspot's module goes
    }
    spec.write_text(json.dumps(edited, indent=2), encoding="utf-8")
    result = generate([spec], tmp_path / "out", PACKAGE)

    assert set(result.written) == {
        "_metadata.py",
        "_catalogue.py",
        "tools/slack.py",
        "tools/_schemas_slack.py",
    }
    assert result.removed == ("tools/_schemas_hubspot.py", "tools/hubspot.py")
    package = tmp_path / "out" / PACKAGE
    after = _stamps(package)
    changed = {*result.written, *result.removed}
    untouched = [path for path in before if (package / path).is_file() and path not in changed]
    assert "tools/salesforce.py" in untouched and "_async_client.py" in untouched
    assert [path for path in untouched if after[path] != before[path]] == []
    assert read_tree(tmp_path / "out" / PACKAGE) == _full_run(spec, tmp_path / "fresh")
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == [PACKAGE]


def test_a_hand_edited_package_is_repaired(catalogue: dict[str, Any], tmp_path: Path) -> None:
    spec = _spec(tmp_path / "specs", catalogue)
    expected = _full_run(spec, tmp_path / "fresh")
    generate([spec], tmp_path / "out", PACKAGE)
    package = tmp_path / "out" / PACKAGE
    (package / "tools" / "slack.py").write_text("# edited by hand\n")
    (package / "_types.py").unlink()
    (package / "tools" / "extra.py").write_text("")
    (package / "tools" / "__pycache__").mkdir()

    assert check([spec], tmp_path / "out", PACKAGE).files == [
        "_types.py",
        "tools/extra.py",
        "tools/slack.py",
    ]
    result = generate([spec], tmp_path / "out", PACKAGE)

    assert set(result.written) == {"_types.py", "tools/slack.py"}
    assert result.removed == ("tools/extra.py",)
    assert read_tree(package) == expected


def test_metadata_that_was_not_sealed_is_not_current(
    catalogue: dict[str, Any], tmp_path: Path
) -> None:
    """A write cut short before `_metadata.py` went in leaves the old one, which no longer fits."""
    spec = _spec(tmp_path / "specs", catalogue)
    generate([spec], tmp_path / "out", PACKAGE)
    module = tmp_path / "out" / PACKAGE / "_metadata.py"
    text = module.read_text()
    module.write_text(text.replace("SPEC_TITLE = ", "SPEC_TITLE = 'x' or "))
    assert check([spec], tmp_path / "out", PACKAGE).files == ["_metadata.py"]
    assert generate([spec], tmp_path / "out", PACKAGE).written == ("_metadata.py",)
    assert module.read_text() == text


def test_a_changed_generator_is_checked_in_full(
    catalogue: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The package does not record the generator: another generator that writes the same bytes
    changes no file; one that writes other bytes is caught by ``--check`` and rewrites them."""
    spec = _spec(tmp_path / "specs", catalogue)
    generate([spec], tmp_path / "out", PACKAGE)
    package = tmp_path / "out" / PACKAGE
    before = _stamps(tmp_path / "out")
    monkeypatch.setattr(stamps, "generator_fingerprint", lambda: "f" * 64)

    assert check([spec], tmp_path / "out", PACKAGE).files == []
    again = generate([spec], tmp_path / "out", PACKAGE)
    assert again.up_to_date  # checked in full by `check`, which then stamped it
    assert _stamps(tmp_path / "out") == before
    assert "f" * 64 not in (package / "_metadata.py").read_text()

    monkeypatch.setattr(stamps, "generator_fingerprint", lambda: "e" * 64)
    original = render.runtime_files

    def changed_runtime() -> dict[str, str]:
        files = original()
        files["_types.py"] += "# changed\n"
        return files

    monkeypatch.setattr(render, "runtime_files", changed_runtime)
    assert check([spec], tmp_path / "out", PACKAGE).files == ["_metadata.py", "_types.py"]
    result = generate([spec], tmp_path / "out", PACKAGE)
    assert set(result.written) == {"_metadata.py", "_types.py"}


def test_the_fingerprint_covers_templates_and_generator_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_of = tmp_path / "project"
    for folder in ("generator", "templates"):
        shutil.copytree(ROOT / folder, copy_of / folder)
    monkeypatch.setattr(stamps, "_GENERATOR", copy_of / "generator")
    monkeypatch.setattr(paths, "TEMPLATES", copy_of / "templates")

    def fingerprint() -> str:
        stamps.generator_fingerprint.cache_clear()
        return stamps.generator_fingerprint()

    base = fingerprint()
    # A checkout with Windows line endings is the same generator.
    naming = copy_of / "generator" / "emit" / "naming.py"
    naming.write_bytes(naming.read_bytes().replace(b"\n", b"\r\n"))
    assert fingerprint() == base
    with (copy_of / "templates" / "tool_module.py.jinja").open("a") as handle:
        handle.write("{# changed #}\n")
    changed_template = fingerprint()
    assert changed_template != base
    with (copy_of / "generator" / "runtime" / "_types.py").open("a") as handle:
        handle.write("# changed\n")
    changed_runtime = fingerprint()
    assert changed_runtime not in (base, changed_template)
    with naming.open("a") as handle:
        handle.write("# changed\n")
    assert fingerprint() not in (base, changed_template, changed_runtime)
    stamps.generator_fingerprint.cache_clear()


def test_the_stamp_lives_in_the_cache_folder(
    catalogue: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("ACTIONKIT_CODEGEN_CACHE", str(cache))
    spec = _spec(tmp_path / "specs", catalogue)
    generate([spec], tmp_path / "out", PACKAGE)
    assert len(list((cache / "stamps").iterdir())) == 1
    assert sorted(path.name for path in tmp_path.iterdir()) == ["cache", "out", "specs"]

    # Without its stamp (a fresh clone, another machine) the package is checked in full: current.
    shutil.rmtree(cache)
    assert check([spec], tmp_path / "out", PACKAGE).files == []
    assert generate([spec], tmp_path / "out", PACKAGE).up_to_date


def test_an_unwritable_cache_is_no_error(
    catalogue: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "file").write_text("")
    monkeypatch.setenv("ACTIONKIT_CODEGEN_CACHE", str(tmp_path / "file" / "cache"))
    spec = _spec(tmp_path / "specs", catalogue)
    assert generate([spec], tmp_path / "out", PACKAGE).written
    assert not generate([spec], tmp_path / "out", PACKAGE).written


def test_metadata_is_readable_at_runtime(tmp_path: Path) -> None:
    spec = ROOT / "specs" / "actionkit.yaml"
    generate([spec], tmp_path, "seed_client")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from seed_client import _metadata as m;"
            "print(m.SPEC_SHA256, m.SPEC_TITLE, m.SPEC_VERSION, m.GENERATOR_VERSION)",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    digest = hashlib.sha256(spec.read_bytes()).hexdigest()
    assert result.stdout.split(" ", 1) == [digest, "ActionKit Tools API 1.0.0 0.1.0\n"]


def test_bad_input_after_a_good_run_changes_nothing(
    catalogue: dict[str, Any], tmp_path: Path
) -> None:
    spec = _spec(tmp_path / "specs", catalogue)
    generate([spec], tmp_path / "out", PACKAGE)
    before = _stamps(tmp_path / "out")
    broken = copy.deepcopy(catalogue)
    _tool(broken, "slack")["properties"]["bad"] = {"type": "strin"}
    # Parsing alone would crash on this one, in any order: validation's word is what counts.
    next(iter(broken["paths"].values()))["post"]["requestBody"] = "not an object"
    spec.write_text(json.dumps(broken), encoding="utf-8")

    with pytest.raises(InputError) as raised:
        generate([spec], tmp_path / "out", PACKAGE)
    messages = [problem.message for problem in raised.value.problems]
    assert len(messages) == 2 and all(message.startswith("Input should be") for message in messages)
    assert _stamps(tmp_path / "out") == before


def test_rendering_in_several_processes_gives_the_same_files(tmp_path: Path) -> None:
    spec = _spec(tmp_path, build(200, seed=11))
    catalogue = load_catalogue([spec])
    one = render.render_package(catalogue, processes=1)
    assert render.render_package(catalogue, processes=2) == one
    assert render.render_package(catalogue, processes=3) == one
