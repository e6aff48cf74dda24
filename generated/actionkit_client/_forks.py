"""Which fork of the process this is, for what a child must not inherit from its parent: the
pooled sockets (``_connections``), the retry budget's lock and tokens (``_limits``) and the
token source's lock (``_tokens``).

A state keeps the ``generation`` it was made in and starts afresh when it no longer matches.
"""

from __future__ import annotations

import os

generation: int = 0
"""How many times this process is a fork child of the process that imported this module."""


def _after_fork_in_child() -> None:
    global generation
    generation += 1


if hasattr(os, "register_at_fork"):  # not on Windows, which does not fork
    os.register_at_fork(after_in_child=_after_fork_in_child)
