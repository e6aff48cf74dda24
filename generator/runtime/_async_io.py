"""What the asynchronous client needs of its event loop, whichever runs it (asyncio or trio, through
anyio, which httpx depends on): waiting, and cancelling at a deadline. ``_sync_io.py`` is the
synchronous counterpart, written by hand (as httpcore keeps its backends)."""

from __future__ import annotations

from collections.abc import Generator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Final

from ._limits import CallState

_NO_DEADLINE: Final = nullcontext()


async def sleep(seconds: float) -> None:
    import anyio  # imported on the first retry

    await anyio.sleep(seconds)


def cancel_at(call: CallState) -> AbstractContextManager[None]:
    """Cancel what runs inside at the call's deadline, raising ``APITimeoutError``: however the
    answer drips, its headers included."""
    return _NO_DEADLINE if call.ends is None else _cancelling(call)


@contextmanager
def _cancelling(call: CallState) -> Generator[None, None, None]:
    import anyio

    try:
        with anyio.fail_after(max(call.remaining() or 0.0, 0.0)):
            yield
    except TimeoutError:
        pass
    else:
        return
    raise call.deadline_error()  # outside the except block: nothing chained
