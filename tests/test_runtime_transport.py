"""HTTP/2 and the environment (issue 12, item 13), in child processes with their own environment:
``http2=True`` speaks HTTP/2 to a real HTTP/2 server (hypercorn over TLS, trusted through
``SSL_CERT_FILE``), and a SOCKS proxy in ``ALL_PROXY`` without the ``socks`` extra is a clear
``ActionKitError`` when the client is made, not a raw ``ImportError``.

The server runs in the child too: its own HTTP/2 header decoding (hpack) logs the request's
``Authorization`` at DEBUG, which is the server's business, not the client's.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from support.asgi_servers import make_certificate
from tests.client_helpers import TOKEN

ROOT = Path(__file__).resolve().parents[1]

_HTTP2_CHILD = """
import asyncio, json, logging, sys
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route
from support import client_kit
from support.asgi_servers import serve_hypercorn, TLSFiles
from pathlib import Path

kit = client_kit.load()
chat = client_kit.tools_module("chat")
token, folder = sys.argv[1], Path(sys.argv[2])

async def version(request):
    return JSONResponse({"http_version": request.scope["http_version"]})

app = Starlette(routes=[Route("/projects/{p}/tools", version, methods=["POST"])])
results = {}
with serve_hypercorn(app, TLSFiles(folder / "cert.pem", folder / "key.pem")) as url:
    for http2 in (False, True):
        with kit.ActionKit("p", token, base_url=url, http2=http2) as client:
            results[f"sync http2={http2}"] = chat.chat_send_message(client, channel="C", message="m")

        async def main():
            async with kit.AsyncActionKit("p", token, base_url=url, http2=http2) as client:
                return await chat.chat_send_message(client, channel="C", message="m")

        results[f"async http2={http2}"] = asyncio.run(main())
print(json.dumps(results))
"""

_SOCKS_CHILD = """
import json, sys
from support import client_kit

kit = client_kit.load()
outcome = {}
for cls in (kit.ActionKit, kit.AsyncActionKit):
    try:
        cls("p", sys.argv[1])
    except kit.ActionKitError as error:
        outcome[cls.__name__] = [type(error).__name__, isinstance(error, ImportError), str(error)]
    except BaseException as error:
        outcome[cls.__name__] = ["raw " + type(error).__name__, False, ""]
print(json.dumps(outcome))
"""


def _child(code: str, *args: str, **environment: str) -> Any:
    env = {**os.environ, **environment, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'generated'}"}
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert TOKEN not in done.stdout + done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_http2_is_spoken_when_asked_for_and_ssl_cert_file_is_honoured(tmp_path: Path) -> None:
    tls = make_certificate(tmp_path)
    results = _child(_HTTP2_CHILD, TOKEN, str(tmp_path), SSL_CERT_FILE=str(tls.cert))
    assert results == {
        "sync http2=False": {"http_version": "1.1"},
        "async http2=False": {"http_version": "1.1"},
        "sync http2=True": {"http_version": "2"},
        "async http2=True": {"http_version": "2"},
    }


@pytest.mark.parametrize("variable", ["ALL_PROXY", "HTTPS_PROXY"])
def test_a_socks_proxy_without_the_extra_is_a_clear_error_at_construction(variable: str) -> None:
    if importlib.util.find_spec("socksio") is not None:
        pytest.skip("socksio is installed here")
    outcome = _child(_SOCKS_CHILD, TOKEN, **{variable: "socks5://127.0.0.1:9"})
    for name in ("ActionKit", "AsyncActionKit"):
        kind, is_import_error, message = outcome[name]
        assert kind == "MissingExtraError"
        assert is_import_error
        assert "socks" in message
