"""The MCP server itself (imports the ``mcp`` SDK; ``__init__`` says which extra is missing)."""

from __future__ import annotations

import argparse
import base64
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import quote

import anyio
import mcp.types as types
from mcp import MCPError
from mcp.server.context import ServerRequestContext
from mcp.server.lowlevel import Server

from .._agents import choose, chosen_names, parse_call, provider_name, tool_definitions
from .._auth import user_auth
from .._exceptions import ActionKitError
from .._response import ToolList
from .._results import ErrorValue, as_text, error_value, file_value, result_value
from .._search import entry, search, search_among
from .._tool_call import ToolCall
from .._types import JsonValue

DEFAULT_PAGE_SIZE = 100
SEARCH_LIMIT = 50

SEARCH_TOOLS = types.Tool(
    name="search_tools",
    title="Search tools",
    description=(
        "Find the ActionKit tools that can do a task (send a Slack message, update an invoice,"
        " search CRM contacts). Give the task in a few words; the answer lists matching tools,"
        " best first, each with its name, description and inputSchema. Then run one with"
        " call_tool."
    ),
    input_schema={
        "type": "object",
        "properties": {
            "query": {
                "type": "string",
                "description": "What to do, in a few words, e.g. 'hubspot search contacts'.",
            },
            "limit": {
                "type": "integer",
                "minimum": 1,
                "maximum": SEARCH_LIMIT,
                "default": 10,
                "description": "How many tools to list at most.",
            },
        },
        "required": ["query"],
        "additionalProperties": False,
    },
)
CALL_TOOL = types.Tool(
    name="call_tool",
    title="Call a tool",
    description=(
        "Run an ActionKit tool found with search_tools: give its name and its arguments as an"
        " object following the tool's inputSchema. The arguments are checked before anything is"
        " sent; a problem comes back as an error listing what to change."
    ),
    input_schema={
        "type": "object",
        "properties": {
            "name": {"type": "string", "description": "The tool's name, from search_tools."},
            "arguments": {
                "type": "object",
                "description": "The tool's arguments, as its inputSchema asks for them.",
            },
        },
        "required": ["name", "arguments"],
        "additionalProperties": False,
    },
)


class ServedTools:
    """The tools a server offers: their names are chosen at once (no tool module is imported),
    their definitions built the first time a page of ``tools/list`` (or a search) needs them.

    With ``live`` (this user's ``list_tools()`` answer), the tools are the user's own, custom
    fields and tools the package lacks included, and calls are checked against those schemas.
    """

    def __init__(
        self,
        names: Sequence[str] | None = None,
        *,
        integrations: Sequence[str] | None = None,
        pattern: str | None = None,
        live: ToolList | None = None,
    ) -> None:
        self.live = live
        if live is None:
            self.names = chosen_names(names, integrations, pattern)
        else:
            listed = {tool.name: tool.integration for tool in live}
            self.names = choose(list(listed.items()), names, integrations, pattern)
        self._by_provider = {provider_name(name): name for name in self.names}
        self._served = frozenset(self.names)
        self._definitions: dict[str, types.Tool] = {}

    @property
    def served(self) -> frozenset[str]:
        return self._served

    def wire_name(self, name: str) -> str | None:
        """The served tool a client named (by its MCP name or its wire name)."""
        if name in self._by_provider:
            return self._by_provider[name]
        return name if name in self._served else None

    def definitions(self, names: Sequence[str]) -> list[types.Tool]:
        missing = [name for name in names if name not in self._definitions]
        if missing:
            made = (
                tool_definitions(missing, format="mcp")
                if self.live is None
                else self.live.definitions(missing, format="mcp")
            )
            for definition in made:
                tool = types.Tool.model_validate(definition)
                self._definitions[self._by_provider[tool.name]] = tool
        return [self._definitions[name] for name in names]

    def parse(self, wire_name: str, arguments: Any) -> ToolCall:
        """The checked call (``parse_call``), by the live schema where there is one."""
        return parse_call(wire_name, arguments, strict=False, tools=self.live)

    def search(self, query: str) -> list[str]:
        """The served tools matching ``query``, best first."""
        if self.live is None:
            found = search(query, limit=len(self._served))
        else:
            entries = [
                entry(tool.name, tool.title, tool.integration, tool.description)
                for tool in self.live
                if tool.name in self._served
            ]
            found = search_among(entries, query, limit=len(entries))
        return [name for name in found if name in self._served]


