"""The file name a download gives in ``Content-Disposition``, made safe to use as a file name.

The name is chosen by a third party (whoever uploaded the file to the user's drive), so it is
reduced to something that names one file inside whatever folder the caller joins it to, on
POSIX and on Windows alike. The rule, in order:

1. only the last path component is kept (``/`` and ``\\`` both separate; ``C:`` drive prefixes go);
2. control and format characters (NUL, newline, tab, bidirectional overrides...) are removed;
3. the characters Windows refuses in names (``<>:"/\\|?*``) become ``_``;
4. spaces and dots at either end are removed (no hidden file, no ``..``, no name Windows trims);
5. a name Windows reserves for a device (``CON``, ``NUL``, ``COM1``, ``LPT1``..., with or without
   an extension) gets a leading ``_``;
6. a name longer than 255 UTF-8 bytes is cut, keeping its extension when that is short.

What is left empty gives ``None``: no usable name.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

MAX_BYTES: Final = 255
_WINDOWS_FORBIDDEN: Final = re.compile(r'[<>:"/\\|?*]')
_WINDOWS_DEVICES: Final = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{port}{digit}" for port in ("COM", "LPT") for digit in "123456789¹²³"}
)
_MAX_EXTENSION: Final = 16


def safe_filename(name: str) -> str | None:
    """``name`` by the rule above, or ``None`` when nothing usable is left."""
    last = re.split(r"[/\\]", name)[-1]
    last = re.sub(r"^[A-Za-z]:", "", last)
    last = "".join(c for c in last if unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp"))
    last = _WINDOWS_FORBIDDEN.sub("_", last).strip(" .")
    if not last:
        return None
    if last.partition(".")[0].rstrip(" ").upper() in _WINDOWS_DEVICES:
        last = "_" + last
    return _shortened(last)


def _shortened(name: str) -> str:
    if len(name.encode("utf-8")) <= MAX_BYTES:
        return name
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem or len(extension.encode("utf-8")) > _MAX_EXTENSION:
        stem, extension = name, ""
    suffix = f".{extension}" if extension else ""
    budget = MAX_BYTES - len(suffix.encode("utf-8"))
    cut = stem.encode("utf-8")[:budget].decode("utf-8", "ignore").rstrip(" .")
    return cut + suffix
