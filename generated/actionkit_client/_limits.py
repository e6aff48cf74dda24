"""What bounds one call, decided without IO: its deadline and attempts (``CallState``), the
memory an answer may take (``BodyReader``, ``BodyRules``), and the retries a client may still
spend (``RetryBudget``). Both clients and the streamed responses use them."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from typing import Final

import httpx

from ._exceptions import APIConnectionError, APITimeoutError, ResponseTooLargeError

DEFAULT_MAX_RESPONSE_BYTES: Final = 100 * 1024 * 1024
"""A buffered answer larger than this, once decompressed, raises ``ResponseTooLargeError``."""
ERROR_BODY_BYTES: Final = 1024 * 1024
"""An error answer is read up to this much (or ``max_response_bytes`` when smaller); the rest is
left unread: its message is at the start."""

# The retry budget, as botocore's standard mode keeps it: a retry spends tokens, a success puts
# some back, and with the bucket empty nothing is retried, so that a failing API gets about one
# request per call instead of one per retry. Full, it pays for 20 retries in a row.
RETRY_BUDGET: Final = 100
RETRY_COST: Final = 5
AMBIGUOUS_RETRY_COST: Final = 10
"""A retry after an answer that may have run (a timeout, 500/502/504) costs more, as botocore's
timeouts do."""
SUCCESS_REFILL: Final = 1


class RetryBudget:
    """The tokens retries spend and successes refill (see ``RETRY_BUDGET``), one bucket per
    client and the copies ``with_options`` makes, as they share its connections. Thread-safe;
    never held across an ``await``."""

    def __init__(self, capacity: int = RETRY_BUDGET) -> None:
        self.capacity = capacity
        self._tokens = capacity
        self._lock = threading.Lock()

    @property
    def tokens(self) -> int:
        return self._tokens

    def spend(self, cost: int) -> bool:
        """Take ``cost`` tokens for a retry; False, taking nothing, when fewer are left."""
        with self._lock:
            if self._tokens < cost:
                return False
            self._tokens -= cost
            return True

    def refill(self, amount: int) -> None:
        with self._lock:
            self._tokens = min(self.capacity, self._tokens + amount)


class CallState:
    """One call across its attempts: how many were made, what its retries cost, and when its
    deadline (``Options.deadline``, covering every attempt, the waits and the body) passes."""

    __slots__ = ("attempt", "deadline", "ends", "retry_cost")

    def __init__(self, deadline: float | None) -> None:
        self.attempt = 0
        self.retry_cost = 0
        self.deadline = deadline
        self.ends = None if deadline is None else time.monotonic() + deadline

    def remaining(self) -> float | None:
        return None if self.ends is None else self.ends - time.monotonic()

    def check_deadline(self) -> None:
        """Raise ``APITimeoutError`` once the deadline has passed."""
        remaining = self.remaining()
        if remaining is not None and remaining <= 0:
            raise self.deadline_error()

    def deadline_error(self) -> APITimeoutError:
        return APITimeoutError(
            f"Request timed out: the call's deadline of {self.deadline:g} s passed."
        )

    def timeouts(self, timeouts: Mapping[str, float | None]) -> dict[str, float | None]:
        """httpx's timeouts of a request (``connect``, ``read``...), none longer than what is
        left of the deadline."""
        remaining = self.remaining()
        if remaining is None:
            return dict(timeouts)
        remaining = max(remaining, 0.001)
        return {
            key: remaining if value is None else min(value, remaining)
            for key, value in timeouts.items()
        }


class BodyRules:
    """What reading an answer's body obeys: the size a buffered read may reach, the call's
    deadline, and how a failed read becomes this package's error (redacted)."""

    __slots__ = ("call", "connection_error", "limit")

    def __init__(
        self,
        limit: int,
        call: CallState,
        connection_error: Callable[[httpx.RequestError], APIConnectionError],
    ) -> None:
        self.limit = limit
        self.call = call
        self.connection_error = connection_error


class BodyReader:
    """A body read chunk by chunk (decompressed, as httpx yields it) into memory, stopping at
    ``limit``: past it, an answer raises ``ResponseTooLargeError`` and an error answer
    (``truncate``) keeps what came before. The deadline is checked after each chunk."""

    __slots__ = ("_chunks", "_limit", "_response", "_size", "_state", "_truncate")

    def __init__(
        self, response: httpx.Response, limit: int, state: CallState, *, truncate: bool = False
    ) -> None:
        self._response = response
        self._limit = limit
        self._state = state
        self._truncate = truncate
        self._chunks: list[bytes] = []
        self._size = 0

    def add(self, chunk: bytes) -> bool:
        """Keep ``chunk``; False when reading should stop here."""
        self._size += len(chunk)
        if self._size > self._limit:
            if not self._truncate:
                raise ResponseTooLargeError(
                    f"the answer is larger than max_response_bytes ({self._limit} bytes, "
                    "decompressed); with_streaming_response reads it as it comes",
                    response=self._response,
                    body=None,
                )
            self._chunks.append(chunk[: len(chunk) - (self._size - self._limit)])
            return False
        self._chunks.append(chunk)
        self._state.check_deadline()
        return True

    def keep(self) -> bytes:
        """The body read, kept as the response's ``content`` (what ``httpx``'s own ``read``
        does), so that ``response.content``, ``.text`` and ``.json()`` work as for any answer."""
        content = b"".join(self._chunks)
        self._chunks = []  # held twice no longer than the join
        self._response._content = content  # pyright: ignore[reportPrivateUsage]
        return content
