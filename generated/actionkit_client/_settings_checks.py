"""What a client accepts from its caller: user tokens, credential ids, project ids and base URLs,
and the limits of a call (retries and their delays, the deadline, ``max_response_bytes``).

Each is checked when the client (or a call) gets it, before anything is sent, so that a bad value
fails with an ``InvalidSettingError`` (a ``ValueError``, which ``dispatch(errors="return")`` gives
back as a value) that never shows a secret (a token read from a file with its newline would
otherwise travel whole into h11's "Illegal header value" message, a ``repr`` and the logs).
"""

from __future__ import annotations

from typing import Final
from urllib.parse import quote, urlsplit, urlunsplit

from ._exceptions import InvalidSettingError

# A header value may hold printable ASCII only: no control character (newline, tab, NUL, DEL), no
# space at either end, nothing outside ASCII (httpx encodes headers as ASCII).
_HEADER_CHARACTERS: Final = frozenset(chr(code) for code in range(0x20, 0x7F))
_DOT_SEGMENTS: Final = frozenset({".", ".."})


def _header_problem(value: object) -> str | None:
    """What makes ``value`` unusable as a header value, in words that do not repeat it."""
    if not isinstance(value, str):
        return f"must be a string, not {type(value).__name__}"
    if not value:
        return "is empty"
    if value != value.strip():
        return "starts or ends with white space (a newline read from a file?)"
    for position, character in enumerate(value):
        if character not in _HEADER_CHARACTERS:
            kind = "a control character" if character.isascii() else "a non-ASCII character"
            return f"holds {kind} at position {position} (only printable ASCII is allowed)"
    return None


def check_user_token(token: object, source: str = "user_token") -> str:
    """The token, when it can travel in ``Authorization: Bearer ...``; else a clear error."""
    problem = _header_problem(token)
    if problem is not None:
        raise InvalidSettingError(f"{source} {problem}; the token is not shown")
    assert isinstance(token, str)
    return token


def check_credential_id(credential_id: object) -> str | None:
    """``credential_id`` (sent as ``X-Paragon-Credential``), ``None`` when not given."""
    if credential_id is None:
        return None
    problem = _header_problem(credential_id)
    if problem is not None:
        raise InvalidSettingError(f"credential_id {problem}; its value is not shown")
    assert isinstance(credential_id, str)
    return credential_id


def project_segment(project_id: object) -> str:
    """``project_id`` as the one path segment it always is: percent-encoded (``/`` as ``%2F``,
    ``%`` as ``%25``), with the values no encoding keeps in place (``.``, ``..``, empty) refused."""
    if not isinstance(project_id, str):
        raise InvalidSettingError(f"project_id must be a string, not {type(project_id).__name__}")
    if not project_id.strip() or project_id in _DOT_SEGMENTS:
        raise InvalidSettingError(f"project_id {project_id!r} is not a project id")
    if any(not character.isprintable() for character in project_id):
        raise InvalidSettingError("project_id holds a control character")
    return quote(project_id, safe="")


def check_base_url(base_url: object) -> str:
    """``base_url`` without a trailing slash: ``http(s)://host[:port][/path]``, never user info
    (httpx would send it as Basic auth in place of the token, and it would be logged)."""
    if not isinstance(base_url, str):
        raise InvalidSettingError(f"base_url must be a string, not {type(base_url).__name__}")
    try:
        parts = urlsplit(base_url)
        parts.port  # noqa: B018  # raises on a port that is not a number
    except ValueError:
        raise InvalidSettingError("base_url is not a URL") from None
    shown = _without_userinfo(parts.scheme, parts.netloc, parts.path)
    if parts.scheme not in ("https", "http"):
        raise InvalidSettingError(f"base_url must start with https:// or http://, not {shown!r}")
    if "@" in parts.netloc:
        raise InvalidSettingError(
            f"base_url must not hold a user name or password (before '@'): {shown!r}; "
            "the client authenticates with the user token"
        )
    if not parts.hostname:
        raise InvalidSettingError(f"base_url has no host: {shown!r}")
    if parts.query or parts.fragment:
        raise InvalidSettingError(f"base_url must not have a query or a fragment: {shown!r}")
    if any(not character.isprintable() or character.isspace() for character in base_url):
        raise InvalidSettingError(f"base_url holds white space or a control character: {shown!r}")
    return base_url.rstrip("/")


def check_deadline(deadline: float | None) -> float | None:
    """Seconds above 0 for a whole call, or ``None`` for no deadline."""
    if deadline is not None and (
        isinstance(deadline, bool)
        or not isinstance(deadline, (int, float))  # pyright: ignore[reportUnnecessaryIsInstance]
        or not deadline > 0
    ):
        raise InvalidSettingError(
            f"deadline must be a number of seconds above 0, or None, not {deadline!r}"
        )
    return deadline


def check_max_response_bytes(limit: int) -> int:
    if (
        isinstance(limit, bool)
        or not isinstance(limit, int)  # pyright: ignore[reportUnnecessaryIsInstance]
        or limit < 1
    ):
        raise InvalidSettingError(f"max_response_bytes must be an integer above 0, not {limit!r}")
    return limit


def check_retries(max_retries: int) -> int:
    if (
        isinstance(max_retries, bool)
        or not isinstance(max_retries, int)  # pyright: ignore[reportUnnecessaryIsInstance]
        or max_retries < 0
    ):
        raise InvalidSettingError(f"max_retries must be an integer, 0 or more, not {max_retries!r}")
    return max_retries


def check_retry_delays(*delays: float) -> None:
    """``initial_retry_delay`` and ``max_retry_delay``: seconds, 0 or more."""
    for delay in delays:
        if (
            isinstance(delay, bool)
            or not isinstance(delay, (int, float))  # pyright: ignore[reportUnnecessaryIsInstance]
            or not delay >= 0
        ):
            raise InvalidSettingError(f"retry delays must be 0 or more seconds, not {delay!r}")


def _without_userinfo(scheme: str, netloc: str, path: str) -> str:
    host = netloc.rpartition("@")[2]
    return urlunsplit((scheme, ("***@" if "@" in netloc else "") + host, path, "", ""))
