"""Run one function over many items on every core, the results in the items' order.

Rendering a large catalogue is pure Python work that splits cleanly by integration, so the items
are shared among forked processes (the parent takes a share too); each sends its results back
pickled. Forking copies nothing up front and needs nothing importable or picklable but the results.
Where ``fork`` does not exist, or the work is small, everything runs here, one item after another:
the results are the same either way.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this much work (in the caller's units: a tool and each of its fields count one), starting a
# process costs more than it saves.
WORK_PER_PROCESS = 1500
MAX_PROCESSES = 8


def processes_for(work: int) -> int:
    """How many processes ``work`` is worth on this machine."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, MAX_PROCESSES, work // WORK_PER_PROCESS))


def map_forked(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    *,
    weights: Sequence[int],
    processes: int,
) -> list[Result]:
    """``[function(item) for item in items]``, shared among up to ``processes`` processes."""
    import multiprocessing

    if processes <= 1 or len(items) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [function(item) for item in items]
    shares = _shares(weights, processes)
    context = multiprocessing.get_context("fork")
    children = []
    try:
        for share in shares[1:]:
            receiver, sender = context.Pipe(duplex=False)
            child = context.Process(
                target=_work, args=(function, items, share, sender), daemon=True
            )
            child.start()
            sender.close()
            children.append((share, receiver, child))
        results: dict[int, Result] = {index: function(items[index]) for index in shares[0]}
        for share, receiver, _ in children:
            try:
                status, payload = receiver.recv()
            except EOFError:
                raise RuntimeError("a worker process ended with no result") from None
            if status != "ok":
                raise RuntimeError(f"a worker process failed:\n{payload}")
            results.update(zip(share, payload, strict=True))
    finally:
        for _, receiver, child in children:
            receiver.close()
            if child.is_alive():
                child.terminate()
            child.join()
    return [results[index] for index in range(len(items))]


class Pending(Generic[Result]):
    """A result being computed in a forked process (see ``start``)."""

    def __init__(self, function: Callable[[], Result]) -> None:
        import multiprocessing

        self._function: Callable[[], Result] | None = None
        self._result: Result | None = None
        self._child: Any = None
        if "fork" not in multiprocessing.get_all_start_methods():
            self._function = function
            return
        context = multiprocessing.get_context("fork")
        self._receiver, sender = context.Pipe(duplex=False)
        self._child = context.Process(
            target=_work, args=(lambda _: function(), [None], [0], sender), daemon=True
        )
        self._child.start()
        sender.close()

    def result(self) -> Result:
        """The function's result (computed here where ``fork`` does not exist); waits for it."""
        if self._function is not None:
            self._result, self._function = self._function(), None
        if self._child is not None:
            child, self._child = self._child, None
            try:
                status, payload = self._receiver.recv()
            except EOFError:
                raise RuntimeError("a worker process ended with no result") from None
            finally:
                self._receiver.close()
                child.join()
            if status != "ok":
                raise RuntimeError(f"a worker process failed:\n{payload}")
            self._result = payload[0]
        return self._result  # type: ignore[return-value]


def start(function: Callable[[], Result]) -> Pending[Result]:
    """Start computing ``function()`` in a forked process, to run beside this one."""
    return Pending(function)


def _work(
    function: Callable[[Any], Any], items: Sequence[Any], share: list[int], sender: Any
) -> None:
    try:
        sender.send(("ok", [function(items[index]) for index in share]))
    except Exception:
        sender.send(("error", traceback.format_exc()))
    finally:
        sender.close()


def _shares(weights: Sequence[int], processes: int) -> list[list[int]]:
    """Item indexes for each process, about equal in weight: heaviest first, to the lightest."""
    shares: list[list[int]] = [[] for _ in range(min(processes, len(weights)))]
    loads = [0] * len(shares)
    for index in sorted(range(len(weights)), key=lambda index: -weights[index]):
        lightest = loads.index(min(loads))
        shares[lightest].append(index)
        loads[lightest] += weights[index]
    return shares
