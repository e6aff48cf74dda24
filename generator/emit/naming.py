"""Every Python name the generated code uses for something from the spec, derived in one place.

Rules (the README repeats them for users):

- Tool ``DYNAMICS_365_FINANCE_UPDATE_INVOICE`` -> class ``Dynamics365FinanceUpdateInvoice`` and
  function ``dynamics_365_finance_update_invoice``: each word between underscores with its first
  character upper-cased and the rest lower-cased (``ACME_OAUTH2_GET`` -> ``AcmeOauth2Get``,
  ``ACME3D_PRINT`` -> ``Acme3dPrint``). A class whose name would be a keyword (``NONE``) gets ``_``
  behind; so does a function whose name the module needs itself (``str``, ``annotations``).
- Integration ``dynamicsfinance`` -> module ``tools/dynamicsfinance.py``.
- Parameter names -> snake_case fields: ``InvoiceIdentifier`` -> ``invoice_identifier``,
  ``purchaseInvoiceId`` -> ``purchase_invoice_id``, ``URL`` -> ``url``, ``field-email`` and
  ``filter.value`` -> ``field_email`` and ``filter_value``, ``Level__c`` -> ``level__c``.
  Digits stay with the word they follow (``OAuth2Token`` -> ``oauth2_token``, ``base64Data`` ->
  ``base64_data``, ``S3Bucket`` -> ``s3_bucket``), and a wire name that already is a snake_case
  identifier is kept as it is (``hs_v2_date_entered``, ``line1``).
  A name starting with a digit gets ``field_`` in front; a keyword or a name the generated code
  uses itself gets ``_`` behind (``from`` -> ``from_``).
- Names that meet after these steps stay apart: among them, a wire name that already is its Python
  name keeps it, the others get ``_2``, ``_3``... in the order of their wire names. The result depends
  only on the set of names, never on their order in the spec.

Every identifier returned here is checked with ``str.isidentifier`` and ``keyword.iskeyword``.
"""

from __future__ import annotations

import keyword
import re
import unicodedata
from collections.abc import Iterable

# Names a generated tool class or function needs for itself: a field with one of these names would
# shadow what its annotations or methods refer to.
RESERVED_FIELD_NAMES = frozenset(
    {
        # the function's own parameter and the escape hatch
        "client",
        "extra",
        "extra_parameters",
        "extra_properties",
        "self",
        "cls",
        # ToolCall's class attributes and methods
        "TOOL",
        "INTEGRATION",
        "TITLE",
        "to_parameters",
        "from_parameters",
        "json_schema",
        "to_json",
        "from_json",
        # names the annotations of a generated module use
        "annotations",
        "bool",
        "date",
        "datetime",
        "dict",
        "float",
        "int",
        "list",
        "str",
        "ClassVar",
        "JsonValue",
        "Literal",
        "Mapping",
        "NotGiven",
        "NOT_GIVEN",
        "Result",
        "Runner",
        "ToolCall",
        "dataclass",
        "tuple",
        # ambiguous with 1 and I (pycodestyle E741)
        "l",
    }
)

# Names a generated module needs at its top level: a tool function with one of these names gets
# ``_`` behind. Everything else the module uses it reaches through private module aliases
# (``_p.STRING``, ``_typing.Literal``), which no spec can take.
RESERVED_FUNCTION_NAMES = frozenset(
    {"annotations", "bool", "dict", "float", "int", "list", "object", "str", "tuple", "type"}
    # ambiguous with 1 (ruff's E743)
    | {"l"}
)

# Names ``tools/__init__.py`` defines: an integration module of the same name would replace them.
RESERVED_MODULE_NAMES = frozenset({"tool_definitions", "search", "TOOLS"})

# Words of a mixed-case name, digits staying with the word they follow: `2FA`, `HTTP` before
# `Response`, `OAuth2`, `Token`, `base64`, `S3`, `line1`, `365`.
_WORD = re.compile(
    r"[0-9]+[A-Z]+(?![a-z])"
    r"|[A-Z]{2,}(?=[A-Z][a-z])[0-9]*"
    r"|[A-Z]*[a-z]+(?:[0-9]+[a-z]*)*"
    r"|[A-Z]+[0-9]*"
    r"|[0-9]+[a-z]*"
)
# A wire name kept as its Python name.
_SNAKE = re.compile(r"[a-z][a-z0-9_]*")


def _words(chunk: str) -> list[str]:
    """The words of a run of letters and digits: one word when it is all one case
    (``OAUTH2``, ``acme3d``), else split where camelCase changes words."""
    if chunk.upper() == chunk or chunk.lower() == chunk:
        return [chunk]
    return _WORD.findall(chunk)


