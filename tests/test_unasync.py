"""The synchronous client is the asynchronous one made synchronous by ``scripts/unasync.py``:
the checked-in ``_sync_client.py`` is exactly what the script writes today."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "unasync.py"


def _check() -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_checked_in_sync_client_is_what_unasync_writes() -> None:
    result = _check()
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_sync_client_has_no_async_left() -> None:
    for module in ("_sync_client.py", "_sync_streaming.py"):
        text = (ROOT / "generator" / "runtime" / module).read_text(encoding="utf-8")
        for word in ("async ", "await ", "Async", "anyio", "aclose", "aiter", "Awaitable"):
            assert word not in text, (module, word)


def test_check_fails_with_a_diff_when_the_sync_client_is_stale(tmp_path: Path) -> None:
    """Run on a copy of the scripts and runtime, the sync client edited by hand."""
    runtime = tmp_path / "generator" / "runtime"
    runtime.mkdir(parents=True)
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "unasync.py").write_bytes(SCRIPT.read_bytes())
    (tmp_path / "pyproject.toml").write_bytes((ROOT / "pyproject.toml").read_bytes())
    source = ROOT / "generator" / "runtime"
    for module in [*source.glob("_async_*.py"), *source.glob("_sync_*.py")]:
        (runtime / module.name).write_bytes(module.read_bytes())
    stale = (source / "_sync_client.py").read_text(encoding="utf-8")
    (runtime / "_sync_client.py").write_text(stale.replace("def run(", "def run_(", 1))
    result = subprocess.run(
        [sys.executable, str(tmp_path / "scripts" / "unasync.py"), "--check"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "-    def run_(" in result.stdout and "+    def run(" in result.stdout
    assert "stale" in result.stderr
    written = subprocess.run(
        [sys.executable, str(tmp_path / "scripts" / "unasync.py")], cwd=tmp_path, check=False
    )
    assert written.returncode == 0
    assert (runtime / "_sync_client.py").read_text(encoding="utf-8") == stale
