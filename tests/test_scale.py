"""A synthetic catalogue of 200 tools, with every awkward trait of the real one, generates a
package that passes mypy --strict, imports, and loads every tool lazily through TOOLS."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from generator.workflows.generate import generate
from support.catalogue import build

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "synthetic_client"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("scale")
    spec = folder / "catalogue.json"
    spec.write_text(json.dumps(build(200, seed=9), indent=2), encoding="utf-8")
    generate([spec], folder / "out", PACKAGE)
    return folder / "out"


def test_the_package_passes_mypy_strict(out: Path) -> None:
    cache = str(out.parent / "cache")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--cache-dir",
            cache,
            "--no-error-summary",
            PACKAGE,
        ],
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]


def test_it_imports_lazily_and_loads_every_tool(out: Path) -> None:
    script = textwrap.dedent(
        f"""
        import sys
        import {PACKAGE}
        from {PACKAGE}.tools import TOOLS

        # Importing the package loads neither the clients nor any integration.
        assert "httpx" not in sys.modules, "httpx imported eagerly"
        loaded = [name for name in sys.modules if name.startswith("{PACKAGE}.tools.")]
        assert not loaded, loaded

        classes = [TOOLS[name] for name in TOOLS]
        assert len(classes) == len(TOOLS) == 200
        for name, tool in zip(TOOLS, classes):
            assert tool.TOOL == name
            schema = tool.json_schema()
            assert schema["type"] == "object"
        from {PACKAGE} import ActionKit, AsyncActionKit
        print("loaded", len(classes), "clients", ActionKit.__name__, AsyncActionKit.__name__)
        """
    )
    env = {**os.environ, "PYTHONPATH": str(out)}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, env=env
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split() == ["loaded", "200", "clients", "ActionKit", "AsyncActionKit"]
