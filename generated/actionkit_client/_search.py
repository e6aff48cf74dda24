"""``search(query, limit=10)``: tool names ranked by how well their name, title, description and
integration match the words of a query, for an agent that picks its tools per conversation (and
the MCP server's ``--search`` mode).

Each word of the query scores in each field it is found in (a field word starting with a query
word of three letters or more counts too: "invoice" finds "invoices"), weighted by the field
(name and title 3, integration 2, description 1) and by how rare the word is across the tools, so
"xero invoice" puts Xero's invoice tools before every other integration's. Ties go by name.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

_WORD = re.compile(r"[a-z0-9]+")
_WEIGHTS = (("name", 3.0), ("title", 3.0), ("integration", 2.0), ("description", 1.0))


class SearchEntry(NamedTuple):
    name: str
    fields: dict[str, frozenset[str]]


def words(text: str) -> list[str]:
    """The words of ``text``: lower case, split at anything but a letter or a digit, and at
    ``camelCase`` humps."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", text)
    return _WORD.findall(spaced.lower())


@cache
def _index() -> tuple[SearchEntry, ...]:
    from ._registry import TOOLS

    # Read from the schemas modules: no tool module is imported.
    return tuple(
        entry(name, TOOLS.title(name), TOOLS.integration(name), TOOLS.description(name))
        for name in TOOLS
    )


def entry(name: str, title: str, integration: str, description: str | None) -> SearchEntry:
    """One tool as ``search_among`` ranks it."""
    return SearchEntry(
        name,
        {
            "name": frozenset(words(name)),
            "title": frozenset(words(title)),
            "integration": frozenset([*words(integration), integration.lower()]),
            "description": frozenset(words(description or "")),
        },
    )


def _matches(word: str, field: frozenset[str]) -> float:
    if word in field:
        return 1.0
    if len(word) >= 3 and any(candidate.startswith(word) for candidate in field):
        return 0.5
    return 0.0


def search(query: str, *, limit: int = 10) -> list[str]:
    """The names of the ``limit`` tools that match ``query`` best, best first; tools matching no
    word of it are left out."""
    return search_among(_index(), query, limit=limit)


def search_among(entries: Sequence[SearchEntry], query: str, *, limit: int = 10) -> list[str]:
    """``search`` over other tools than the package's (a user's live ``list_tools()``), each
    made by ``entry``."""
    if limit <= 0:
        return []
    wanted = list(dict.fromkeys(words(query)))
    if not wanted or not entries:
        return []
    scores: dict[str, float] = {}
    for word in wanted:
        found = [
            (candidate.name, sum(w * _matches(word, candidate.fields[f]) for f, w in _WEIGHTS))
            for candidate in entries
        ]
        hits = [(name, score) for name, score in found if score > 0]
        if not hits:
            continue
        rarity = math.log(1 + len(entries) / len(hits))
        for name, score in hits:
            scores[name] = scores.get(name, 0.0) + score * rarity
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    return [name for name, _ in ranked[:limit]]
