"""``AsyncActionKit``: the asynchronous client, sending and waiting over ``_base_client``.

``_sync_client.py`` is this file made synchronous by ``scripts/unasync.py``: edit this one.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from functools import partial, wraps
from types import TracebackType
from typing import Any, Generic, Literal, ParamSpec, TypeVar, cast

import httpx

from ._agents import parse_call
from ._async_io import cancel_at, sleep
from ._async_streaming import STREAMED, AsyncStreamContext, AsyncStreamedResponse
from ._base_client import (
    DEFAULT_BASE_URL,
    DEFAULT_MAX_RETRIES,
    INITIAL_RETRY_DELAY,
    MAX_RETRY_DELAY,
    RAW,
    RESULT,
    Answer,
    BaseClient,
    Options,
    TimeoutTypes,
    check_errors,
    check_http2,
    ssl_context,
)
from ._connections import Connections, no_cookies
from ._exceptions import (
    ActionKitError,
)
from ._limits import DEFAULT_MAX_RESPONSE_BYTES, BodyReader, CallState
from ._pagination import DEFAULT_MAX_PAGES, AsyncPageIterator, CursorFrom, PageCursor
from ._response import RawResponse, ToolList, tool_list
from ._results import error_value, result_value
from ._tool_call import ToolCall
from ._types import NOT_GIVEN, JsonValue, NotGiven

__all__ = [
    "AsyncActionKit",
    "AsyncActionKitWithRawResponse",
    "AsyncActionKitWithStreamingResponse",
    "AsyncStreamContext",
    "AsyncStreamedResponse",
]

_Params = ParamSpec("_Params")
_Answered = TypeVar("_Answered")


class AsyncActionKit(BaseClient):
    """The asynchronous client: ``async with AsyncActionKit() as client: ...`` closes its
    connections.

    ``project_id`` and ``user_token`` fall back to ``PARAGON_PROJECT_ID`` and
    ``PARAGON_USER_TOKEN``. Instead of a token, ``signing_key`` (the project's private key, PEM;
    else ``PARAGON_SIGNING_KEY`` or the file at ``PARAGON_SIGNING_KEY_PATH``) and ``user_id``
    (else ``PARAGON_USER_ID``): the client then signs the user's tokens itself, and a fresh one
    before each expires (the extra ``actionkit-client[signing]``). ``base_url`` points at an on-premise install
    (``https://worker-actionkit.<your base>``). ``credential_id`` picks one of the user's accounts
    of an integration (sent as ``X-Paragon-Credential``). ``http_client`` (an
    ``httpx.AsyncClient``) is used as given and left open. Retries: see ``max_retries`` and
    ``retry_ambiguous`` in the README. ``deadline`` (seconds, default none) bounds a whole call:
    every attempt, the waits between them and the body. ``max_response_bytes`` caps an answer
    read into memory (``with_streaming_response`` reads any size). ``http2=True`` speaks HTTP/2
    where the server offers it (the extra ``http2``). The connections are this process's and this
    event loop's: a forked child or another event loop gets fresh ones (``_connections``).
    """

    _connections: Connections[httpx.AsyncClient]

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
        deadline: float | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        http_client: httpx.AsyncClient | None = None,
        http2: bool = False,
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
            deadline=deadline,
            max_response_bytes=max_response_bytes,
            http_client=http_client,
        )
        check_http2(http2, http_client)
        timeout = self.timeout
        self._connections = Connections(
            lambda: httpx.AsyncClient(
                timeout=timeout, verify=ssl_context(), http2=http2, cookies=no_cookies()
            ),
            http_client,
        )

    @property
    def _http(self) -> httpx.AsyncClient:
        """The connection pool for a request from here: this process and event loop."""
        return self._connections.current()

    async def run(
        self,
        call: ToolCall,
        /,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        retry_ambiguous: bool | NotGiven = NOT_GIVEN,
        headers: Mapping[str, str] | None = None,
        deadline: float | NotGiven | None = NOT_GIVEN,
    ) -> Any:
        """Run one tool call and return its result: decoded JSON, or a ``FileResult``."""
        options = self._options(timeout, max_retries, retry_ambiguous, headers, deadline)
        return await self._run(call.TOOL, call.to_parameters(), options, self._answer)

    async def run_tool(
        self,
        name: str,
        parameters: Mapping[str, object],
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        retry_ambiguous: bool | NotGiven = NOT_GIVEN,
        headers: Mapping[str, str] | None = None,
        deadline: float | NotGiven | None = NOT_GIVEN,
    ) -> Any:
        """Run a tool known by name; a tool in ``TOOLS`` is checked by its class first."""
        options = self._options(timeout, max_retries, retry_ambiguous, headers, deadline)
        wire = self._call_parameters(name, parameters)
        return await self._run(name, wire, options, self._answer)

    async def dispatch(
        self,
        name: str,
        arguments: str | Mapping[str, Any],
        *,
        strict: bool = False,
        errors: Literal["raise", "return"] = "raise",
        tools: ToolList | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        retry_ambiguous: bool | NotGiven = NOT_GIVEN,
        headers: Mapping[str, str] | None = None,
        deadline: float | NotGiven | None = NOT_GIVEN,
    ) -> Any:
        """Run a tool call as a model gave it: ``name`` (the tool's name or the name a provider
        export gave it) and ``arguments`` (a JSON string or a mapping), checked first.

        ``strict=True`` reads the arguments as ``tool_definitions(..., strict=True)`` asked for
        them (a null in an optional property means "not sent"). ``tools`` (a ``list_tools()``
        answer) checks the call against this user's live schema instead of the package's.
        With ``errors="return"``, nothing raises: a problem (the call is then never sent), an
        API or connection error comes back as a dict with ``"error"`` and its details, for the
        model to read, and a file as ``{"file": {...}}`` (``_results``).
        """
        check_errors(errors)
        call: ToolCall | None = None
        try:
            call = parse_call(name, arguments, strict=strict, tools=tools)
            result = await self.run(
                call,
                timeout=timeout,
                max_retries=max_retries,
                retry_ambiguous=retry_ambiguous,
                headers=headers,
                deadline=deadline,
            )
        except ActionKitError as error:
            if errors == "raise":
                raise
            if call is None:
                return error_value(error, tool=name)
            return error_value(error, tool=call.TOOL, integration=call.INTEGRATION)
        return result if errors == "raise" else result_value(result)

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
        deadline: float | NotGiven | None = NOT_GIVEN,
    ) -> AsyncPageIterator:
        """Every page of a tool that takes ``paginationParameters``, fetched as the loop asks
        (``async for page in client.pages(call): ...``).

        Each answer's cursor (``cursor``: a key of the page or a function of it; by default
        ``nextPageCursor`` or ``pageCursor``) is sent back as ``paginationParameters.pageCursor``
        until it is missing, empty or null, or ``max_pages`` pages were fetched. ``deadline``
        bounds each page.
        """
        options = self._options(timeout, max_retries, retry_ambiguous, headers, deadline)
        state = PageCursor(call, cursor=cursor, start_cursor=start_cursor, max_pages=max_pages)
        tool = call.TOOL

        async def fetch(parameters: dict[str, JsonValue]) -> Any:
            return await self._run(tool, parameters, options, RESULT)

        return AsyncPageIterator(state, fetch)

    async def list_tools(
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
        deadline: float | NotGiven | None = NOT_GIVEN,
    ) -> ToolList:
        """The tools available to this user, with their current schemas (custom fields included).

        ``limit_to_available`` and ``reload_fields`` are sent only when given (the API's defaults:
        true, and custom fields cached for 8 hours).
        """
        options = self._options(timeout, max_retries, NOT_GIVEN, headers, deadline)
        request = self._list_request(
            self._http,
            integrations=integrations,
            categories=categories,
            format=format,
            limit_to_available=limit_to_available,
            reload_fields=reload_fields,
            options=options,
        )
        return tool_list(await self._send(request, options, True, "list_tools", RESULT))

    @property
    def with_raw_response(self) -> AsyncActionKitWithRawResponse:
        """``run`` and ``run_tool``, returning the ``RawResponse`` (status, headers, ``parse()``)."""
        return AsyncActionKitWithRawResponse(self._answering(RAW), "with_raw_response")

    @property
    def with_streaming_response(self) -> AsyncActionKitWithStreamingResponse:
        """``run`` and ``run_tool``, returning a context manager of the answer with its body not
        read yet: ``async with client.with_streaming_response.run(call) as response: await
        response.write_to_file(path)``. Errors and retries as for ``run``."""
        return AsyncActionKitWithStreamingResponse(
            self._answering(STREAMED), "with_streaming_response"
        )

    def with_options(
        self,
        *,
        user_token: str | None = None,
        credential_id: str | NotGiven | None = NOT_GIVEN,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        retry_ambiguous: bool | NotGiven = NOT_GIVEN,
        deadline: float | NotGiven | None = NOT_GIVEN,
        max_response_bytes: int | NotGiven = NOT_GIVEN,
    ) -> AsyncActionKit:
        """A client with some settings changed that shares this one's connections and retry
        budget (for example one per user of an app: ``client.with_options(user_token=token)``).
        Another user's client keeps nothing of this one's: no token, no ``credential_id`` unless
        given, and no cookie (the clients never send one)."""
        return self._copy(
            user=self._other_user(user_token),
            credential_id=credential_id,
            timeout=timeout,
            max_retries=max_retries,
            retry_ambiguous=retry_ambiguous,
            deadline=deadline,
            max_response_bytes=max_response_bytes,
        )

    def for_user(self, user_id: str) -> AsyncActionKit:
        """A client for another user of the app, on the same connections, with tokens signed
        for ``user_id`` by this client's signing key (and nothing else of this client's user:
        no token, no ``credential_id``). Needs a client made with a signing key."""
        return self._copy(
            user=self._for_user(user_id),
            credential_id=NOT_GIVEN,
            timeout=NOT_GIVEN,
            max_retries=NOT_GIVEN,
            retry_ambiguous=NOT_GIVEN,
            deadline=NOT_GIVEN,
            max_response_bytes=NOT_GIVEN,
        )

    async def _run(
        self, tool: str, parameters: Mapping[str, JsonValue], options: Options, answer: Answer
    ) -> Any:
        request = self._tool_request(self._http, tool, parameters, options)
        return await self._send(request, options, False, tool, answer)

    async def _send(
        self, request: httpx.Request, options: Options, idempotent: bool, what: str, answer: Answer
    ) -> Any:
        """Send until a success, retrying what the policy allows, and give back the answer as
        ``answer`` says; raise the final error."""
        call = CallState(options.deadline)
        while True:
            self._prepare(request, call, what)
            self._authorize(request, options)
            try:
                with cancel_at(call):
                    response = await self._http.send(request, stream=True, follow_redirects=False)
                    self._log_response(response, what)
                    if not (answer.streamed and response.is_success):
                        await _read(response, self._reader(response, options, call))
            except httpx.RequestError as error:
                outcome = self._after_error(error, call, options, idempotent)
            else:
                if response.is_success:
                    self._succeeded(call)
                    return answer.give(response, self._rules(options, call))
                outcome = self._after_status(response, call, options, idempotent)
            # Raised here, outside the except block: no chained httpx error, no token.
            if isinstance(outcome, ActionKitError):
                raise outcome
            await sleep(outcome)
            call.attempt += 1

    async def close(self) -> None:
        """Close the connections, unless the ``httpx.AsyncClient`` was given by the caller."""
        if self._owns_http_client:
            for pool in self._connections.close():
                await pool.aclose()

    async def __aenter__(self) -> AsyncActionKit:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()


async def _read(response: httpx.Response, reader: BodyReader) -> None:
    """Read the body into ``reader`` as far as it takes it, then close the answer."""
    if response.is_stream_consumed:  # a transport that gives answers read (httpx.MockTransport)
        reader.add(response.content)
        reader.keep()
        return
    try:
        async for chunk in response.aiter_bytes():
            if not reader.add(chunk):
                break
    finally:
        await response.aclose()
    reader.keep()


class _Answering(Generic[_Answered]):
    """The tool calls, ``run`` and ``run_tool``, of a client that gives back its answers in one
    mode (``client._answering(mode)``): every mode covers every call, with the call's own
    signature, and ``name`` is the client's attribute that offers it."""

    def __init__(self, client: AsyncActionKit, name: str) -> None:
        self._client = client
        self._name = name
        self.run = self._wrap(client.run)
        self.run_tool = self._wrap(client.run_tool)

    def _wrap(self, call: Callable[_Params, Any]) -> Callable[_Params, _Answered]:
        """The call, answering in this mode: the client copy already does."""
        return cast("Callable[_Params, _Answered]", call)

    def __repr__(self) -> str:
        return f"{self._client!r}.{self._name}"


class AsyncActionKitWithRawResponse(_Answering[Awaitable[RawResponse]]):
    """``client.with_raw_response``: ``run`` and ``run_tool`` return the ``RawResponse`` instead
    of the result. Also serves the tool functions: ``send_message(client.with_raw_response, ...)``.
    """


class AsyncActionKitWithStreamingResponse(_Answering[AsyncStreamContext]):
    """``client.with_streaming_response``: ``run`` and ``run_tool`` return a context manager of
    the ``AsyncStreamedResponse``; the call is sent on entering it. Also serves the tool
    functions: ``async with download_file(client.with_streaming_response, ...) as response``.
    """

    def _wrap(self, call: Callable[_Params, Any]) -> Callable[_Params, AsyncStreamContext]:
        @wraps(call)
        def start(*args: _Params.args, **kwargs: _Params.kwargs) -> AsyncStreamContext:
            sending = cast(
                "Callable[[], Awaitable[AsyncStreamedResponse]]", partial(call, *args, **kwargs)
            )
            return AsyncStreamContext(sending)

        return start
