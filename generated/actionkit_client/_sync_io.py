"""What the synchronous client needs of its thread, the counterpart of ``_async_io.py``: waiting,
and a deadline it cannot enforce by cancelling (a thread cannot be interrupted), so that it relies
on the checks between reads and on timeouts cut to the deadline instead."""

from __future__ import annotations

import time
from collections.abc import Generator
from contextlib import contextmanager

from ._base_client import CallState


def sleep(seconds: float) -> None:
    time.sleep(seconds)


@contextmanager
def cancel_at(call: CallState) -> Generator[None, None, None]:
    yield
