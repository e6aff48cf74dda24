"""A small ActionKit stand-in: a real HTTP server on 127.0.0.1 that records what it receives.

Tests script its answers (status, headers, body, delay, dropped connection), or answer each request
with a function of it, and read back every request exactly as it arrived on the wire. Given the
schemas of a generated package (``Standin(schemas=schemas_of(TOOLS))``), it checks each request the
way the API would: the path, the bearer token, the body's shape, and the parameters against the
tool's JSON Schema. A request that fails is recorded in ``violations`` and answered with a 400.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

_TOOLS_PATH = re.compile(r"/projects/[^/?#]+/tools")


@dataclass(frozen=True)
class Received:
    method: str
    path: str  # as sent: path and query, never a fragment
    headers: dict[str, str]  # lower-cased names
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def parameters(self) -> Any:
        """The ``parameters`` object of a tool run."""
        return self.json()["parameters"]

    @property
    def query(self) -> dict[str, str]:
        return {key: values[-1] for key, values in parse_qs(urlsplit(self.path).query).items()}


@dataclass
class Reply:
    status: int = 200
    body: Any = field(default_factory=lambda: {"ok": True})
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drop: bool = False  # read the request, then close the connection without answering
    raw: bytes | None = None  # sent as is instead of JSON-encoding `body`


Responder = Callable[[Received], Reply]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024  # hundreds of concurrent connections from one test


class Standin:
    def __init__(self, schemas: Mapping[str, Mapping[str, Any]] | None = None) -> None:
        self.received: list[Received] = []
        self.replies: deque[Reply] = deque()
        self.default = Reply()
        self.responder: Responder | None = None
        self.schemas = schemas
        self.violations: list[str] = []
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def script(self, *replies: Reply) -> None:
        """Answer the next requests with these, in order; then with ``responder`` or ``default``."""
        self.replies.extend(replies)

    def _next_reply(self, request: Received) -> Reply:
        problems = self.check(request) if self.schemas is not None else []
        with self._lock:
            self.received.append(request)
            if problems:
                self.violations.extend(problems)
                return Reply(status=400, body={"message": "; ".join(problems)})
            if self.replies:
                return self.replies.popleft()
        return self.responder(request) if self.responder is not None else self.default

    def check(self, request: Received) -> list[str]:
        """What the API would refuse in this request (empty when it is well formed)."""
        problems: list[str] = []
        path, _, query = request.path.partition("?")
        if not _TOOLS_PATH.fullmatch(path):
            problems.append(f"{request.method} {request.path}: not /projects/<id>/tools")
        auth = request.headers.get("authorization", "")
        if not auth.startswith("Bearer ") or len(auth) <= len("Bearer "):
            problems.append("no bearer token")
        if request.method == "GET":
            return problems
        if request.method != "POST" or query:
            return [*problems, f"unexpected {request.method} {request.path}"]
        if request.headers.get("content-type", "").partition(";")[0] != "application/json":
            problems.append("content-type is not application/json")
        try:
            body = request.json()
        except ValueError:
            return [*problems, "body is not JSON"]
        if not isinstance(body, dict) or set(body) != {"tool", "parameters"}:
            return [*problems, f"body is not {{tool, parameters}}: {body!r}"]
        assert self.schemas is not None
        schema = self.schemas.get(body["tool"])
        if schema is None:
            return [*problems, f"unknown tool {body['tool']!r}"]
        defs = schema.get("$defs", {})
        problems.extend(schema_problems(body["parameters"], schema, "parameters", defs))
        return problems

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out in two writes: without this, Nagle's algorithm and the
            # client's delayed ACK make every answer wait 40 ms.
            disable_nagle_algorithm = True

            def _serve(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = {name.lower(): value for name, value in self.headers.items()}
                reply = standin._next_reply(Received(self.command, self.path, headers, body))
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.drop:
                    self.close_connection = True
                    self.connection.close()
                    return
                payload = reply.raw if reply.raw is not None else json.dumps(reply.body).encode()
                self.send_response(reply.status)
                if "content-type" not in {name.lower() for name in reply.headers}:
                    self.send_header("Content-Type", "application/json")
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                try:
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True  # the client gave up waiting (a timeout test)

            do_GET = do_POST = do_PUT = do_DELETE = _serve

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler

    @contextmanager
    def running(self) -> Iterator[Standin]:
        thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        thread.start()
        try:
            yield self
        finally:
            self._server.shutdown()
            self._server.server_close()
            thread.join()


def schemas_of(tools: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Each tool's ``json_schema()`` by name, from a generated package's ``TOOLS``."""
    return {name: tools[name].json_schema() for name in tools}


_JSON_TYPES: dict[str, Callable[[object], bool]] = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "null": lambda v: v is None,
}


def schema_problems(
    value: object, schema: Mapping[str, Any], path: str, defs: Mapping[str, Any]
) -> list[str]:
    """Where ``value`` breaks ``schema``: the JSON Schema subset the ActionKit spec uses (type,
    nullable, enum, properties, required, additionalProperties, items, anyOf/oneOf/allOf, local
    ``$ref``). An empty ``enum`` is a list not loaded for this user: any string."""
    if "$ref" in schema:
        name = str(schema["$ref"]).rpartition("/")[2]
        return schema_problems(value, defs[name], path, defs)
    if value is None and schema.get("nullable"):
        return []
    problems: list[str] = []
    for branch in schema.get("allOf", []):
        problems += schema_problems(value, branch, path, defs)
    for key in ("anyOf", "oneOf"):
        branches = schema.get(key)
        if branches and all(schema_problems(value, b, path, defs) for b in branches):
            problems.append(f"{path}: matches none of {key}")
    types = schema.get("type")
    if types is not None:
        names = types if isinstance(types, list) else [types]
        if not any(_JSON_TYPES[name](value) for name in names):
            return [*problems, f"{path}: expected {types}, got {type(value).__name__}"]
    if schema.get("enum") and value not in schema["enum"]:
        problems.append(f"{path}: {value!r} is not one of {schema['enum']}")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                problems.append(f"{path}.{key}: required, missing")
        for key, item in value.items():
            if key in properties:
                problems += schema_problems(item, properties[key], f"{path}.{key}", defs)
            elif schema.get("additionalProperties") is False:
                problems.append(f"{path}.{key}: not allowed")
    if isinstance(value, list) and isinstance(schema.get("items"), Mapping):
        for index, item in enumerate(value):
            problems += schema_problems(item, schema["items"], f"{path}[{index}]", defs)
    return problems
