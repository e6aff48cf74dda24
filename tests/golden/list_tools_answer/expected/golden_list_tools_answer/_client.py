"""``ActionKit`` and ``AsyncActionKit``: one request, response and retry policy, two transports."""

from __future__ import annotations

import asyncio
import email.message
import email.utils
import json
import logging
import os
import random
import time
from collections.abc import Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Final
from urllib.parse import quote

import httpx

from ._exceptions import (
    INTEGRATION_NOT_CONNECTED,
    ActionKitError,
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    IntegrationNotConnectedError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
)
from ._tool_call import ToolCall
from ._types import NOT_GIVEN, JsonValue, NotGiven

DEFAULT_BASE_URL: Final = "https://actionkit.useparagon.com"
DEFAULT_TIMEOUT: Final = httpx.Timeout(60.0, connect=10.0)
DEFAULT_MAX_RETRIES: Final = 2
INITIAL_RETRY_DELAY: Final = 0.5
MAX_RETRY_DELAY: Final = 8.0

log = logging.getLogger(__name__.rpartition(".")[0] or __name__)


@dataclass(frozen=True)
class FileResult:
    """A tool's answer that is not JSON: a downloaded file."""

    content: bytes
    content_type: str
    filename: str | None

    def __repr__(self) -> str:
        return (
            f"FileResult(content=<{len(self.content)} bytes>, "
            f"content_type={self.content_type!r}, filename={self.filename!r})"
        )


@dataclass(frozen=True)
class _Options:
    timeout: httpx.Timeout
    max_retries: int
    retry_ambiguous: bool
    headers: Mapping[str, str]


class _BaseClient:
    """Settings, request building, response handling and the retry policy, shared by both clients."""

    def __init__(
        self,
        project_id: str | None,
        user_token: str | None,
        *,
        base_url: str,
        credential_id: str | None,
        timeout: float | httpx.Timeout,
        max_retries: int,
        retry_ambiguous: bool,
    ) -> None:
        project_id = project_id or os.environ.get("PARAGON_PROJECT_ID")
        user_token = user_token or os.environ.get("PARAGON_USER_TOKEN")
        if not project_id:
            raise ActionKitError("no project_id: pass one or set PARAGON_PROJECT_ID")
        if not user_token:
            raise ActionKitError("no user_token: pass one or set PARAGON_USER_TOKEN")
        if max_retries < 0:
            raise ValueError("max_retries must be 0 or more")
        self.project_id = project_id
        self.base_url = base_url.rstrip("/")
        self.credential_id = credential_id
        self.timeout = timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)
        self.max_retries = max_retries
        self.retry_ambiguous = retry_ambiguous
        self.__user_token = user_token

    def __repr__(self) -> str:
        return f"{type(self).__name__}(project_id={self.project_id!r}, base_url={self.base_url!r})"

    @property
    def tools_url(self) -> str:
        return f"{self.base_url}/projects/{quote(self.project_id, safe='')}/tools"

    def _options(
        self,
        timeout: float | httpx.Timeout | NotGiven,
        max_retries: int | NotGiven,
        retry_ambiguous: bool | NotGiven,
        headers: Mapping[str, str] | None,
    ) -> _Options:
        if isinstance(timeout, NotGiven):
            timeout = self.timeout
        return _Options(
            timeout=timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout),
            max_retries=self.max_retries if isinstance(max_retries, NotGiven) else max_retries,
            retry_ambiguous=(
                self.retry_ambiguous if isinstance(retry_ambiguous, NotGiven) else retry_ambiguous
            ),
            headers=headers or {},
        )

    def _request(
        self, tool: str, parameters: Mapping[str, JsonValue], options: _Options
    ) -> httpx.Request:
        body = json.dumps({"tool": tool, "parameters": parameters}, ensure_ascii=False)
        headers = {
            "Authorization": f"Bearer {self.__user_token}",
            "Content-Type": "application/json",
            "Accept": "application/json",
        }
        if self.credential_id:
            headers["X-Paragon-Credential"] = self.credential_id
        headers.update(options.headers)
        return httpx.Request(
            "POST",
            self.tools_url,
            content=body.encode("utf-8"),
            headers=headers,
            extensions={"timeout": options.timeout.as_dict()},
        )

    @staticmethod
    def _call_for(name: str, parameters: Mapping[str, object]) -> ToolCall | None:
        from .tools import TOOLS

        return TOOLS[name].from_parameters(parameters) if name in TOOLS else None

    def _retry_delay(
        self,
        attempt: int,
        options: _Options,
        *,
        error: BaseException | None,
        response: httpx.Response | None,
    ) -> float | None:
        """Seconds to wait before sending again, or None when this outcome must not be retried.

        A tool run has side effects, so only what surely did not run is retried by default: a
        connection that failed before the request was sent, 429 and 503. A read timeout, a dropped
        connection and 500/502/504 may have run: retried only with ``retry_ambiguous``.
        """
        if attempt >= options.max_retries:
            return None
        if error is not None:
            sure = isinstance(error, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout))
            reason = type(error).__name__
        else:
            assert response is not None
            status = response.status_code
            sure = status in (429, 503)
            if not sure and status not in (500, 502, 504):
                return None
            reason = f"HTTP {status}"
        if not sure and not options.retry_ambiguous:
            return None
        delay = _retry_after(response) if response is not None else None
        if delay is None:
            delay = min(INITIAL_RETRY_DELAY * 2**attempt, MAX_RETRY_DELAY)
            delay *= 1 - 0.25 * random.random()
        log.info(
            "retrying in %.2fs (retry %d of %d) after %s",
            delay,
            attempt + 1,
            options.max_retries,
            reason,
        )
        return delay

    @staticmethod
    def _result(response: httpx.Response) -> Any:
        if response.is_success:
            content_type = response.headers.get("content-type", "")
            media_type = content_type.split(";", 1)[0].strip().lower()
            if media_type == "application/json" or media_type.endswith("+json"):
                return response.json() if response.content else None
            if not response.content and not media_type:
                return None
            return FileResult(
                content=response.content,
                content_type=content_type or "application/octet-stream",
                filename=_filename(response.headers.get("content-disposition")),
            )
        raise _status_error(response)


