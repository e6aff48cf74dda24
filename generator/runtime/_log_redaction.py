"""The user tokens of live clients taken out of the DEBUG logs of the libraries under httpx.

The client never logs a header itself. httpcore's DEBUG log, however, writes every response's
headers (``receive_response_headers.complete return_value=(..., [(b'X-Echo', b'Bearer ...')])``)
and hpack's (HTTP/2) the headers it decodes: an answer that echoes the token in a header would
put it there. A filter on those loggers replaces the token of every live client with
``[redacted]`` in their records, before any handler sees them.

What no filter here can hide: records of other loggers that an application or a server in the
same process writes (a server's own hpack decoding of the request), and handlers attached to
those library loggers' records by a ``logging.setLogRecordFactory`` of the application's. Keep
``httpcore`` and ``hpack`` above DEBUG in production (``logging.getLogger("httpcore")
.setLevel(logging.INFO)``) to be sure.
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Callable
from typing import Final

from ._redaction import MIN_REDACTED_LENGTH, REDACTED

# The loggers that write header values at DEBUG (httpcore's, by module; hpack's).
FILTERED_LOGGERS: Final = (
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "httpcore.socks",
    "hpack.hpack",
    "hpack.table",
)


# The token getters (bound methods) of the live clients: each goes when its client does.
_getters: set[weakref.WeakMethod[Callable[[], tuple[str, ...]]]] = set()
_installed = False
_lock = threading.Lock()


class _RedactTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        secrets = {
            secret
            for ref in list(_getters)
            if (getter := ref()) is not None
            for secret in getter()
            if len(secret) >= MIN_REDACTED_LENGTH
        }
        if not secrets:
            return True
        text = record.getMessage()
        if any(secret in text for secret in secrets):
            for secret in secrets:
                text = text.replace(secret, REDACTED)
            record.msg, record.args = text, None
        return True


def watch(secret: Callable[[], tuple[str, ...]]) -> None:
    """Keep the tokens ``secret()`` (a client's bound method) gives out of the library loggers'
    records for as long as its client lives."""
    global _installed
    with _lock:
        _getters.add(weakref.WeakMethod(secret, _getters.discard))
        if not _installed:
            redact = _RedactTokens()
            for name in FILTERED_LOGGERS:
                logging.getLogger(name).addFilter(redact)
            _installed = True
