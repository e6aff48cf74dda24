"""``pattern``: an ECMA 262 regular expression (what JSON Schema and Ajv read), checked with
Python's ``re``.

The two dialects differ; a pattern is translated so that it means in Python what it means in
ECMA 262 (Ajv's ``u`` mode):

- ``\\d``, ``\\w`` and ``\\b`` are ASCII (``[0-9]``, ``[A-Za-z0-9_]``), not Unicode; ``\\s`` is
  ECMA's whitespace (Unicode spaces and ``\\ufeff``), not Python's.
- ``.`` matches anything but a line terminator (``\\n``, ``\\r``, ``\\u2028``, ``\\u2029``);
  ``$`` only the end of the string (Python's also matches before a final newline).
- ``(?<name>...)`` and ``\\k<name>`` are Python's ``(?P<name>...)`` and ``(?P=name)``;
  ``\\cX`` and ``\\u{...}`` are the characters they name; ``[^]`` is any character, ``[]`` none.

A pattern that cannot be translated (``\\p{...}`` property classes, ``\\D``/``\\W``/``\\S``
inside a class, an escape ECMA 262 does not define) or that Python cannot compile (a lookbehind
of varying length) is not checked: ``translate`` gives ``None``, and the value is taken as it is.
"""

from __future__ import annotations

import re
from functools import cache

_WHITESPACE = (
    "\\t\\n\\x0b\\x0c\\r \\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
)
_IN_CLASS = {"d": "0-9", "w": "A-Za-z0-9_", "s": _WHITESPACE}
_OUTSIDE = {
    "d": "[0-9]",
    "D": "[^0-9]",
    "w": "[A-Za-z0-9_]",
    "W": "[^A-Za-z0-9_]",
    "s": f"[{_WHITESPACE}]",
    "S": f"[^{_WHITESPACE}]",
    "b": "(?a:\\b)",
    "B": "(?a:\\B)",
}
# Escapes both dialects read alike.
_SAME = frozenset("fnrtv0123456789")


class _Untranslatable(Exception):
    pass


@cache
def compiled(pattern: str) -> re.Pattern[str] | None:
    """The pattern as a compiled Python expression, or ``None`` where it is not checked."""
    translated = translate(pattern)
    if translated is None:
        return None
    try:
        return re.compile(translated)
    except (re.error, OverflowError, RecursionError):
        return None


def translate(pattern: str) -> str | None:
    """The Python expression meaning what ``pattern`` means in ECMA 262, or ``None``."""
    try:
        return "".join(_pieces(pattern))
    except _Untranslatable:
        return None


def _pieces(pattern: str) -> list[str]:
    out: list[str] = []
    index, size = 0, len(pattern)
    in_class = False
    while index < size:
        char = pattern[index]
        if char == "\\":
            piece, index = _escape(pattern, index + 1, in_class)
            out.append(piece)
            continue
        if in_class:
            if char == "]":
                in_class = False
                out.append(char)
            elif char == "[":
                out.append("\\[")  # a literal in ECMA 262; a nested set to Python
            else:
                out.append(char)
        elif char == "[":
            if pattern.startswith("[^]", index):
                out.append("(?s:.)")
                index += 3
                continue
            if pattern.startswith("[]", index):
                out.append("(?!)")
                index += 2
                continue
            in_class = True
            out.append(char)
            if pattern.startswith("[^", index):
                out.append("^")
                index += 1
        elif char == ".":
            out.append("[^\\n\\r\\u2028\\u2029]")
        elif char == "$":
            out.append("\\Z")
        elif (
            char == "("
            and pattern.startswith("(?<", index)
            and pattern[index + 3 : index + 4] not in ("=", "!")
        ):
            out.append("(?P<")
            index += 3
            continue
        else:
            out.append(char)
        index += 1
    return out


def _escape(pattern: str, index: int, in_class: bool) -> tuple[str, int]:
    """The translation of the escape whose letter is at ``index``, and where the rest starts."""
    if index >= len(pattern):
        raise _Untranslatable
    letter = pattern[index]
    if in_class and letter in _IN_CLASS:
        return _IN_CLASS[letter], index + 1
    if in_class and letter in "DWS":
        raise _Untranslatable
    if in_class and letter == "b":
        return "\\x08", index + 1
    if not in_class and letter in _OUTSIDE:
        return _OUTSIDE[letter], index + 1
    if letter in _SAME:
        return "\\" + letter, index + 1
    if (
        letter == "c"
        and index + 1 < len(pattern)
        and pattern[index + 1].isascii()
        and pattern[index + 1].isalpha()
    ):
        return f"\\x{ord(pattern[index + 1]) % 32:02x}", index + 2
    if letter == "x":
        digits = pattern[index + 1 : index + 3]
        if len(digits) == 2 and all(d in "0123456789abcdefABCDEF" for d in digits):
            return "\\x" + digits, index + 3
        raise _Untranslatable
    if letter == "u":
        if pattern.startswith("{", index + 1):
            end = pattern.find("}", index + 2)
            digits = pattern[index + 2 : end] if end > 0 else ""
            if (
                digits
                and all(d in "0123456789abcdefABCDEF" for d in digits)
                and int(digits, 16) <= 0x10FFFF
            ):
                return f"\\U{int(digits, 16):08x}", end + 1
            raise _Untranslatable
        digits = pattern[index + 1 : index + 5]
        if len(digits) == 4 and all(d in "0123456789abcdefABCDEF" for d in digits):
            return "\\u" + digits, index + 5
        raise _Untranslatable
    if letter == "k" and not in_class and pattern.startswith("<", index + 1):
        end = pattern.find(">", index + 2)
        if end > 0:
            return f"(?P={pattern[index + 2 : end]})", end + 1
        raise _Untranslatable
    if letter.isascii() and letter.isalnum():
        raise _Untranslatable  # \p{...}, \A, \Z...: not ECMA 262, or not the same in Python
    return re.escape(letter), index + 1
