"""A pytest plugin that fails a runtime test when a secret shows anywhere it could leak from.

During each test of a runtime module (``tests/test_client_*.py``, ``tests/test_runtime_*.py``, and
any test module holding ``tests.client_helpers`` or a ``client_kit`` module among its names) it
watches, and at the end asserts that no registered secret (the test user tokens, the passwords of
the ``base_url`` tests) appears in:

- every log record of every logger, at DEBUG (httpx's and httpcore's included): the root logger
  is set to DEBUG for the test and each record's formatted text, traceback included, is checked;
- every exception that reaches the test (caught by ``pytest.raises``, or failing the test): its
  ``str``, ``repr`` and formatted traceback with its chained causes (an httpx or h11 error chained
  to it included);
- with ``ACTIONKIT_LONG_TESTS=1``, every exception raised anywhere in or through the test's code
  and the client's code, even one caught inside the client, seen through a trace function on
  those frames only (tracing makes Python code several times slower: too slow for ``make test``);
- every pickle of those exceptions that are the client's errors (each is pickled here);
- every warning.

``pytest.raises`` is observed where it records the exception (``ExceptionInfo.fill_unfilled``,
wrapped once per session): nothing about the exception or the test changes.

Register a secret with ``register_secret``; ``tests/client_helpers.py`` registers its ``TOKEN``.
"""

from __future__ import annotations

import asyncio
import fnmatch
import logging
import os
import pickle
import sys
import threading
import traceback
import warnings
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

RUNTIME_MODULES = ("test_client_*.py", "test_runtime_*.py")
_SECRETS: set[str] = set()
_WATCHED_PARTS = (
    f"{Path('tests').as_posix()}/",
    "client_kit",
    "actionkit_client",
)


# Control flow, not messages: never formatted.
_UNINTERESTING = (StopIteration, StopAsyncIteration, GeneratorExit, asyncio.CancelledError)


def register_secret(*secrets: str) -> None:
    """Secrets (tokens, passwords) that must never show in a log, an exception or a pickle."""
    _SECRETS.update(secret for secret in secrets if secret)


def leaked(text: str | bytes) -> list[str]:
    """The registered secrets found in ``text`` (as text, and for bytes also as UTF-8)."""
    if isinstance(text, bytes):
        return [s for s in _SECRETS if s.encode("utf-8", "surrogatepass") in text]
    return [s for s in _SECRETS if s in text]


class _Watch:
    """What one test produced that could leak."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.exceptions: dict[int, BaseException] = {}
        self._lock = threading.Lock()

    def check(self, where: str, text: str | bytes) -> None:
        found = leaked(text)
        if found:
            with self._lock:
                self.problems.append(f"{where}: a secret appears ({len(found)} of them)")

    def saw(self, error: BaseException) -> None:
        if not isinstance(error, _UNINTERESTING):
            self.exceptions.setdefault(id(error), error)

    def check_exceptions(self) -> None:
        for error in list(self.exceptions.values()):
            name = type(error).__qualname__
            self.check(f"exception {name}", str(error) + repr(error))
            self.check(f"traceback of {name}", "".join(traceback.format_exception(error)))
            if type(error).__module__.endswith("._exceptions"):
                try:
                    data = pickle.dumps(error)
                except Exception as failure:
                    self.problems.append(f"{name} does not pickle: {failure!r}")
                else:
                    self.check(f"pickle of {name}", data)


class _Handler(logging.Handler):
    def __init__(self, watch: _Watch) -> None:
        super().__init__(logging.DEBUG)
        self.watch = watch
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = self.format(record)
        except Exception as error:  # a record that cannot be formatted
            text = f"{record.msg!r} {record.args!r} {error!r}"
        self.watch.check(f"log record of {record.name}", text)


def _watched(filename: str) -> bool:
    posix = filename.replace("\\", "/")
    return any(part in posix for part in _WATCHED_PARTS)


_WATCHED_CODE: dict[Any, bool] = {}


def _tracer(watch: _Watch) -> Any:
    def local(frame: FrameType, event: str, arg: Any) -> Any:
        if event == "exception":
            watch.saw(arg[1])
        return local

    def global_trace(frame: FrameType, event: str, arg: Any) -> Any:
        code = frame.f_code
        watched = _WATCHED_CODE.get(code)
        if watched is None:
            watched = _WATCHED_CODE[code] = _watched(code.co_filename)
        if not watched:
            return None
        frame.f_trace_lines = False
        return local

    return global_trace


_CURRENT: list[_Watch] = []


def pytest_configure(config: pytest.Config) -> None:
    original = pytest.ExceptionInfo.fill_unfilled
    if getattr(original, "_leak_guard", False):
        return

    def fill_unfilled(self: pytest.ExceptionInfo[Any], exc_info: Any) -> None:
        original(self, exc_info)
        for watch in _CURRENT:
            watch.saw(exc_info[1])

    fill_unfilled._leak_guard = True  # type: ignore[attr-defined]
    pytest.ExceptionInfo.fill_unfilled = fill_unfilled  # type: ignore[method-assign]


_RUNTIME_BY_FILE: dict[Path, bool] = {}


def _is_runtime(item: pytest.Item) -> bool:
    """A test of a runtime module by its name, or of any module that drives the client through
    ``tests/client_helpers.py`` or ``client_kit``."""
    known = _RUNTIME_BY_FILE.get(item.path)
    if known is None:
        module = getattr(item, "module", None)
        names = (
            {getattr(value, "__name__", "") for value in vars(module).values()} if module else set()
        )
        known = _RUNTIME_BY_FILE[item.path] = any(
            fnmatch.fnmatch(item.path.name, pattern) for pattern in RUNTIME_MODULES
        ) or any(name == "tests.client_helpers" or name.startswith("client_kit") for name in names)
    return known


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    if not _is_runtime(item):
        return (yield)
    watch = _Watch()
    handler = _Handler(watch)
    root = logging.getLogger()
    previous_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    tracing = os.environ.get("ACTIONKIT_LONG_TESTS") == "1"
    previous_trace, previous_thread_trace = sys.gettrace(), threading.gettrace()
    if tracing:
        tracer = _tracer(watch)
        sys.settrace(tracer)
        threading.settrace(tracer)
    _CURRENT.append(watch)
    failure: BaseException | None = None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            yield
        except BaseException as error:
            failure = error
        finally:
            _CURRENT.remove(watch)
            if tracing:
                sys.settrace(previous_trace)
                threading.settrace(previous_thread_trace)
            root.removeHandler(handler)
            root.setLevel(previous_level)
    for message in caught:
        watch.check(f"warning {message.category.__name__}", str(message.message))
        # Given back to pytest's own capture (its summary, its filters).
        warnings.warn_explicit(message.message, message.category, message.filename, message.lineno)
    if failure is not None:
        watch.saw(failure)
    watch.check_exceptions()
    if watch.problems:
        pytest.fail("secret leaked:\n" + "\n".join(sorted(set(watch.problems))), pytrace=False)
    if failure is not None:
        raise failure