def _error(value: ErrorValue) -> types.CallToolResult:
    return types.CallToolResult(
        content=[types.TextContent(text=as_text(value))],
        structured_content=value,
        is_error=True,
    )


def _result(result: Any) -> types.CallToolResult:
    """A result as ``dispatch(errors="return")`` gives it, as text; a file's bytes as an
    embedded resource beside its description."""
    from .._response import FileResult

    if isinstance(result, FileResult):
        name = result.filename or "file"
        return types.CallToolResult(
            content=[
                types.TextContent(text=as_text({"file": file_value(result, content=False)})),
                types.EmbeddedResource(
                    resource=types.BlobResourceContents(
                        uri=f"actionkit://files/{quote(name)}",
                        mime_type=result.content_type,
                        blob=base64.b64encode(result.content).decode("ascii"),
                    )
                ),
            ]
        )
    value = result_value(result)
    structured = value if isinstance(value, dict) else None
    return types.CallToolResult(
        content=[types.TextContent(text=as_text(value))], structured_content=structured
    )


def _default_client() -> Any:
    from .._async_client import AsyncActionKit
    from .._base_client import DEFAULT_BASE_URL

    return AsyncActionKit(base_url=os.environ.get("ACTIONKIT_BASE_URL") or DEFAULT_BASE_URL)


class _Runner:
    """Runs the calls: checked first, the client made on the first call that passes."""

    def __init__(self, tools: ServedTools, client_factory: Callable[[], Any]) -> None:
        self.tools = tools
        self._factory = client_factory
        self._client: Any = None

    async def call(self, name: str, arguments: Any) -> types.CallToolResult:
        wire_name = self.tools.wire_name(name)
        if wire_name is None:
            return _error(
                {
                    "error": "unknown_tool",
                    "tool": name,
                    "message": f"No tool named {name!r} is served here: pick one from the list.",
                }
            )
        try:
            call = self.tools.parse(wire_name, {} if arguments is None else arguments)
        except ActionKitError as error:
            return _error(error_value(error, tool=wire_name))
        try:
            if self._client is None:
                self._client = self._factory()
            result = await self._client.run(call)
        except ActionKitError as error:
            return _error(error_value(error, tool=call.TOOL, integration=call.INTEGRATION))
        return _result(result)

    async def search(self, arguments: Mapping[str, Any]) -> types.CallToolResult:
        query = arguments.get("query")
        limit = arguments.get("limit", 10)
        problems: list[JsonValue] = []
        if not isinstance(query, str):
            problems.append({"path": "arguments.query", "message": "expected a string"})
        if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= 50:
            problems.append({"path": "arguments.limit", "message": "expected 1 to 50"})
        if problems:
            return _error(
                {
                    "error": "invalid_tool_call",
                    "tool": "search_tools",
                    "message": "Not run.",
                    "problems": problems,
                }
            )
        tools = self.tools.definitions(self.tools.search(str(query))[: int(limit)])
        value: dict[str, JsonValue] = {
            "tools": [
                {
                    "name": tool.name,
                    "description": tool.description,
                    "inputSchema": tool.input_schema,
                }
                for tool in tools
            ]
        }
        return types.CallToolResult(
            content=[types.TextContent(text=as_text(value))], structured_content=value
        )


