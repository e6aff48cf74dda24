"""The package's tools over the Model Context Protocol: ``python -m actionkit_client.mcp``.

Built on the official ``mcp`` SDK's low-level ``Server`` (the extra ``actionkit-client[mcp]``),
over stdio (the default) or streamable HTTP (``--transport streamable-http --host H --port P``).
``--integrations a,b``, ``--pattern P`` and ``--tools NAME,...`` choose the tools; ``--search``
serves two tools instead, ``search_tools`` and ``call_tool``, for clients that cannot hold the
catalogue; ``--live`` serves the user's tools as ``list_tools()`` gives them at start (custom
fields included) instead of the package's snapshot. Project and base URL come from
``PARAGON_PROJECT_ID`` and ``ACTIONKIT_BASE_URL``; the user from ``PARAGON_USER_TOKEN``, or from
the project's signing key (``PARAGON_SIGNING_KEY``, the PEM text, or ``PARAGON_SIGNING_KEY_PATH``,
a file) and ``PARAGON_USER_ID``, tokens then minted and refreshed by the client (the extra
``actionkit-client[signing]``). Without a user, or with a key that cannot sign, the server does
not start.

Every call is checked by the tool's ``from_parameters`` before anything is sent; a problem, an
API error or a user who has not connected the integration comes back as a tool error
(``isError: true``) saying what to change; a file comes back as an embedded resource.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._server import ServedTools

__all__ = ["build_server", "main"]

_MISSING = (
    "the MCP server needs the official mcp SDK: pip install 'actionkit-client[mcp]'"
    " (or pip install mcp)"
)


def _server_module() -> Any:
    try:
        from . import _server
    except ImportError as error:
        if error.name is not None and error.name.split(".")[0] in ("mcp", "uvicorn", "starlette"):
            raise ImportError(_MISSING, name=error.name) from None
        raise
    return _server


def build_server(tools: ServedTools, **options: Any) -> Any:
    """An ``mcp.server.lowlevel.Server`` serving ``tools``; see ``_server.build_server``."""
    return _server_module().build_server(tools, **options)


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: ``python -m actionkit_client.mcp --help``."""
    import sys

    try:
        server = _server_module()
    except ImportError as error:
        print(f"actionkit-mcp: {error}", file=sys.stderr)
        return 2
    result: int = server.main(argv)
    return result
