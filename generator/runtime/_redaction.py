"""The user token taken out of whatever an answer echoes back (an error's message and body).

Only a token of ``MIN_REDACTED_LENGTH`` characters or more is searched for: a shorter one (a
test's ``"t"``) would match ordinary text and garble it (``cer[redacted]ifica...``), and is no
secret worth hiding. Real user tokens are JWTs, hundreds of characters long.
"""

from __future__ import annotations

from typing import Any, Final

REDACTED: Final = "[redacted]"
MIN_REDACTED_LENGTH: Final = 8


def redact(value: Any, secret: str) -> Any:
    """``value`` (decoded JSON or text) with ``secret`` replaced by ``[redacted]`` everywhere,
    keys included; a value nested too deeply to walk is redacted as its text."""
    if len(secret) < MIN_REDACTED_LENGTH:
        return value
    try:
        return _redacted(value, secret)
    except RecursionError:
        pass
    return str(value).replace(secret, REDACTED)


def _redacted(value: Any, secret: str) -> Any:
    if isinstance(value, str):
        return value.replace(secret, REDACTED) if secret in value else value
    if isinstance(value, list):
        return [_redacted(item, secret) for item in value]  # pyright: ignore[reportUnknownVariableType]
    if isinstance(value, dict):
        items = value.items()  # pyright: ignore[reportUnknownVariableType]
        return {_redacted(key, secret): _redacted(item, secret) for key, item in items}  # pyright: ignore[reportUnknownVariableType]
    return value
