from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator

import pytest

from support.standin import Standin

# Fails a runtime test in which a token or a password shows in a log record, an exception, a
# pickle or a warning (support/leak_guard.py).
pytest_plugins = ["support.leak_guard"]

# The generator's stamps (generator/output/stamps.py) go to a cache of this run's own, inherited by
# the commands tests start: a test never finds a package current from an earlier run's stamp.
_CACHE = tempfile.mkdtemp(prefix="actionkit-codegen-cache-")
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)
os.environ["ACTIONKIT_CODEGEN_CACHE"] = _CACHE


@pytest.fixture
def standin() -> Iterator[Standin]:
    """A fresh ActionKit stand-in on 127.0.0.1 for one test."""
    with Standin().running() as server:
        yield server


@pytest.fixture
def checked() -> Iterator[Standin]:
    """A stand-in that checks each request against the schemas of tests/client_kit.py's tools,
    failing the test when one was malformed."""
    from tests.client_helpers import checked_standin

    with checked_standin() as server:
        yield server
