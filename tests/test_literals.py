"""Every spec string becomes Python source that evaluates to exactly that string."""

from __future__ import annotations

import ast

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.emit.literals import (
    _docstring_by_character,
    docstring,
    python_literal,
    python_string,
)

# Quotes, backslashes and newlines are drawn often: they are what could break out of a literal.
TEXTS = st.text(alphabet=st.sampled_from("\"\\\n'{}#") | st.characters(codec="utf-8"), max_size=40)


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_a_docstring_body_evaluates_to_its_text(text: str) -> None:
    source = f'"""{docstring(text)}"""'
    tree = ast.parse(source, mode="eval")
    assert isinstance(tree.body, ast.Constant)
    assert tree.body.value == text


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_both_ways_of_escaping_a_docstring_agree(text: str) -> None:
    assert docstring(text) == _docstring_by_character(text)


@settings(max_examples=300, deadline=None)
@given(TEXTS | st.integers() | st.booleans())
def test_literals_evaluate_to_their_value(value: str | int | bool) -> None:
    literal = python_literal(value) if not isinstance(value, str) else python_string(value)
    assert ast.literal_eval(literal) == value
    assert type(ast.literal_eval(literal)) is type(value)


def test_readable_text_stays_readable() -> None:
    assert docstring('Due Date (example: "2022-01-01")') == 'Due Date (example: "2022-01-01")'
    assert docstring('"quoted"') == '\\"quoted\\"'
    assert docstring('ends the docstring"""') == 'ends the docstring\\"\\"\\"'
    assert docstring("C:\\new") == "C:\\\\new"
    assert docstring("line\u2028separator\ttab") == "line\\u2028separator\\ttab"
