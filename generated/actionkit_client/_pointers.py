"""How a place in a schema or a value is written: JSON pointers, and the paths people read.

Shared by the generator and the runtime, so that a problem found by either names a place the same
way.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def json_pointer(parts: Iterable[str | int]) -> str:
    """The JSON pointer (RFC 6901) for a path of keys and indexes; ``/`` for the whole document."""
    escaped = [str(part).replace("~", "~0").replace("/", "~1") for part in parts]
    return "/" + "/".join(escaped) if escaped else "/"


def pointer_key(part: str) -> str:
    """One key of a JSON pointer as it stands in the document (``~1`` is ``/``, ``~0`` is ``~``)."""
    return part.replace("~1", "/").replace("~0", "~")


def child_path(path: str, key: str | int) -> str:
    """``parameters.Name``, ``parameters["filter.value"]`` or ``parameters.Items[0]``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    if _IDENTIFIER.fullmatch(key):
        return f"{path}.{key}" if path else key
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"