def class_name(*parts: str) -> str:
    """PascalCase of a tool name, or of a tool name and a property path:
    ``GOOGLE_DRIVE_LIST_FILES`` -> ``GoogleDriveListFiles``;
    ``HUBSPOT_SEARCH``, ``paginationParameters`` -> ``HubspotSearchPaginationParameters``."""
    name = "".join(pascal_case(part) for part in parts) or "Tool"
    if name[0].isdigit():
        name = "Tool" + name
    if keyword.iskeyword(name) or name in ("I", "O"):
        name += "_"  # `None`, `True`, `False`; `I` and `O` look like 1 and 0 (ruff's E742)
    return _checked(name)


def pascal_case(text: str) -> str:
    """``paginationParameters``, ``filter.value``, ``DYNAMICS_365``, ``ACME_OAUTH2`` ->
    ``PaginationParameters``, ``FilterValue``, ``Dynamics365``, ``AcmeOauth2``."""
    chunks = re.findall(r"[A-Za-z0-9]+", _ascii(text))
    words = (word for chunk in chunks for word in _words(chunk))
    return "".join(word[:1].upper() + word[1:].lower() for word in words)


def function_name(tool_name: str) -> str:
    """The tool name in lower case: ``GOOGLE_DRIVE_LIST_FILES`` -> ``google_drive_list_files``."""
    name = re.sub(r"[^a-z0-9]+", "_", _ascii(tool_name).lower()).strip("_") or "tool"
    if name[0].isdigit():
        name = "tool_" + name
    if keyword.iskeyword(name) or keyword.issoftkeyword(name) or name in RESERVED_FUNCTION_NAMES:
        name += "_"
    return _checked(name)


def module_name(integration: str) -> str:
    """The module of an integration: lower case, other characters as ``_``."""
    name = re.sub(r"[^a-z0-9]+", "_", _ascii(integration).lower()).strip("_") or "integration"
    if name[0].isdigit():
        name = "integration_" + name
    if keyword.iskeyword(name) or name.startswith("__") or name in RESERVED_MODULE_NAMES:
        name += "_"
    return _checked(name)


def snake_case(wire_name: str) -> str:
    """The Python field name for one parameter, before collisions are resolved."""
    if _SNAKE.fullmatch(wire_name) and not wire_name.endswith("_"):
        name = wire_name  # already snake_case: kept as it is
        if keyword.iskeyword(name) or keyword.issoftkeyword(name) or name in RESERVED_FIELD_NAMES:
            name += "_"
        return name
    # Each run of separators is one underscore, except that runs of underscores are kept
    # (`Level__c` stays apart from `Level_c`).
    parts = re.split(r"([^A-Za-z0-9]+)", _ascii(wire_name))
    pieces: list[str] = []
    for index, part in enumerate(parts):
        if index % 2:
            pieces.append(part if set(part) == {"_"} else "_")
        else:
            pieces.append("_".join(word.lower() for word in _words(part)))
    name = "".join(pieces).strip("_") or "field"
    if name[0].isdigit():
        name = "field_" + name
    if keyword.iskeyword(name) or keyword.issoftkeyword(name) or name in RESERVED_FIELD_NAMES:
        name += "_"
    return name


def field_names(wire_names: Iterable[str]) -> dict[str, str]:
    """Python names for the parameters of one object, unique, keyed by wire name."""
    wanted: dict[str, list[str]] = {}
    for wire_name in wire_names:
        wanted.setdefault(snake_case(wire_name), []).append(wire_name)

    taken = set(wanted)
    names: dict[str, str] = {}
    for base, claimants in wanted.items():
        # The wire name that already is the Python name keeps it; the rest go by wire name.
        ordered = sorted(claimants, key=lambda wire: (wire != base, wire))
        names[ordered[0]] = base
        counter = 2
        for wire_name in ordered[1:]:
            while f"{base}_{counter}" in taken:
                counter += 1
            names[wire_name] = f"{base}_{counter}"
            taken.add(names[wire_name])
    return {wire_name: _checked(names[wire_name]) for wire_name in names}


def unique(names: Iterable[str]) -> list[str]:
    """The names in order, a repeated one followed by ``_2``, ``_3``..."""
    seen: set[str] = set()
    result: list[str] = []
    for name in names:
        candidate, counter = name, 2
        while candidate in seen:
            candidate, counter = f"{name}_{counter}", counter + 1
        seen.add(candidate)
        result.append(candidate)
    return result


def _ascii(text: str) -> str:
    """Accents dropped (``ünïcödé`` -> ``unicode``); other non-ASCII characters go."""
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode("ascii")


def _checked(name: str) -> str:
    if not name.isidentifier() or keyword.iskeyword(name):
        raise ValueError(f"derived name {name!r} is not a usable identifier")
    return name
