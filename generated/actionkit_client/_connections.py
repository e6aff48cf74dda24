"""The connection pool a client and its ``with_options`` copies share, and nothing else.

A pool belongs to one process and, for ``httpx.AsyncClient``, to one event loop:

- after ``os.fork`` the child would read answers from the parent's pooled sockets (answers
  swapped between processes), so the first request in the child starts a fresh pool; the
  parent's sockets are left to the parent. A pool the caller gave (``http_client=``) cannot be
  remade: it is refused in the child, before anything is sent.
- an ``AsyncClient``'s connections are bound to the loop that opened them: each event loop gets
  a pool of its own (``asyncio.run`` twice on one client works); a given pool is refused on a
  second loop.
- no cookie is ever kept: the API sets none that it needs, and a jar shared by the copies would
  carry one user's cookie in another user's requests.

The pool is built lazily through ``make`` (``http2``, proxies from the environment...), and an
``ImportError`` from httpx (``h2`` or ``socksio`` missing) becomes a ``MissingExtraError``.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from http.cookiejar import CookieJar, CookiePolicy
from typing import Any, Generic, TypeVar

import httpx

from . import _forks
from ._exceptions import ActionKitError, ClientClosedError, MissingExtraError

_Http = TypeVar("_Http", httpx.Client, httpx.AsyncClient)


class _NoCookies(CookiePolicy):
    """A policy that accepts and returns no cookie."""

    netscape = True
    rfc2965 = False
    hide_cookie2 = True

    def set_ok(self, cookie: Any, request: Any) -> bool:
        return False

    def return_ok(self, cookie: Any, request: Any) -> bool:
        return False

    def domain_return_ok(self, domain: str, request: Any) -> bool:
        return False

    def path_return_ok(self, path: str, request: Any) -> bool:
        return False


def no_cookies() -> CookieJar:
    """A cookie jar that keeps nothing, for the ``httpx`` clients this package makes."""
    return CookieJar(policy=_NoCookies())


def built(make: Callable[[], _Http]) -> _Http:
    """``make()``, with httpx's ImportError for a missing optional package named by its extra."""
    try:
        return make()
    except ImportError as error:
        missing = _missing_extra(str(error))
        if missing is None:
            raise
    raise MissingExtraError(*missing)


def _missing_extra(message: str) -> tuple[str, str] | None:
    """The feature and the extra an httpx ImportError is about (its message names the package)."""
    if "socksio" in message:
        return "a SOCKS proxy (ALL_PROXY or HTTPS_PROXY=socks5://...)", "socks"
    if "'h2'" in message or "http2" in message:
        return "http2=True", "http2"
    return None


def _running_loop() -> object | None:
    import asyncio

    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None  # trio or another loop asyncio does not know: one pool for all


class Connections(Generic[_Http]):
    """The pool for this process (and event loop), made by ``make`` or given by the caller."""

    def __init__(self, make: Callable[[], _Http], given: _Http | None) -> None:
        self._make: Callable[[], _Http] = make
        self._given: _Http | None = given
        self._generation = _forks.generation
        self._closed = False
        self._loop_pools: weakref.WeakKeyDictionary[object, _Http] = weakref.WeakKeyDictionary()
        self._default: _Http | None = given if given is not None else built(make)
        self._per_loop = isinstance(self._default, httpx.AsyncClient)
        self._default_loop: weakref.ref[object] | None = None

    @property
    def closed(self) -> bool:
        return self._closed or (self._given is not None and self._given.is_closed)

    def current(self) -> _Http:
        """The pool for a request from here: this process (a fresh one after a fork) and, for an
        ``AsyncClient``, the running event loop."""
        self._check_open()
        if self._generation != _forks.generation:
            self._after_fork()
        assert self._default is not None
        if not self._per_loop:
            return self._default
        return self._for_loop(self._default)

    def _for_loop(self, pool: _Http) -> _Http:
        loop = _running_loop()
        if loop is None:
            return pool
        if self._default_loop is None:
            self._default_loop = weakref.ref(loop)
            return pool
        if self._default_loop() is loop:
            return pool
        if self._given is not None:
            raise ActionKitError(
                "this AsyncActionKit's http_client was first used on another event loop, and "
                "its connections belong to that loop: give each event loop its own client"
            )
        other = self._loop_pools.get(loop)
        if other is None:
            other = self._loop_pools[loop] = built(self._make)
        return other

    def _check_open(self) -> None:
        if self.closed:
            raise ClientClosedError()

    def _after_fork(self) -> None:
        if self._given is not None:
            raise ActionKitError(
                "the http_client given to this client was made before os.fork: its connections "
                "belong to the parent process; give the client a new one in the child"
            )
        # The parent's pooled sockets are left open for the parent: closing them here would
        # not touch the parent's copies, but forgetting them is enough.
        self._default = built(self._make)
        self._default_loop = None
        self._loop_pools = weakref.WeakKeyDictionary()
        self._generation = _forks.generation

    def close(self) -> list[_Http]:
        """Mark closed, and give the pools this package made that can be closed from here: an
        ``AsyncClient``'s pool of another event loop (closed or not running here) is left to be
        collected. The caller's pool is never closed by this package."""
        if self._closed or self._given is not None:
            self._closed = True
            return []
        self._closed = True
        pools: list[_Http] = []
        loop = _running_loop() if self._per_loop else None
        used = self._default_loop is not None
        default_loop = self._default_loop() if self._default_loop is not None else None
        if self._default is not None and (not used or default_loop is loop):
            pools.append(self._default)
        if loop is not None and loop in self._loop_pools:
            pools.append(self._loop_pools[loop])
        return pools
