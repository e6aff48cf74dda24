"""What the synchronous client needs of its thread, the counterpart of ``_async_io.py``: waiting,
and a deadline it cannot enforce by cancelling (a thread cannot be interrupted), so that it relies
on the checks between reads and on timeouts cut to the deadline instead."""

from __future__ import annotations

import time
from contextlib import AbstractContextManager, nullcontext
from typing import Final

from ._limits import CallState

_NOTHING_TO_CANCEL: Final = nullcontext()


def sleep(seconds: float) -> None:
    time.sleep(seconds)


def cancel_at(call: CallState) -> AbstractContextManager[None]:
    return _NOTHING_TO_CANCEL
