"""Every decision both clients make, made once and without IO: settings, the request to send,
whether and when to send it again, what an answer means, what is logged and what is redacted.

``_async_client.py`` (``AsyncActionKit``) only sends and sleeps over it; ``_sync_client.py``
(``ActionKit``) is written from that file by ``scripts/unasync.py``.
"""

from __future__ import annotations

import copy
import json
import logging
import os
import random
import ssl
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Final, TypeAlias, TypeVar, cast

import httpx

from . import _log_redaction
from ._auth import FixedToken, UserAuth, user_auth
from ._connections import Connections
from ._exceptions import (
    INTEGRATION_NOT_CONNECTED,
    ActionKitError,
    ActionKitValidationError,
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    IntegrationNotConnectedError,
    InternalServerError,
    InvalidSettingError,
    NotFoundError,
    PermissionDeniedError,
    Problem,
    RateLimitError,
)
from ._limits import (
    AMBIGUOUS_RETRY_COST,
    ERROR_BODY_BYTES,
    RETRY_COST,
    SUCCESS_REFILL,
    BodyReader,
    BodyRules,
    CallState,
    RetryBudget,
)
from ._metadata import GENERATOR_VERSION
from ._redaction import redact
from ._response import RawResponse, decode, parse_json
from ._settings_checks import (
    check_base_url,
    check_credential_id,
    check_deadline,
    check_max_response_bytes,
    check_retries,
    check_retry_delays,
    check_user_token,
    project_segment,
)
from ._tokens import UserTokens
from ._types import NOT_GIVEN, JsonValue, NotGiven

DEFAULT_BASE_URL: Final = "https://actionkit.useparagon.com"
DEFAULT_TIMEOUT: Final = httpx.Timeout(60.0, connect=10.0)
DEFAULT_MAX_RETRIES: Final = 2
INITIAL_RETRY_DELAY: Final = 0.5
MAX_RETRY_DELAY: Final = 8.0
MAX_RETRY_AFTER: Final = 60.0
"""A ``Retry-After`` longer than this is not waited for: the error is raised, with ``retry_after``."""

_HTTPX_DEFAULT_TIMEOUT: Final = httpx.Timeout(5.0)
_HTTPX_USER_AGENT: Final = f"python-httpx/{httpx.__version__}"
USER_AGENT: Final = f"actionkit-client/{GENERATOR_VERSION} {_HTTPX_USER_AGENT}"
"""Every request's ``User-Agent``, unless an injected ``http_client`` has one of its own."""

# Outcomes after which the tool surely did not run, and outcomes after which it may have.
_NOT_SENT_ERRORS: Final = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
_AMBIGUOUS_ERRORS: Final = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)
_NOT_RUN_STATUSES: Final = frozenset({429, 503})
_AMBIGUOUS_STATUSES: Final = frozenset({500, 502, 504})
_ERRORS_BY_STATUS: Final[Mapping[int, type[APIStatusError]]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
}

_ENCODER: Final = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":"))

log = logging.getLogger(__name__.rpartition(".")[0] or __name__)
log.addHandler(logging.NullHandler())  # silent unless the application configures logging

TimeoutTypes: TypeAlias = float | httpx.Timeout | None
_Client = TypeVar("_Client", bound="BaseClient")


@dataclass(frozen=True)
class Options:
    """The settings of one call: the client's, with what the call overrides."""

    timeout: httpx.Timeout
    max_retries: int
    retry_ambiguous: bool
    headers: Mapping[str, str] | None
    deadline: float | None
    max_response_bytes: int


@dataclass(frozen=True)
class Answer:
    """How a client gives back a successful tool answer: its result, the ``RawResponse``, or
    (``streamed``: the body not read yet) a streamed response."""

    streamed: bool
    give: Callable[[httpx.Response, BodyRules], Any]


def _result(response: httpx.Response, rules: BodyRules) -> Any:
    return decode(response)


