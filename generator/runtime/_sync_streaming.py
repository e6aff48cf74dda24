# Written by scripts/unasync.py from _async_streaming.py: edit that file, not this one.
"""``StreamedResponse``: an answer whose body is read only as it is consumed, and the
context manager ``client.with_streaming_response.run(call)`` returns.

Written from ``_async_streaming.py`` by ``scripts/unasync.py``.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import Any, Final

import httpx

from ._base_client import Answer
from ._limits import BodyReader, BodyRules
from ._response import content_type_of, decode, filename_of

__all__ = ["STREAMED", "StreamContext", "StreamedResponse"]


class StreamedResponse:
    """A successful answer, its body not read yet: ``status_code``, ``headers``,
    ``content_type`` and ``filename`` now; the body through ``iter_bytes()``,
    ``write_to_file(path)``, ``read()`` or ``parse()``, once.

    The call's deadline still runs while the body is read; ``read()`` and ``parse()`` hold the
    body in memory and so obey ``max_response_bytes``, the others hold a chunk at a time.
    """

    def __init__(self, http_response: httpx.Response, rules: BodyRules) -> None:
        self.http_response = http_response
        self._rules = rules

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def content_type(self) -> str:
        """The ``Content-Type`` header (``application/octet-stream`` when there is none)."""
        return content_type_of(self.http_response)

    @property
    def filename(self) -> str | None:
        """The file name ``Content-Disposition`` gives, reduced to a bare name, or ``None``."""
        return filename_of(self.http_response)

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        """The body, decompressed, as it arrives (``chunk_size`` bytes at a time if given)."""
        failure = None
        try:
            for chunk in self.http_response.iter_bytes(chunk_size):
                self._rules.call.check_deadline()
                yield chunk
        except httpx.RequestError as error:
            failure = self._rules.connection_error(error)
        if failure is not None:
            self.close()
            raise failure  # outside the except block: no chained httpx error, no token

    def write_to_file(self, path: str | os.PathLike[str]) -> int:
        """Write the body to ``path`` as it arrives; the number of bytes written. When the
        download fails (a cut connection, the deadline), the partial file is removed."""
        written = 0
        try:
            with open(path, "wb") as file:
                for chunk in self.iter_bytes():
                    file.write(chunk)
                    written += len(chunk)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(path)
            raise
        return written

    def read(self) -> bytes:
        """The whole body, in memory: at most ``max_response_bytes``, else
        ``ResponseTooLargeError``."""
        reader = BodyReader(self.http_response, self._rules.limit, self._rules.call)
        try:
            for chunk in self.iter_bytes():
                reader.add(chunk)
        finally:
            self.close()
        return reader.keep()

    def parse(self) -> Any:
        """What ``run`` would have returned: the decoded JSON, or a ``FileResult``."""
        self.read()
        return decode(self.http_response)

    def close(self) -> None:
        self.http_response.close()

    def __repr__(self) -> str:
        return f"<StreamedResponse [{self.status_code}] {self.content_type}>"


def _streamed(response: httpx.Response, rules: BodyRules) -> StreamedResponse:
    return StreamedResponse(response, rules)


STREAMED: Final = Answer(streamed=True, give=_streamed)


class StreamContext:
    """``with client.with_streaming_response.run(call) as response: ...``: the call is
    sent on entering (errors and retries as for ``run``), the answer closed on leaving."""

    def __init__(self, start: Callable[[], StreamedResponse]) -> None:
        self._start = start
        self._response: StreamedResponse | None = None

    def __enter__(self) -> StreamedResponse:
        self._response = self._start()
        return self._response

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._response is not None:
            self._response.close()
