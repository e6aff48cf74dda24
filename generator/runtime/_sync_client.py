# Written by scripts/unasync.py from _async_client.py: edit that file, not this one.
"""``ActionKit``: the synchronous client, sending and waiting over ``_base_client``.

Written from ``_async_client.py`` by ``scripts/unasync.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from types import TracebackType
from typing import Any, Generic, Literal, ParamSpec, TypeVar, cast

import httpx

from ._agents import error_value, parse_call
from ._base_client import (
    DEFAULT_BASE_URL,
    DEFAULT_MAX_RETRIES,
    INITIAL_RETRY_DELAY,
    MAX_RETRY_DELAY,
    RAW,
    BaseClient,
    Options,
    TimeoutTypes,
    check_errors,
    ssl_context,
)
from ._exceptions import (
    ActionKitError,
    ActionKitValidationError,
    APIConnectionError,
    APIStatusError,
)
from ._pagination import DEFAULT_MAX_PAGES, CursorFrom, PageCursor, PageIterator
from ._response import RawResponse, ToolList, decode, tool_list
from ._tool_call import ToolCall
from ._types import NOT_GIVEN, JsonValue, NotGiven

__all__ = ["ActionKit", "ActionKitWithRawResponse"]

_Params = ParamSpec("_Params")
_Answered = TypeVar("_Answered")


class ActionKit(BaseClient):
    """The synchronous client: ``with ActionKit() as client: ...`` closes its
    connections.

    ``project_id`` and ``user_token`` fall back to ``PARAGON_PROJECT_ID`` and
    ``PARAGON_USER_TOKEN``. Instead of a token, ``signing_key`` (the project's private key, PEM;
    else ``PARAGON_SIGNING_KEY`` or the file at ``PARAGON_SIGNING_KEY_PATH``) and ``user_id``
    (else ``PARAGON_USER_ID``): the client then signs the user's tokens itself, and a fresh one
    before each expires (the extra ``actionkit-client[signing]``). ``base_url`` points at an on-premise install
    (``https://worker-actionkit.<your base>``). ``credential_id`` picks one of the user's accounts
    of an integration (sent as ``X-Paragon-Credential``). ``http_client`` (an
    ``httpx.Client``) is used as given and left open. Retries: see ``max_retries`` and
    ``retry_ambiguous`` in the README.
    """

    def __init__(
        self,
        project_id: str | None = None,
        user_token: str | None = None,
        *,
        signing_key: str | bytes | None = None,
        user_id: str | None = None,
        base_url: str = DEFAULT_BASE_URL,
        credential_id: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        retry_ambiguous: bool = False,
        initial_retry_delay: float = INITIAL_RETRY_DELAY,
        max_retry_delay: float = MAX_RETRY_DELAY,
        http_client: httpx.Client | None = None,
    ) -> None:
        super().__init__(
            project_id,
            user_token,
            signing_key=signing_key,
            user_id=user_id,
            base_url=base_url,
            credential_id=credential_id,
            timeout=timeout,
            max_retries=max_retries,
            retry_ambiguous=retry_ambiguous,
            initial_retry_delay=initial_retry_delay,
            max_retry_delay=max_retry_delay,
            http_client=http_client,
        )
        self._http = (
            http_client
            if http_client is not None
            else httpx.Client(timeout=self.timeout, verify=ssl_context())
        )

    def run(
        self,
        call: ToolCall,
        /,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        retry_ambiguous: bool | NotGiven = NOT_GIVEN,
        headers: Mapping[str, str] | None = None,
    ) -> Any:
        """Run one tool call and return its result: decoded JSON, or a ``FileResult``."""
        options = self._options(timeout, max_retries, retry_ambiguous, headers)
        return self._answer.give(self._run(call.TOOL, call.to_parameters(), options))

    def run_tool(
        self,
        name: str,
        parameters: Mapping[str, object],
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        retry_ambiguous: bool | NotGiven = NOT_GIVEN,
        headers: Mapping[str, str] | None = None,
    ) -> Any:
        """Run a tool known by name; a tool in ``TOOLS`` is checked by its class first."""
        options = self._options(timeout, max_retries, retry_ambiguous, headers)
        wire = self._call_parameters(name, parameters)
        return self._answer.give(self._run(name, wire, options))

    def dispatch(
        self,
        name: str,
        arguments: str | Mapping[str, Any],
        *,
        strict: bool = False,
        errors: Literal["raise", "return"] = "raise",
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        retry_ambiguous: bool | NotGiven = NOT_GIVEN,
        headers: Mapping[str, str] | None = None,
    ) -> Any:
        """Run a tool call as a model gave it: ``name`` (the tool's name or the name a provider
        export gave it) and ``arguments`` (a JSON string or a mapping), checked first.

        ``strict=True`` reads the arguments as ``tool_definitions(..., strict=True)`` asked for
        them (a null in an optional property means "not sent"). With ``errors="return"``, a
        problem comes back as a dict with ``"error"`` and its details, for the model to read,
        instead of an exception; a call with problems is never sent.
        """
        check_errors(errors)
        try:
            call = parse_call(name, arguments, strict=strict)
            return self.run(
                call,
                timeout=timeout,
                max_retries=max_retries,
                retry_ambiguous=retry_ambiguous,
                headers=headers,
            )
        except (ActionKitValidationError, APIStatusError, APIConnectionError) as error:
            if errors == "return":
                return error_value(error)
            raise

    def pages(
        self,
        call: ToolCall,
        /,
        *,
        cursor: str | CursorFrom | None = None,
        start_cursor: str | None = None,
        max_pages: int | None = DEFAULT_MAX_PAGES,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        retry_ambiguous: bool | NotGiven = NOT_GIVEN,
        headers: Mapping[str, str] | None = None,
    ) -> PageIterator:
        """Every page of a tool that takes ``paginationParameters``, fetched as the loop asks
        (``for page in client.pages(call): ...``).

        Each answer's cursor (``cursor``: a key of the page or a function of it; by default
        ``nextPageCursor`` or ``pageCursor``) is sent back as ``paginationParameters.pageCursor``
        until it is missing, empty or null, or ``max_pages`` pages were fetched.
        """
        options = self._options(timeout, max_retries, retry_ambiguous, headers)
        state = PageCursor(call, cursor=cursor, start_cursor=start_cursor, max_pages=max_pages)
        tool = call.TOOL

        def fetch(parameters: dict[str, JsonValue]) -> Any:
            return decode(self._run(tool, parameters, options))

        return PageIterator(state, fetch)

    def list_tools(
        self,
        *,
        integrations: str | Sequence[str] | None = None,
        categories: str | Sequence[str] | None = None,
        format: Literal["json_schema", "paragon"] = "json_schema",
        limit_to_available: bool | None = None,
        reload_fields: bool | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        headers: Mapping[str, str] | None = None,
    ) -> ToolList:
        """The tools available to this user, with their current schemas (custom fields included).

        ``limit_to_available`` and ``reload_fields`` are sent only when given (the API's defaults:
        true, and custom fields cached for 8 hours).
        """
        options = self._options(timeout, max_retries, NOT_GIVEN, headers)
        request = self._list_request(
            self._http,
            integrations=integrations,
            categories=categories,
            format=format,
            limit_to_available=limit_to_available,
            reload_fields=reload_fields,
            options=options,
        )
        return tool_list(decode(self._send(request, options, True, "list_tools")))

    @property
    def with_raw_response(self) -> ActionKitWithRawResponse:
        """``run`` and ``run_tool``, returning the ``RawResponse`` (status, headers, ``parse()``)."""
        return ActionKitWithRawResponse(self._answering(RAW), "with_raw_response")

    def with_options(
        self,
        *,
        user_token: str | None = None,
        credential_id: str | NotGiven | None = NOT_GIVEN,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        retry_ambiguous: bool | NotGiven = NOT_GIVEN,
    ) -> ActionKit:
        """A client with some settings changed that shares this one's connections (for example
        one per user of an app: ``client.with_options(user_token=token)``). Another user's
        client keeps nothing of this one's: no token, no ``credential_id`` unless given, and no
        cookie (the clients never send one)."""
        return self._copy(
            user=self._other_user(user_token),
            credential_id=credential_id,
            timeout=timeout,
            max_retries=max_retries,
            retry_ambiguous=retry_ambiguous,
        )

    def for_user(self, user_id: str) -> ActionKit:
        """A client for another user of the app, on the same connections, with tokens signed
        for ``user_id`` by this client's signing key (and nothing else of this client's user:
        no token, no ``credential_id``). Needs a client made with a signing key."""
        return self._copy(
            user=self._for_user(user_id),
            credential_id=NOT_GIVEN,
            timeout=NOT_GIVEN,
            max_retries=NOT_GIVEN,
            retry_ambiguous=NOT_GIVEN,
        )

    def _run(
        self, tool: str, parameters: Mapping[str, JsonValue], options: Options
    ) -> httpx.Response:
        request = self._tool_request(self._http, tool, parameters, options)
        return self._send(request, options, False, tool)

    def _send(
        self, request: httpx.Request, options: Options, idempotent: bool, what: str
    ) -> httpx.Response:
        """Send until a success, retrying what the policy allows; raise the final error."""
        attempt = 0
        while True:
            self._log_request(request, what, attempt)
            self._authorize(request, options)
            try:
                response = self._http.send(request)
            except httpx.RequestError as error:
                outcome = self._after_error(error, attempt, options, idempotent)
            else:
                self._log_response(response, what)
                if response.is_success:
                    return response
                outcome = self._after_status(response, attempt, options, idempotent)
            # Raised here, outside the except block: no chained httpx error, no token.
            if isinstance(outcome, ActionKitError):
                raise outcome
            _sleep(outcome)
            attempt += 1

    def close(self) -> None:
        """Close the connections, unless the ``httpx.Client`` was given by the caller."""
        if self._owns_http_client:
            self._http.close()

    def __enter__(self) -> ActionKit:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _sleep(seconds: float) -> None:
    import time

    time.sleep(seconds)


class _Answering(Generic[_Answered]):
    """The tool calls, ``run`` and ``run_tool``, of a client that gives back its answers in one
    mode (``client._answering(mode)``): every mode covers every call, with the call's own
    signature, and ``name`` is the client's attribute that offers it."""

    def __init__(self, client: ActionKit, name: str) -> None:
        self._client = client
        self._name = name
        self.run = self._wrap(client.run)
        self.run_tool = self._wrap(client.run_tool)

    def _wrap(self, call: Callable[_Params, Any]) -> Callable[_Params, _Answered]:
        return cast("Callable[_Params, _Answered]", call)

    def __repr__(self) -> str:
        return f"{self._client!r}.{self._name}"


class ActionKitWithRawResponse(_Answering[RawResponse]):
    """``client.with_raw_response``: ``run`` and ``run_tool`` return the ``RawResponse`` instead
    of the result. Also serves the tool functions: ``send_message(client.with_raw_response, ...)``.
    """