class ActionKit(_BaseClient):
    """The synchronous client. ``with ActionKit() as client: ...`` closes its connections."""

    def __init__(
        self,
        project_id: str | None = None,
        user_token: str | None = None,
        *,
        base_url: str = DEFAULT_BASE_URL,
        credential_id: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        retry_ambiguous: bool = False,
        http_client: httpx.Client | None = None,
    ) -> None:
        super().__init__(
            project_id,
            user_token,
            base_url=base_url,
            credential_id=credential_id,
            timeout=timeout,
            max_retries=max_retries,
            retry_ambiguous=retry_ambiguous,
        )
        self._owns_http_client = http_client is None
        self._http = http_client if http_client is not None else httpx.Client()

    def run(
        self,
        call: ToolCall,
        /,
        *,
        timeout: float | httpx.Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        retry_ambiguous: bool | NotGiven = NOT_GIVEN,
        headers: Mapping[str, str] | None = None,
    ) -> Any:
        """Run one tool call and return its result: decoded JSON, or a ``FileResult``."""
        options = self._options(timeout, max_retries, retry_ambiguous, headers)
        return self._send(call.TOOL, call.to_parameters(), options)

    def run_tool(
        self,
        name: str,
        parameters: Mapping[str, object],
        *,
        timeout: float | httpx.Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        retry_ambiguous: bool | NotGiven = NOT_GIVEN,
        headers: Mapping[str, str] | None = None,
    ) -> Any:
        """Run a tool known by name; a tool in ``TOOLS`` is checked by its class first."""
        options = self._options(timeout, max_retries, retry_ambiguous, headers)
        call = self._call_for(name, parameters)
        wire = call.to_parameters() if call is not None else dict(parameters)
        return self._send(name, wire, options)  # type: ignore[arg-type]

    def _send(self, tool: str, parameters: Mapping[str, JsonValue], options: _Options) -> Any:
        attempt = 0
        while True:
            request = self._request(tool, parameters, options)
            log.debug("POST %s tool=%s", request.url, tool)
            response: httpx.Response | None = None
            try:
                response = self._http.send(request)
            except httpx.TransportError as error:
                delay = self._retry_delay(attempt, options, error=error, response=None)
                if delay is None:
                    raise _connection_error(error) from None
            else:
                delay = self._retry_delay(attempt, options, error=None, response=response)
                if delay is None:
                    return self._result(response)
                response.close()
            time.sleep(delay)
            attempt += 1

    def close(self) -> None:
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