def _raw(response: httpx.Response, rules: BodyRules) -> RawResponse:
    return RawResponse(response)


RESULT: Final = Answer(streamed=False, give=_result)
RAW: Final = Answer(streamed=False, give=_raw)


@cache
def ssl_context() -> ssl.SSLContext:
    """One TLS context for every httpx client this package creates: building one loads the CA
    bundle, about 100 ms, where a client without it takes well under one."""
    return httpx.create_ssl_context()


def _as_timeout(timeout: TimeoutTypes) -> httpx.Timeout:
    return timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)


class BaseClient:
    """Settings, request building, response handling and the retry policy, shared by both clients."""

    _owns_http_client: bool
    _connections: Connections[Any]
    _answer: Answer = RESULT

    def __init__(
        self,
        project_id: str | None,
        user_token: str | None,
        *,
        signing_key: str | bytes | None,
        user_id: str | None,
        base_url: str,
        credential_id: str | None,
        timeout: TimeoutTypes | NotGiven,
        max_retries: int,
        retry_ambiguous: bool,
        initial_retry_delay: float,
        max_retry_delay: float,
        deadline: float | None,
        max_response_bytes: int,
        http_client: httpx.Client | httpx.AsyncClient | None,
    ) -> None:
        token_source = "user_token" if user_token else "PARAGON_USER_TOKEN"
        project_id = project_id or os.environ.get("PARAGON_PROJECT_ID")
        if not project_id:
            raise ActionKitError("no project_id: pass one or set PARAGON_PROJECT_ID")
        user = user_auth(user_token, signing_key, user_id)
        # Checked before anything else is made: a bad value fails here, unseen, nothing sent.
        if isinstance(user, FixedToken):
            check_user_token(user.token(), token_source)
        self._project_segment = project_segment(project_id)
        base_url = check_base_url(base_url)
        credential_id = check_credential_id(credential_id)
        if isinstance(timeout, NotGiven):
            # An injected client keeps the timeout it was given, unless that is httpx's default.
            given = http_client.timeout if http_client is not None else _HTTPX_DEFAULT_TIMEOUT
            timeout = DEFAULT_TIMEOUT if given == _HTTPX_DEFAULT_TIMEOUT else given
        check_retry_delays(initial_retry_delay, max_retry_delay)
        self.project_id: str = project_id
        self.base_url = base_url.rstrip("/")
        self.credential_id = credential_id
        self.timeout = _as_timeout(timeout)
        self.max_retries = check_retries(max_retries)
        self.retry_ambiguous = retry_ambiguous
        self.initial_retry_delay = initial_retry_delay
        self.max_retry_delay = max_retry_delay
        self.deadline = check_deadline(deadline)
        self.max_response_bytes = check_max_response_bytes(max_response_bytes)
        self._user_auth: UserAuth = user
        given_agent = http_client.headers.get("User-Agent") if http_client is not None else None
        self._user_agent = USER_AGENT if given_agent in (None, _HTTPX_USER_AGENT) else None
        _log_redaction.watch(self._secret)
        self._owns_http_client = http_client is None
        self._retry_budget = RetryBudget()
        self._configure()

    def _secret(self) -> tuple[str, ...]:
        """The user's tokens, for the log filter of ``_log_redaction`` to take out."""
        return self._user_auth.tokens_sent()

    def _configure(self) -> None:
        """Derive what every request reuses from the settings."""
        self._tools_url = httpx.URL(f"{self.base_url}/projects/{self._project_segment}/tools")
        # Authorization is set as each request is sent (``_authorize``).
        headers = {"Accept": "application/json, */*;q=0.8"}  # a download tool answers with its file
        if self._user_agent:
            headers["User-Agent"] = self._user_agent
        if self.credential_id:
            headers["X-Paragon-Credential"] = self.credential_id
        self._get_headers = httpx.Headers(headers)
        self._post_headers = httpx.Headers({**headers, "Content-Type": "application/json"})
        self._default_options = Options(
            self.timeout,
            self.max_retries,
            self.retry_ambiguous,
            None,
            self.deadline,
            self.max_response_bytes,
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}(project_id={self.project_id!r}, base_url={self.base_url!r})"

    @property
    def tools_url(self) -> str:
        """``{base_url}/projects/{project_id}/tools``: where tools run and are listed."""
        return str(self._tools_url)

    def _copy(
        self: _Client,
        *,
        user: UserAuth | None,
        credential_id: str | NotGiven | None,
        timeout: TimeoutTypes | NotGiven,
        max_retries: int | NotGiven,
        retry_ambiguous: bool | NotGiven,
        deadline: float | NotGiven | None,
        max_response_bytes: int | NotGiven,
    ) -> _Client:
        """A client with some settings changed that shares these connections and retry budget
        (``with_options``, ``for_user``). Another ``user`` takes nothing of this one's: not its
        token, and not its credential id unless given."""
        new = copy.copy(self)
        new._owns_http_client = False
        if user is not None:
            if isinstance(user, FixedToken):
                check_user_token(user.token())
            new._user_auth = user
            # Another user: nothing of this one's goes along, not even the credential picked.
            new.credential_id = None
        _log_redaction.watch(new._secret)  # for as long as the copy lives, whatever the original
        if not isinstance(credential_id, NotGiven):
            new.credential_id = check_credential_id(credential_id)
        if not isinstance(timeout, NotGiven):
            new.timeout = _as_timeout(timeout)
        if not isinstance(max_retries, NotGiven):
            new.max_retries = check_retries(max_retries)
        if not isinstance(retry_ambiguous, NotGiven):
            new.retry_ambiguous = retry_ambiguous
        if not isinstance(deadline, NotGiven):
            new.deadline = check_deadline(deadline)
        if not isinstance(max_response_bytes, NotGiven):
            new.max_response_bytes = check_max_response_bytes(max_response_bytes)
        new._configure()
        return new

    def _answering(self: _Client, answer: Answer) -> _Client:
        """This client, giving back tool answers as ``answer`` says (``with_raw_response``)."""
        new = copy.copy(self)
        new._owns_http_client = False
        new._answer = answer
        return new

    def _other_user(self, user_token: str | None) -> UserAuth | None:
        """The user of ``with_options(user_token=...)``: None when not given."""
        if user_token is None:
            return None
        if not isinstance(user_token, str) or not user_token:  # pyright: ignore[reportUnnecessaryIsInstance]
            raise ActionKitError("user_token must be a non-empty string")
        return FixedToken(user_token)

    def _for_user(self, user_id: str) -> UserTokens:
        """The user of ``for_user(user_id)``: tokens signed with this client's key."""
        if not isinstance(self._user_auth, UserTokens):
            raise ActionKitError(
                "for_user needs a signing key: make the client with signing_key= (or"
                " PARAGON_SIGNING_KEY); for a token, use with_options(user_token=...)"
            )
        return self._user_auth.for_user(user_id)

    # Requests

    def _options(
        self,
        timeout: TimeoutTypes | NotGiven,
        max_retries: int | NotGiven,
        retry_ambiguous: bool | NotGiven,
        headers: Mapping[str, str] | None,
        deadline: float | NotGiven | None = NOT_GIVEN,
    ) -> Options:
        if (
            timeout is NOT_GIVEN
            and max_retries is NOT_GIVEN
            and retry_ambiguous is NOT_GIVEN
            and not headers
            and deadline is NOT_GIVEN
        ):
            return self._default_options
        return Options(
            timeout=self.timeout if isinstance(timeout, NotGiven) else _as_timeout(timeout),
            max_retries=(
                self.max_retries
                if isinstance(max_retries, NotGiven)
                else check_retries(max_retries)
            ),
            retry_ambiguous=(
                self.retry_ambiguous if isinstance(retry_ambiguous, NotGiven) else retry_ambiguous
            ),
            headers=headers or None,
            deadline=self.deadline if isinstance(deadline, NotGiven) else check_deadline(deadline),
            max_response_bytes=self.max_response_bytes,
        )

    def _headers(self, base: httpx.Headers, options: Options) -> httpx.Headers:
        if not options.headers:
            return base
        headers = base.copy()
        headers.update(options.headers)  # case-insensitive: a per-call header replaces a default
        return headers

    def _tool_request(
        self,
        http: httpx.Client | httpx.AsyncClient,
        tool: str,
        parameters: Mapping[str, JsonValue],
        options: Options,
    ) -> httpx.Request:
        """``POST {base_url}/projects/{project_id}/tools`` with ``{"tool", "parameters"}``."""
        try:
            body = _ENCODER.encode({"tool": tool, "parameters": parameters})
        except (TypeError, ValueError) as error:
            problem = Problem("parameters", f"cannot be sent as JSON: {error}")
        else:
            return _without_jar_cookies(
                http.build_request(
                    "POST",
                    self._tools_url,
                    content=body.encode("utf-8"),
                    headers=self._headers(self._post_headers, options),
                    timeout=options.timeout,
                ),
                options,
            )
        raise ActionKitValidationError(tool, [problem])

    def _list_request(
        self,
        http: httpx.Client | httpx.AsyncClient,
        *,
        integrations: str | Sequence[str] | None,
        categories: str | Sequence[str] | None,
        format: str,
        limit_to_available: bool | None,
        reload_fields: bool | None,
        options: Options,
    ) -> httpx.Request:
        """``GET {base_url}/projects/{project_id}/tools`` with the API's query options."""
        params: dict[str, str] = {"format": format}
        if limit_to_available is not None:
            params["limit_to_available"] = "true" if limit_to_available else "false"
        if reload_fields is not None:
            params["reload_fields"] = "true" if reload_fields else "false"
        if integrations:
            params["integrations"] = _comma_list(integrations)
        if categories:
            params["categories"] = _comma_list(categories)
        return _without_jar_cookies(
            http.build_request(
                "GET",
                self._tools_url,
                params=params,
                headers=self._headers(self._get_headers, options),
                timeout=options.timeout,
            ),
            options,
        )

    def _authorize(self, request: httpx.Request, options: Options) -> None:
        """Put the user's token on the request, just before each time it is sent: a token
        minted from the signing key is replaced before it expires, even between retries. A
        call's own ``headers`` may hold another."""
        if options.headers and any(name.lower() == "authorization" for name in options.headers):
            return
        # httpx.Headers hides the Authorization value in its repr.
        request.headers["Authorization"] = f"Bearer {self._user_auth.token()}"

    @staticmethod
    def _call_parameters(name: str, parameters: Mapping[str, object]) -> Mapping[str, JsonValue]:
        """The wire parameters for a tool known by name, checked by its class when it has one."""
        from ._registry import TOOLS

        if name in TOOLS:
            return TOOLS[name].from_parameters(parameters).to_parameters()
        if not isinstance(parameters, Mapping):  # pyright: ignore[reportUnnecessaryIsInstance]
            raise ActionKitValidationError(name, [Problem("parameters", "expected an object")])
        return parameters  # type: ignore[return-value]  # checked by the JSON encoder

    # Each attempt

    def _prepare(self, request: httpx.Request, call: CallState, what: str) -> None:
        """Before sending: the deadline not passed, and no timeout outlasting it."""
        if call.ends is not None:
            call.check_deadline()
            request.extensions["timeout"] = call.timeouts(request.extensions["timeout"])
        self._log_request(request, what, call.attempt)

    def _reader(self, response: httpx.Response, options: Options, call: CallState) -> BodyReader:
        """How much of this answer to read into memory: an answer up to ``max_response_bytes``,
        an error's message up to ``ERROR_BODY_BYTES``."""
        if response.is_success:
            return BodyReader(response, options.max_response_bytes, call)
        limit = min(options.max_response_bytes, ERROR_BODY_BYTES)
        return BodyReader(response, limit, call, truncate=True)

    def _rules(self, options: Options, call: CallState) -> BodyRules:
        return BodyRules(options.max_response_bytes, call, self._connection_error, self._redact)

    def _succeeded(self, call: CallState) -> None:
        """A success refills the retry budget: what its retry cost, else a little."""
        self._retry_budget.refill(call.retry_cost or SUCCESS_REFILL)

    # The retry policy

    def _after_error(
        self, error: httpx.RequestError, call: CallState, options: Options, idempotent: bool
    ) -> float | ActionKitError:
        """The delay before sending again after a failed exchange, or the error to raise."""
        if isinstance(error, _NOT_SENT_ERRORS):
            surely_not_run = True
        elif isinstance(error, _AMBIGUOUS_ERRORS):
            surely_not_run = False
        else:
            return self._connection_error(error)
        delay = self._retry_delay(
            call, options, idempotent, surely_not_run, type(error).__name__, None
        )
        return self._connection_error(error) if delay is None else delay

    def _after_status(
        self, response: httpx.Response, call: CallState, options: Options, idempotent: bool
    ) -> float | ActionKitError:
        """The delay before sending again after an error status, or the error to raise."""
        status = response.status_code
        if status in _NOT_RUN_STATUSES or status in _AMBIGUOUS_STATUSES:
            delay = self._retry_delay(
                call,
                options,
                idempotent,
                status in _NOT_RUN_STATUSES,
                f"HTTP {status}",
                response,
            )
            if delay is not None:
                return delay
        return self._status_error(response)

    def _retry_delay(
        self,
        call: CallState,
        options: Options,
        idempotent: bool,
        surely_not_run: bool,
        reason: str,
        response: httpx.Response | None,
    ) -> float | None:
        """Seconds to wait before sending again, or None when this outcome must not be retried.

        A tool run has side effects (an email, an invoice), so by default only what surely did
        not run is sent again: a connection that failed before the request was sent, 429 and 503.
        A read timeout, a cut connection and 500/502/504 may have run: retried only with
        ``retry_ambiguous``. Listing tools has no side effects and retries both. Every retry
        spends from the client's retry budget, and none waits past the call's deadline.
        """
        attempt = call.attempt
        if not surely_not_run and not idempotent and not options.retry_ambiguous:
            if options.max_retries:
                log.info(
                    "not retrying after %s: the tool may have run (retry_ambiguous=True retries it)",
                    reason,
                )
            return None
        if attempt >= options.max_retries:
            if options.max_retries:
                log.info("giving up after %s: %d retries done", reason, attempt)
            return None
        retry_after = _retry_after(response)
        if retry_after is not None and retry_after > MAX_RETRY_AFTER:
            log.info(
                "not retrying after %s: Retry-After asks for %.0f s, more than %.0f s",
                reason,
                retry_after,
                MAX_RETRY_AFTER,
            )
            return None
        if retry_after is not None:
            delay, source = retry_after, "Retry-After"
        else:
            delay = min(self.initial_retry_delay * 2**attempt, self.max_retry_delay)
            delay *= 1 - 0.25 * random.random()
            source = "backoff"
        remaining = call.remaining()
        if remaining is not None and delay >= remaining:
            log.info(
                "not retrying after %s: waiting %.3f s would pass the call's deadline",
                reason,
                delay,
            )
            return None
        cost = RETRY_COST if surely_not_run else AMBIGUOUS_RETRY_COST
        if not self._retry_budget.spend(cost):
            log.info(
                "not retrying after %s: the client's retry budget is spent "
                "(too many failures lately; successes refill it)",
                reason,
            )
            return None
        call.retry_cost = cost
        log.info(
            "retrying in %.3f s (%s), retry %d of %d, after %s",
            delay,
            source,
            attempt + 1,
            options.max_retries,
            reason,
        )
        return delay

    # Answers

    def _redact(self, value: Any) -> Any:
        """The value with the user token replaced wherever an answer echoes it."""
        for token in self._user_auth.tokens_sent():
            value = redact(value, token)
        return value

    def _status_error(self, response: httpx.Response) -> APIStatusError:
        try:
            body: Any = parse_json(response.content)
        except ValueError:
            body = response.text
        body = self._redact(body)
        message = _message_of(body) or response.reason_phrase or "error"
        status = response.status_code
        if INTEGRATION_NOT_CONNECTED.rstrip(".").lower() in message.lower():
            return IntegrationNotConnectedError(message, response=response, body=body)
        if status == 429:
            return RateLimitError(
                message, response=response, body=body, retry_after=_retry_after(response)
            )
        error_class = _ERRORS_BY_STATUS.get(status)
        if error_class is None:
            error_class = InternalServerError if status >= 500 else APIStatusError
        return error_class(message, response=response, body=body)

    def _connection_error(self, error: httpx.RequestError) -> APIConnectionError:
        # Never chained: an httpx error holds the request, and the request the token.
        detail = self._redact(str(error)) or type(error).__name__
        if isinstance(error, httpx.TimeoutException):
            return APITimeoutError(f"Request timed out ({type(error).__name__}: {detail}).")
        return APIConnectionError(f"Connection error ({type(error).__name__}: {detail}).")

    # Logging

    @staticmethod
    def _log_request(request: httpx.Request, what: str, attempt: int) -> None:
        log.debug("%s %s %s (attempt %d)", request.method, request.url, what, attempt + 1)

    @staticmethod
    def _log_response(response: httpx.Response, what: str) -> None:
        log.debug("HTTP %d for %s", response.status_code, what)


