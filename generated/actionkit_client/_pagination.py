"""Page through a list or search tool: ``for page in client.pages(call): ...``.

A paginated tool takes ``paginationParameters = {"pageCursor": ...}``; each answer carries the next
cursor (``nextPageCursor`` or ``pageCursor``, at the top level or under ``paginationParameters``),
and a missing, empty or null cursor is the end. The same cursor logic drives both iterators.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Final, cast

from ._tool_call import ToolCall
from ._types import JsonValue

PAGINATION_PARAMETER: Final = "paginationParameters"
CURSOR_PARAMETER: Final = "pageCursor"
CURSOR_KEYS: Final = ("nextPageCursor", "pageCursor")
DEFAULT_MAX_PAGES: Final = 100

log = logging.getLogger(__name__.rpartition(".")[0] or __name__)

CursorFrom = Callable[[Any], object]
"""Reads the next cursor from a page; ``None`` or ``""`` means the last page."""


def is_paginated(call: ToolCall) -> bool:
    """Whether the tool takes ``paginationParameters`` (in this snapshot, or as an extra)."""
    params = getattr(type(call), "_PARAMS", ())
    if any(getattr(param, "wire_name", None) == PAGINATION_PARAMETER for param in params):
        return True
    return PAGINATION_PARAMETER in call.to_parameters()


def default_cursor(page: Any) -> object:
    """``nextPageCursor`` or ``pageCursor``, at the top of the page or under
    ``paginationParameters``."""
    if not isinstance(page, Mapping):
        return None
    top = cast("Mapping[str, object]", page)
    for holder in (top, top.get(PAGINATION_PARAMETER)):
        if isinstance(holder, Mapping):
            found = cast("Mapping[str, object]", holder).get
            for key in CURSOR_KEYS:
                if found(key) not in (None, ""):
                    return found(key)
    return None


class PageCursor:
    """Where the paging stands: the parameters of the next page, or the end."""

    __slots__ = (
        "_capped",
        "_cursor_from",
        "_parameters",
        "_seen",
        "has_more",
        "max_pages",
        "next_cursor",
        "pages",
        "tool",
    )

    def __init__(
        self,
        call: ToolCall,
        *,
        cursor: str | CursorFrom | None,
        start_cursor: str | None,
        max_pages: int | None,
    ) -> None:
        if not is_paginated(call):
            raise TypeError(f"{call.TOOL} takes no {PAGINATION_PARAMETER}: it has a single page")
        if max_pages is not None and max_pages < 1:
            raise ValueError("max_pages must be 1 or more, or None for no limit")
        self.tool = call.TOOL
        self._parameters = call.to_parameters()
        given = self._parameters.get(PAGINATION_PARAMETER)
        if start_cursor is None and isinstance(given, Mapping):
            start = given.get(CURSOR_PARAMETER)
            start_cursor = start if isinstance(start, str) and start else None
        if cursor is None:
            self._cursor_from: CursorFrom = default_cursor
        elif isinstance(cursor, str):
            key = cursor
            self._cursor_from = lambda page: (
                cast("Mapping[str, object]", page).get(key) if isinstance(page, Mapping) else None
            )
        else:
            self._cursor_from = cursor
        self.max_pages = max_pages
        self.next_cursor: str | None = start_cursor
        self.has_more = True
        self.pages = 0
        self._seen: set[str] = set()
        self._capped = False

    def next_parameters(self) -> dict[str, JsonValue] | None:
        """The ``parameters`` of the next page, or ``None`` when there is none to fetch."""
        if not self.has_more:
            return None
        if self.max_pages is not None and self.pages >= self.max_pages:
            if not self._capped:
                self._capped = True
                log.warning(
                    "%s: stopped after %d pages (max_pages); more remain from next_cursor",
                    self.tool,
                    self.pages,
                )
            return None
        parameters = dict(self._parameters)
        given = parameters.get(PAGINATION_PARAMETER)
        pagination: dict[str, JsonValue] = dict(given) if isinstance(given, Mapping) else {}
        if self.next_cursor is None:
            pagination.pop(CURSOR_PARAMETER, None)
        else:
            pagination[CURSOR_PARAMETER] = self.next_cursor
        if pagination:
            parameters[PAGINATION_PARAMETER] = pagination
        else:
            parameters.pop(PAGINATION_PARAMETER, None)
        return parameters

    def advance(self, page: Any) -> None:
        """Take the cursor of the page just fetched."""
        self.pages += 1
        found = self._cursor_from(page)
        if found is None or found == "":
            self.next_cursor, self.has_more = None, False
            return
        cursor = found if isinstance(found, str) else str(found)
        if cursor == self.next_cursor or cursor in self._seen:
            log.warning(
                "%s: the API gave cursor %r again; stopping to avoid a loop", self.tool, cursor
            )
            self.next_cursor, self.has_more = None, False
            return
        if self.next_cursor is not None:
            self._seen.add(self.next_cursor)
        self.next_cursor = cursor


class PageIterator:
    """Each page of a paginated tool in turn (``ActionKit.pages``).

    Stops at the last page, or after ``max_pages``: then ``has_more`` is true and ``next_cursor``
    resumes where it stopped (``client.pages(call, start_cursor=it.next_cursor)``).
    """

    def __init__(self, cursor: PageCursor, fetch: Callable[[dict[str, JsonValue]], Any]) -> None:
        self._cursor = cursor
        self._fetch = fetch

    @property
    def next_cursor(self) -> str | None:
        return self._cursor.next_cursor

    @property
    def has_more(self) -> bool:
        return self._cursor.has_more

    @property
    def pages(self) -> int:
        """How many pages were fetched so far."""
        return self._cursor.pages

    def __iter__(self) -> PageIterator:
        return self

    def __next__(self) -> Any:
        parameters = self._cursor.next_parameters()
        if parameters is None:
            raise StopIteration
        page = self._fetch(parameters)
        self._cursor.advance(page)
        return page

    def __repr__(self) -> str:
        return f"<PageIterator {self._cursor.tool}: {self.pages} page(s), has_more={self.has_more}>"


class AsyncPageIterator:
    """Each page of a paginated tool in turn (``AsyncActionKit.pages``): ``async for page in ...``."""

    def __init__(
        self, cursor: PageCursor, fetch: Callable[[dict[str, JsonValue]], Awaitable[Any]]
    ) -> None:
        self._cursor = cursor
        self._fetch = fetch

    @property
    def next_cursor(self) -> str | None:
        return self._cursor.next_cursor

    @property
    def has_more(self) -> bool:
        return self._cursor.has_more

    @property
    def pages(self) -> int:
        """How many pages were fetched so far."""
        return self._cursor.pages

    def __aiter__(self) -> AsyncPageIterator:
        return self

    async def __anext__(self) -> Any:
        parameters = self._cursor.next_parameters()
        if parameters is None:
            raise StopAsyncIteration
        page = await self._fetch(parameters)
        self._cursor.advance(page)
        return page

    def __repr__(self) -> str:
        return (
            f"<AsyncPageIterator {self._cursor.tool}: {self.pages} page(s), "
            f"has_more={self.has_more}>"
        )