class AsyncActionKit(_BaseClient):
    """The asynchronous client. ``async with AsyncActionKit() as client: ...``."""

    def __init__(
        self,
        project_id: str | None = None,
        user_token: str | None = None,
        *,
        base_url: str = DEFAULT_BASE_URL,
        credential_id: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        retry_ambiguous: bool = False,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        super().__init__(
            project_id,
            user_token,
            base_url=base_url,
            credential_id=credential_id,
            timeout=timeout,
            max_retries=max_retries,
            retry_ambiguous=retry_ambiguous,
        )
        self._owns_http_client = http_client is None
        self._http = http_client if http_client is not None else httpx.AsyncClient()

    async def run(
        self,
        call: ToolCall,
        /,
        *,
        timeout: float | httpx.Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        retry_ambiguous: bool | NotGiven = NOT_GIVEN,
        headers: Mapping[str, str] | None = None,
    ) -> Any:
        """Run one tool call and return its result: decoded JSON, or a ``FileResult``."""
        options = self._options(timeout, max_retries, retry_ambiguous, headers)
        return await self._send(call.TOOL, call.to_parameters(), options)

    async def run_tool(
        self,
        name: str,
        parameters: Mapping[str, object],
        *,
        timeout: float | httpx.Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        retry_ambiguous: bool | NotGiven = NOT_GIVEN,
        headers: Mapping[str, str] | None = None,
    ) -> Any:
        """Run a tool known by name; a tool in ``TOOLS`` is checked by its class first."""
        options = self._options(timeout, max_retries, retry_ambiguous, headers)
        call = self._call_for(name, parameters)
        wire = call.to_parameters() if call is not None else dict(parameters)
        return await self._send(name, wire, options)  # type: ignore[arg-type]

    async def _send(self, tool: str, parameters: Mapping[str, JsonValue], options: _Options) -> Any:
        attempt = 0
        while True:
            request = self._request(tool, parameters, options)
            log.debug("POST %s tool=%s", request.url, tool)
            try:
                response = await self._http.send(request)
            except httpx.TransportError as error:
                delay = self._retry_delay(attempt, options, error=error, response=None)
                if delay is None:
                    raise _connection_error(error) from None
            else:
                delay = self._retry_delay(attempt, options, error=None, response=response)
                if delay is None:
                    await response.aread()
                    return self._result(response)
                await response.aclose()
            await asyncio.sleep(delay)
            attempt += 1

    async def close(self) -> None:
        if self._owns_http_client:
            await self._http.aclose()

    async def __aenter__(self) -> AsyncActionKit:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()


def _connection_error(error: httpx.TransportError) -> APIConnectionError:
    if isinstance(error, httpx.TimeoutException):
        return APITimeoutError(f"Request timed out ({type(error).__name__}).")
    return APIConnectionError(f"Connection error ({type(error).__name__}).")


def _status_error(response: httpx.Response) -> APIStatusError:
    try:
        body: object = response.json()
    except ValueError:
        body = response.text
    message = body.get("message") if isinstance(body, dict) else None
    if not isinstance(message, str):
        message = response.reason_phrase or "error"
    status = response.status_code
    if message.strip() == INTEGRATION_NOT_CONNECTED:
        return IntegrationNotConnectedError(message, response=response, body=body)
    if status == 429:
        return RateLimitError(
            message, response=response, body=body, retry_after=_retry_after(response)
        )
    by_status: dict[int, type[APIStatusError]] = {
        400: BadRequestError,
        401: AuthenticationError,
        403: PermissionDeniedError,
        404: NotFoundError,
    }
    error_class = by_status.get(status, InternalServerError if status >= 500 else APIStatusError)
    return error_class(message, response=response, body=body)


def _retry_after(response: httpx.Response | None) -> float | None:
    """``Retry-After`` in seconds, given as seconds or as an HTTP date."""
    value = response.headers.get("retry-after") if response is not None else None
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _filename(disposition: str | None) -> str | None:
    if not disposition:
        return None
    message = email.message.Message()
    message["content-disposition"] = disposition
    name = message.get_filename()
    return str(name) if name else None
