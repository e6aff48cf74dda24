"""Spec strings as Python source: every string from a spec reaches generated code through here.

``python_string`` gives an exact literal (``repr`` is the one way CPython guarantees), and
``docstring`` gives the body of a triple-quoted string that reads naturally and evaluates to the
text, whatever it holds: quotes, backslashes, line separators or code after a closing quote.
"""

from __future__ import annotations

import re


def python_string(text: str) -> str:
    """A Python string literal whose value is exactly ``text``."""
    return repr(text)


def python_literal(value: str | int | float | bool | None) -> str:
    """A Python literal for a JSON scalar (``Literal[...]`` members, ``Enum(...)`` values): a
    string, an integer, a boolean, a finite float or null."""
    if value is None:
        return "None"
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    return python_string(value)


def docstring(text: str) -> str:
    """The inside of a ``\"\"\"...\"\"\"`` literal that evaluates to ``text`` (lines kept).

    Backslashes are doubled; quotes at either end or next to another quote, which could close
    the literal early, are escaped; so is every character that does not print but the newline
    (a tab, a line separator, NUL...), as its escape sequence. A lone surrogate (which JSON may
    hold) cannot be in a docstring at all, as Python sets a class's ``__doc__`` from its UTF-8
    form: it is written as the text of its escape, ``\\ud800``. A space at the end of a line is
    written ``\\x20``, so that no line of the generated source ends in whitespace.
    """
    return _TRAILING_SPACE.sub("\\\\x20", _docstring_body(text))


# A space that would end a line of the generated source (ruff's W291/W293): written `\x20`, which
# evaluates to the same text and leaves no whitespace at the end of a line.
_TRAILING_SPACE = re.compile(" (?=\n)")


def _docstring_body(text: str) -> str:
    if not text.replace("\n", " ").isprintable():
        return _docstring_by_character(text)
    out = text.replace("\\", "\\\\")
    out = _QUOTE_RUN.sub(lambda run: '\\"' * len(run.group()), out)
    if text.startswith('"') and not text.startswith('""'):
        out = "\\" + out
    if len(text) > 1 and text.endswith('"') and not text.endswith('""'):
        out = out[:-1] + '\\"'
    return out


_QUOTE_RUN = re.compile(r'"{2,}')


def _docstring_by_character(text: str) -> str:
    """``docstring`` for a text holding characters that do not print."""
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
            out.append('\\"')
        elif char == "\n" or char.isprintable():
            out.append(char)
        elif "\ud800" <= char <= "\udfff":
            out.append(f"\\\\u{ord(char):04x}")
        else:
            out.append(repr(char)[1:-1])
    return "".join(out)
