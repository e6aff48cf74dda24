"""Problems with the input, reported as ``FILE: LOCATION: what is wrong`` lines."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input file.

    ``location`` is a JSON pointer into the document (``/paths/...``) or ``line N``.
    """

    file: str
    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.location}: {self.message}"


class InputError(Exception):
    """The input cannot be turned into a client; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


def json_pointer(parts: Iterable[str | int]) -> str:
    """The JSON pointer (RFC 6901) for a path of keys and indexes; ``/`` for the whole document."""
    escaped = [str(part).replace("~", "~0").replace("/", "~1") for part in parts]
    return "/" + "/".join(escaped) if escaped else "/"


def pointer_key(part: str) -> str:
    """One key of a JSON pointer as it stands in the document (``~1`` is ``/``, ``~0`` is ``~``)."""
    return part.replace("~1", "/").replace("~0", "~")