def check_http2(http2: bool, http_client: object) -> None:
    """``http2=True`` is for the pool the client makes, not for one the caller gives."""
    if http2 and http_client is not None:
        raise InvalidSettingError(
            "http2=True applies to the connections the client makes: give your http_client "
            "http2=True instead"
        )


def _without_jar_cookies(request: httpx.Request, options: Options) -> httpx.Request:
    """The request without the ``Cookie`` header an injected client's jar added: the API needs
    no cookie, and a jar shared by ``with_options`` copies would carry one user's to another."""
    if "cookie" in request.headers and not (
        options.headers and any(name.lower() == "cookie" for name in options.headers)
    ):
        del request.headers["cookie"]
    return request


def check_errors(errors: str) -> None:
    """``dispatch``'s ``errors`` is ``"raise"`` or ``"return"``."""
    if errors not in ("raise", "return"):
        raise ValueError(f"errors must be 'raise' or 'return', not {errors!r}")


def _message_of(body: object) -> str | None:
    """The API's own message in an error body: its ``message``, else its ``error``."""
    if not isinstance(body, dict):
        return None
    fields = cast("dict[str, object]", body)
    for key in ("message", "error"):
        message = fields.get(key)
        if isinstance(message, str):
            return message if message.strip() else None
    return None


def _comma_list(value: str | Sequence[str]) -> str:
    return value if isinstance(value, str) else ",".join(value)


def _retry_after(response: httpx.Response | None) -> float | None:
    """``Retry-After`` in seconds, given as seconds or as an HTTP date (or ``retry-after-ms``)."""
    if response is None:
        return None
    headers = response.headers
    milliseconds = headers.get("retry-after-ms")
    if milliseconds:
        try:
            return max(0.0, float(milliseconds) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return max(0.0, seconds) if seconds == seconds else None  # NaN is no answer
    import email.utils  # only for a date, which is rare

    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - time.time())
