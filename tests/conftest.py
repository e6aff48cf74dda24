from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.standin import Standin


@pytest.fixture
def standin() -> Iterator[Standin]:
    """A fresh ActionKit stand-in on 127.0.0.1 for one test."""
    with Standin().running() as server:
        yield server
