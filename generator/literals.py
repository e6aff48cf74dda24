"""Spec strings as Python source: every string from a spec reaches generated code through here.

``python_string`` gives an exact literal (``repr`` is the one way CPython guarantees), and
``docstring`` gives the body of a triple-quoted string that reads naturally and evaluates to the
text, whatever it holds: quotes, backslashes, line separators or code after a closing quote.
"""

from __future__ import annotations


def python_string(text: str) -> str:
    """A Python string literal whose value is exactly ``text``."""
    return repr(text)


def python_literal(value: str | int | bool) -> str:
    """A Python literal for a JSON string, integer or boolean (``Literal[...]`` members)."""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, int):
        return str(value)
    return python_string(value)


def docstring(text: str) -> str:
    """The inside of a ``\"\"\"...\"\"\"`` literal that evaluates to ``text`` (lines kept)."""
    out: list[str] = []
    for index, char in enumerate(text):
        if char == "\\":
            out.append("\\\\")
        elif char == '"' and (
            index == 0
            or index == len(text) - 1
            or text[index - 1 : index] == '"'
            or text[index + 1 : index + 2] == '"'
        ):
            # Quotes at either end or next to another quote could close the literal early.
            out.append('\\"')
        elif char == "\n" or (char.isprintable() and char not in "\t"):
            out.append(char)
        else:
            out.append(repr(char)[1:-1])
    return "".join(out)
