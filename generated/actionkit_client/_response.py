"""What a call gives back: decoded JSON, a ``FileResult``, a ``RawResponse``, a ``ToolList``."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, cast

import httpx

from ._agents import Format, ToolInfo, check_format, choose, definition, provider_name
from ._exceptions import APIResponseValidationError
from ._list_tools import read_answer, title_of
from ._schema_compiler import compile_tool
from ._types import JsonValue

if TYPE_CHECKING:
    from ._tool_call import ToolCall


@dataclass(frozen=True)
class FileResult:
    """A tool's answer that is not JSON: a downloaded file.

    ``filename`` is the name the response gives in ``Content-Disposition``, reduced to its last
    path component (never ``../`` or a folder), or ``None`` when it gives none.
    """

    content: bytes
    content_type: str
    filename: str | None

    def __repr__(self) -> str:
        return (
            f"FileResult(content=<{len(self.content)} bytes>, "
            f"content_type={self.content_type!r}, filename={self.filename!r})"
        )


def decode(response: httpx.Response) -> Any:
    """The result of a successful answer: its JSON decoded, else a ``FileResult``."""
    content_type = response.headers.get("content-type", "")
    media_type = content_type.partition(";")[0].strip().lower()
    content = response.content
    if media_type == "application/json" or media_type.endswith("+json"):
        if not content:
            return None
        try:
            return json.loads(content)
        except ValueError:
            pass
        # Raised outside the except block: nothing chained (the decoder's error holds the body).
        raise APIResponseValidationError(
            f"the answer says {media_type} but is not JSON", response=response, body=response.text
        )
    if not content and not media_type:
        return None
    return FileResult(
        content=content, content_type=content_type_of(response), filename=filename_of(response)
    )


def content_type_of(response: httpx.Response) -> str:
    """The answer's ``Content-Type``, ``application/octet-stream`` when it gives none."""
    return response.headers.get("content-type") or "application/octet-stream"


def filename_of(response: httpx.Response) -> str | None:
    """The file name the answer gives in ``Content-Disposition``, made safe, or ``None``."""
    return _filename(response.headers.get("content-disposition"))


def _filename(disposition: str | None) -> str | None:
    if not disposition:
        return None
    import email.message  # RFC 2231 names (filename*=UTF-8''...) included; imported when needed

    message = email.message.Message()
    message["content-disposition"] = disposition
    name = message.get_filename()
    if not name:
        return None
    # A name chosen by a third party must not be able to point outside the caller's folder.
    base = PurePosixPath(str(name).replace("\\", "/")).name
    return base if base not in ("", ".", "..") else None


class RawResponse:
    """An answer as it arrived, for a caller who needs its headers or status.

    ``parse()`` gives what ``run`` would have returned; ``http_response`` is the ``httpx.Response``.
    """

    __slots__ = ("http_response",)

    def __init__(self, http_response: httpx.Response) -> None:
        self.http_response = http_response

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def content(self) -> bytes:
        return self.http_response.content

    def parse(self) -> Any:
        """The decoded JSON, or a ``FileResult`` for any other content type."""
        return decode(self.http_response)

    def __repr__(self) -> str:
        content_type = self.headers.get("content-type", "")
        return f"<RawResponse [{self.status_code}] {content_type}>"


@dataclass(frozen=True)
class ToolDefinition:
    """One tool as ``list_tools`` describes it for this user, custom fields included."""

    name: str
    description: str
    parameters: dict[str, Any]
    """The JSON Schema of the tool's ``parameters``, as the API gives it."""
    integration: str

    @property
    def title(self) -> str:
        """The description's first sentence, else the name (as a package generated from this
        answer titles the tool)."""
        return title_of(self.name, self.description)


@dataclass(frozen=True)
class ToolList:
    """The answer of ``list_tools``: the tools, and the errors the API listed beside them.

    ``definitions(...)`` gives the tools to a model from these live schemas, and
    ``client.dispatch(name, arguments, tools=tool_list)`` checks a call against them.
    """

    tools: list[ToolDefinition]
    errors: list[JsonValue]
    raw: JsonValue = field(repr=False, compare=False)
    """The decoded answer as it came."""
    _classes: dict[str, type[ToolCall]] = field(
        default_factory=dict[str, "type[ToolCall]"], init=False, repr=False, compare=False
    )

    def __iter__(self) -> Iterator[ToolDefinition]:
        return iter(self.tools)

    def __len__(self) -> int:
        return len(self.tools)

    def __getstate__(self) -> dict[str, Any]:
        # The compiled classes are built again where the list is unpickled (they are not
        # importable by name, so they do not pickle).
        return {"tools": self.tools, "errors": self.errors, "raw": self.raw}

    def __setstate__(self, state: dict[str, Any]) -> None:
        restored: dict[str, object] = {**state, "_classes": {}}
        for name, value in restored.items():
            object.__setattr__(self, name, value)

    def names(self) -> list[str]:
        return [tool.name for tool in self.tools]

    def definitions(
        self,
        names: Iterable[str] | None = None,
        *,
        integrations: Iterable[str] | None = None,
        pattern: str | None = None,
        format: Format = "json_schema",
        strict: bool = False,
    ) -> list[dict[str, Any]]:
        """Definitions of the chosen tools for a model, as ``tool_definitions`` gives them (the
        same selection, formats and ``strict``), from this user's live schemas: custom fields
        and loaded option lists included."""
        check_format(format, strict)
        by_name = {tool.name: tool for tool in self.tools}
        listed = [(tool.name, tool.integration) for tool in by_name.values()]
        chosen = choose(listed, names, integrations, pattern)
        return [definition(_info(by_name[name]), format, strict) for name in chosen]

    def tool_class(self, name: str) -> type[ToolCall] | None:
        """The ``ToolCall`` class of the listed tool a model named (its wire name or its
        provider name), checking what its live schema says; built on first use."""
        found = self._classes.get(name)
        if found is not None:
            return found
        for tool in self.tools:
            if name in (tool.name, provider_name(tool.name)):
                info = _info(tool)
                found = compile_tool(
                    info.name, info.integration, info.title, info.description, info.schema
                )
                self._classes[name] = found
                return found
        return None


def _info(tool: ToolDefinition) -> ToolInfo:
    return ToolInfo(
        name=tool.name,
        integration=tool.integration,
        title=tool.title,
        description=tool.description or None,
        schema=json.loads(json.dumps(tool.parameters)),  # a copy the caller may change
    )


def tool_list(data: Any) -> ToolList:
    """Read a ``GET /tools`` answer by the rule ``_list_tools`` holds; entries that are not
    well-formed tools are left out."""
    answer = read_answer(data)
    tools = [
        ToolDefinition(
            name=tool.name,
            description=tool.description or "",
            parameters=dict(tool.parameters),
            integration=tool.integration,
        )
        for tool in answer.tools
    ]
    errors: list[JsonValue] = list(answer.errors) if isinstance(data, Mapping) else []
    return ToolList(tools=tools, errors=errors, raw=cast("JsonValue", data))
