"""Problems with the input, reported as ``FILE: LOCATION: what is wrong`` lines."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class SpecProblem:
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

    def __init__(self, problems: Iterable[SpecProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))