def build_server(
    tools: ServedTools,
    *,
    search_mode: bool = False,
    page_size: int = DEFAULT_PAGE_SIZE,
    client_factory: Callable[[], Any] = _default_client,
) -> Server[Any]:
    """A low-level MCP ``Server`` serving ``tools`` (or, with ``search_mode``, ``search_tools``
    and ``call_tool`` over them), ``tools/list`` in pages of ``page_size``."""
    runner = _Runner(tools, client_factory)

    async def list_tools(
        ctx: ServerRequestContext[Any], params: types.PaginatedRequestParams | None
    ) -> types.ListToolsResult:
        if search_mode:
            return types.ListToolsResult(tools=[SEARCH_TOOLS, CALL_TOOL])
        cursor = params.cursor if params is not None else None
        start = 0
        if cursor:
            if not cursor.isdigit() or int(cursor) >= len(tools.names):
                raise MCPError(code=types.INVALID_PARAMS, message="Invalid cursor")
            start = int(cursor)
        end = start + page_size
        page = tools.definitions(tools.names[start:end])
        return types.ListToolsResult(
            tools=page, next_cursor=str(end) if end < len(tools.names) else None
        )

    async def call_tool(
        ctx: ServerRequestContext[Any], params: types.CallToolRequestParams
    ) -> types.CallToolResult:
        if not search_mode:
            return await runner.call(params.name, params.arguments)
        if params.name == "search_tools":
            return await runner.search(params.arguments or {})
        if params.name == "call_tool":
            arguments = params.arguments or {}
            name = arguments.get("name")
            if not isinstance(name, str):
                return _error(
                    {
                        "error": "invalid_tool_call",
                        "tool": "call_tool",
                        "message": "Not run: give the tool's name (a string) from search_tools.",
                        "problems": [{"path": "arguments.name", "message": "expected a string"}],
                    }
                )
            return await runner.call(name, arguments.get("arguments", {}))
        return _error(
            {
                "error": "unknown_tool",
                "tool": params.name,
                "message": "This server has two tools: search_tools, then call_tool.",
            }
        )

    server: Server[Any] = Server(
        "actionkit",
        title="Paragon ActionKit",
        instructions=(
            "Find a tool with search_tools, then run it with call_tool."
            if search_mode
            else "Each tool runs one integration action for the user through Paragon ActionKit."
        ),
        on_list_tools=list_tools,
        on_call_tool=call_tool,
    )
    return server


def _split(value: str | None) -> list[str] | None:
    return [part.strip() for part in value.split(",") if part.strip()] if value else None


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m actionkit_client.mcp",
        description="Serve ActionKit's tools over the Model Context Protocol.",
    )
    parser.add_argument("--transport", choices=("stdio", "streamable-http"), default="stdio")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--path", default="/mcp", help="the streamable HTTP endpoint")
    parser.add_argument("--integrations", help="serve only these integrations: a,b")
    parser.add_argument("--pattern", help="serve only tools matching this pattern: SLACK_*")
    parser.add_argument("--tools", help="serve only these tools: NAME,NAME")
    parser.add_argument("--search", action="store_true", help="serve search_tools and call_tool")
    parser.add_argument(
        "--live",
        action="store_true",
        help="serve this user's tools as the API lists them now (custom fields included)",
    )
    parser.add_argument("--page-size", type=int, default=DEFAULT_PAGE_SIZE)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    options = _arguments(argv)
    try:
        # Every call needs the user: a server that could not make one stops here, not at the
        # first call.
        user_auth(None, None, None)
    except (ActionKitError, ImportError) as error:
        print(f"actionkit-mcp: {error}", file=sys.stderr)
        return 2
    live: ToolList | None = None
    if options.live:
        try:
            live = anyio.run(_list_live)
        except (ActionKitError, ValueError) as error:
            print(f"actionkit-mcp: could not list this user's tools: {error}", file=sys.stderr)
            return 2
    try:
        tools = ServedTools(
            _split(options.tools),
            integrations=_split(options.integrations),
            pattern=options.pattern,
            live=live,
        )
    except KeyError as error:
        print(f"actionkit-mcp: {error.args[0]}", file=sys.stderr)
        return 2
    clients: list[Any] = []

    def client_factory() -> Any:
        clients.append(_default_client())
        return clients[-1]

    server = build_server(
        tools,
        search_mode=options.search,
        page_size=max(1, options.page_size),
        client_factory=client_factory,
    )
    if options.transport == "stdio":
        anyio.run(_serve_stdio, server, clients)
        return 0
    import uvicorn

    app = server.streamable_http_app(streamable_http_path=options.path, host=options.host)
    uvicorn.run(app, host=options.host, port=options.port, log_level="warning")
    return 0


async def _list_live() -> ToolList:
    """This user's tools, as the API lists them now (once: a server's tools do not change)."""
    client = _default_client()
    try:
        listed: ToolList = await client.list_tools()
    finally:
        await client.close()
    return listed


async def _serve_stdio(server: Server[Any], clients: list[Any]) -> None:
    from mcp.server.stdio import stdio_server

    try:
        async with stdio_server() as (read_stream, write_stream):
            await server.run(read_stream, write_stream, server.create_initialization_options())
    finally:
        for client in clients:
            await client.close()
