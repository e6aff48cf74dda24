"""What the asynchronous client needs of its event loop, whichever runs it (asyncio or trio, through
anyio, which httpx depends on): waiting, and cancelling at a deadline. ``_sync_io.py`` is the
synchronous counterpart, written by hand (as httpcore keeps its backends)."""

from __future__ import annotations

from collections.abc import Generator
from contextlib import contextmanager

from ._base_client import CallState


async def sleep(seconds: float) -> None:
    import anyio  # imported on the first retry

    await anyio.sleep(seconds)


@contextmanager
def cancel_at(call: CallState) -> Generator[None, None, None]:
    """Cancel what runs inside at the call's deadline, raising ``APITimeoutError``: however the
    answer drips, its headers included."""
    remaining = call.remaining()
    if remaining is None:
        yield
        return
    import anyio

    try:
        with anyio.fail_after(max(remaining, 0.0)):
            yield
    except TimeoutError:
        pass
    else:
        return
    raise call.deadline_error()  # outside the except block: nothing chained
