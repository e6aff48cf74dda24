"""Every error the client raises, all under ``ActionKitError``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    import httpx

INTEGRATION_NOT_CONNECTED = "Integration not enabled for user."


class ActionKitError(Exception):
    """The base of every error this package raises.

    Every one pickles (to cross a process boundary: ``multiprocessing``, Celery) with its class,
    message and attributes, and without the ``httpx`` request, which holds the user token: an
    unpickled ``APIStatusError`` keeps ``status_code``, ``message`` and ``body``, and its
    ``response`` is a stand-in with the status and the ``Content-Type`` and ``Retry-After``
    headers only (no request, no other header: one may echo the token).
    """

    def __reduce__(self) -> tuple[Any, ...]:
        state = dict(self.__dict__)
        response = state.pop("response", None)
        if response is not None:
            state["response"] = PickledResponse.of(response)
        return (_unpickle, (type(self), self.args, state))


def _unpickle(
    cls: type[ActionKitError], args: tuple[object, ...], state: dict[str, object]
) -> ActionKitError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    pickled = state.pop("response", None)
    if isinstance(pickled, PickledResponse):
        state["response"] = pickled.response()
    error.__dict__.update(state)
    return error


ERROR_HEADERS: Final = ("content-type", "retry-after", "retry-after-ms")
"""The headers a pickled error keeps: what its attributes were read from."""


@dataclass(frozen=True)
class PickledResponse:
    """What of an ``httpx.Response`` travels in a pickle (an error's, a streamed response's):
    the status and the few headers named, never the request, which holds the token."""

    status_code: int
    headers: tuple[tuple[str, str], ...]

    @classmethod
    def of(
        cls,
        response: httpx.Response,
        names: tuple[str, ...] = ERROR_HEADERS,
        redact: Callable[[str], str] | None = None,
    ) -> PickledResponse:
        """``redact`` takes the token out of a kept header that may echo it."""
        headers = response.headers
        kept = tuple(
            (name, headers[name] if redact is None else redact(headers[name]))
            for name in names
            if name in headers
        )
        return cls(response.status_code, kept)

    def response(self) -> httpx.Response:
        import httpx

        return httpx.Response(self.status_code, headers=list(self.headers))


class InvalidSettingError(ActionKitError, ValueError):
    """A client setting that cannot be used (a token with a newline, a ``base_url`` with a
    password, a ``project_id`` of ``..``); nothing was sent, and the value is not shown when it
    may be a secret."""


class ClientClosedError(ActionKitError, RuntimeError):
    """The client (or the client it was made from with ``with_options``) was closed."""

    def __init__(self, message: str = "the client is closed: open a new one") -> None:
        super().__init__(message)


class MissingExtraError(ActionKitError, ImportError):
    """An optional feature asked for without its extra installed."""

    def __init__(self, feature: str, extra: str) -> None:
        super().__init__(
            f"{feature} needs the optional extra {extra!r}: install the client with it "
            f"(for example pip install 'actionkit-client[{extra}]')"
        )
        self.extra = extra


class SigningKeyError(ActionKitError, ValueError):
    """The signing key cannot sign user tokens: not PEM, not an RSA private key, encrypted, too
    short. The message says which, and never holds the key."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a tool call: where (``parameters.Filter.value``) and what."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class ActionKitValidationError(ActionKitError, ValueError):
    """The call is not what the tool takes; nothing was sent."""

    def __init__(self, tool: str, problems: Sequence[Problem]) -> None:
        self.tool = tool
        self.problems = tuple(problems)
        listed = "\n".join(f"  {problem}" for problem in self.problems)
        super().__init__(f"{tool}: {len(self.problems)} problem(s) with the parameters:\n{listed}")


class APIConnectionError(ActionKitError):
    """The request did not get an answer: the connection failed or was cut.

    Whether the tool ran is unknown unless the connection failed before the request was sent.
    """

    def __init__(self, message: str = "Connection error.") -> None:
        super().__init__(message)


class APITimeoutError(APIConnectionError):
    """No answer in time."""

    def __init__(self, message: str = "Request timed out.") -> None:
        super().__init__(message)


class APIStatusError(ActionKitError):
    """The API answered with an error status.

    ``message`` is the API's own (its JSON body's ``message``), ``body`` the decoded body (the text
    when it is not JSON) and ``response`` the ``httpx.Response``.
    """

    def __init__(self, message: str, *, response: httpx.Response, body: object) -> None:
        super().__init__(f"{response.status_code}: {message}")
        self.message = message
        self.response = response
        self.status_code = response.status_code
        self.body = body


class APIResponseValidationError(ActionKitError):
    """A successful answer that is not what it says it is: declared JSON, but not JSON."""

    def __init__(self, message: str, *, response: httpx.Response, body: object) -> None:
        super().__init__(f"{response.status_code}: {message}")
        self.message = message
        self.response = response
        self.status_code = response.status_code
        self.body = body


class ResponseTooLargeError(APIResponseValidationError):
    """A buffered answer grew past the client's ``max_response_bytes`` (counted after
    decompression): reading stopped there. ``client.with_streaming_response`` reads any size."""


class BadRequestError(APIStatusError):
    """400: the API or the integration refused the parameters."""


class AuthenticationError(APIStatusError):
    """401: the user token is missing, expired or not signed for this project."""


class PermissionDeniedError(APIStatusError):
    """403."""


class NotFoundError(APIStatusError):
    """404."""


class RateLimitError(APIStatusError):
    """429: too many requests, to ActionKit or to the integration behind it."""

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: object,
        retry_after: float | None,
    ) -> None:
        super().__init__(message, response=response, body=body)
        self.retry_after = retry_after


class InternalServerError(APIStatusError):
    """5xx."""


class IntegrationNotConnectedError(APIStatusError):
    """The user has not connected the tool's integration ("Integration not enabled for user."),
    recognised from the API's message whatever the status."""
