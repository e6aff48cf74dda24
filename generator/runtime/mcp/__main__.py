"""``python -m actionkit_client.mcp``: serve the tools over MCP."""

from . import main

raise SystemExit(main())
