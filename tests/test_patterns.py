"""``pattern`` is read as ECMA 262: the translation for Python's ``re`` (``_patterns``) finds a match
exactly where an ECMA 262 engine (``regress``, the Rust engine openapi-schema-validator uses) does,
and a pattern with no Python equivalent is left unchecked."""

from __future__ import annotations

import os

import pytest
import regress
from actionkit_client._patterns import compiled, translate
from hypothesis import given, settings
from hypothesis import strategies as st

LONG = os.environ.get("ACTIONKIT_LONG_TESTS") == "1"

# Where the dialects differ, and the plain cases beside them.
PATTERNS = [
    r"^\d+$",
    r"^\w+$",
    r"\bword\b",
    r"^\s*$",
    r"^\S+$",
    r"^[\d\s-]+$",
    r"^a.c$",
    r"^INV-\d{4}$",
    r"^[^]$",
    r"^(?<year>\d{4})-\k<year>$",
    r"^\cJ$",
    r"^\u00e9$",
    r"^\x41$",
    r"[a-z]{2,3}",
    r"^[A-Z][a-z]*( [A-Z][a-z]*)*$",
    r"^(?!test)",
    r"(?<=@)\w+",
    r"^\/path\/$",
    r"^[\w.+-]+@[\w-]+\.[\w.]+$",
    r"^$",
]
# Digits, word characters and spaces of other scripts, line terminators, and plain ASCII.
ALPHABET = "aZ09_ -.@/\n\r\t\u2028\u00a0\u3000\ufeff\u0663\u00e9\u00c9\u212a"
TEXTS = st.text(ALPHABET, max_size=8)


def _ecma(pattern: str, text: str) -> bool:
    return regress.Regex(pattern).find(text) is not None


def _python(pattern: str, text: str) -> bool:
    expression = compiled(pattern)
    assert expression is not None, pattern
    return expression.search(text) is not None


@pytest.mark.parametrize(
    "pattern,text",
    [
        (r"^\d$", "\u0663"),  # an Arabic-Indic digit: \d is ASCII in ECMA 262
        (r"^\w$", "\u00e9"),
        (r"^\s$", "\ufeff"),  # ECMA's whitespace holds the BOM; Python's does not
        (r"^a$", "a\n"),  # Python's $ also matches before a final newline
        (r"^.$", "\r"),
        (r"^.$", "\u2028"),
        (r"\bé", "xé"),
        (r"^[^]$", "\n"),
    ],
)
def test_where_python_differs_the_client_reads_ecma_262(pattern: str, text: str) -> None:
    assert _python(pattern, text) == _ecma(pattern, text)


@settings(max_examples=400 if LONG else 40, deadline=None, database=None)
@given(st.sampled_from(PATTERNS), TEXTS)
def test_every_translated_pattern_matches_where_ecma_262_does(pattern: str, text: str) -> None:
    assert _python(pattern, text) == _ecma(pattern, text), (pattern, text)


@pytest.mark.parametrize(
    "pattern",
    [r"\p{L}", r"[\D]", r"[^\S]", r"\A", r"(?<=a+)b", r"\u{110000}", "\\"],
)
def test_a_pattern_without_a_python_equivalent_is_not_checked(pattern: str) -> None:
    assert compiled(pattern) is None


def test_a_translation_is_a_plain_expression() -> None:
    assert translate(r"^\d{4}$") == r"^[0-9]{4}\Z"
