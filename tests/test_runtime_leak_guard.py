"""The leak guard (support/leak_guard.py) itself: a runtime test that lets a registered secret
into a log record, an exception or a warning fails, and a clean one passes. The cases run in one
pytest in a child process, on a test file written here."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SECRET = "guard-self-test-Zq81-secret"

_HEADER = f"""
import logging, pickle, warnings
import pytest
from support.leak_guard import register_secret

SECRET = {SECRET!r}
register_secret(SECRET)
"""

CASES = {
    "httpcore DEBUG record": 'logging.getLogger("httpcore.http11").debug("headers %s", SECRET)',
    "any logger's record": 'logging.getLogger("some.library").info("token=" + SECRET)',
    "exception caught by pytest.raises": (
        "with pytest.raises(ValueError):\n        raise ValueError('bad ' + SECRET)"
    ),
    "exception chained to the one caught": (
        "with pytest.raises(RuntimeError):\n"
        "        try:\n"
        "            raise KeyError(SECRET)\n"
        "        except KeyError as error:\n"
        "            raise RuntimeError('wrapped') from error"
    ),
    "failing test": "assert SECRET == 'x'",
    "warning": 'warnings.warn("careful " + SECRET)',
}


CLEAN = (
    'logging.getLogger("httpcore.http11").debug("headers without it")\n'
    "    with pytest.raises(ValueError):\n"
    "        raise ValueError('nothing secret')\n"
    "    assert logging.getLogger().isEnabledFor(logging.DEBUG)"
)


@pytest.fixture(scope="module")
def guarded_run(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One pytest run in a child process over a test per case (and a clean one); its report."""
    folder = tmp_path_factory.mktemp("guarded")
    tests = {f"test_leak_{index}": body for index, body in enumerate(CASES.values())}
    tests["test_clean"] = CLEAN
    (folder / "conftest.py").write_text('pytest_plugins = ["support.leak_guard"]\n')
    (folder / "test_client_guarded.py").write_text(
        _HEADER + "".join(f"\n\ndef {name}():\n    {body}\n" for name, body in tests.items())
    )
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rfp", "-p", "no:cacheprovider", str(folder)],
        cwd=folder,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.stdout


@pytest.mark.parametrize("index", range(len(CASES)), ids=CASES.keys())
def test_a_secret_anywhere_fails_the_test(index: int, guarded_run: str) -> None:
    assert (
        f"FAILED test_client_guarded.py::test_leak_{index} - Failed: secret leaked" in guarded_run
    )


def test_a_clean_test_passes_and_sees_debug_records(guarded_run: str) -> None:
    assert "PASSED test_client_guarded.py::test_clean" in guarded_run
