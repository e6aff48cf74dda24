from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.standin import Standin


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
