"""Real ASGI servers on 127.0.0.1 for the runtime tests: uvicorn (HTTP/1.1) and hypercorn (HTTP/2
over TLS, with a certificate made for the test).

``serve_uvicorn(app)`` and ``serve_hypercorn(app, tls)`` are context managers that start the server
in a thread on a port of its own, yield its base URL and stop it on leaving. ``make_certificate``
writes a self-signed certificate for 127.0.0.1 (``cert.pem``, ``key.pem``) to a folder: a client
trusts it through ``SSL_CERT_FILE``.
"""

from __future__ import annotations

import asyncio
import datetime
import ipaddress
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def _bound_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    return sock


@contextmanager
def serve_uvicorn(app: Any) -> Iterator[str]:
    """``app`` served by uvicorn on 127.0.0.1; yields ``http://127.0.0.1:PORT``."""
    import uvicorn

    sock = _bound_socket()
    config = uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        _wait_until(lambda: server.started)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@dataclass(frozen=True)
class TLSFiles:
    cert: Path
    key: Path


def make_certificate(folder: Path) -> TLSFiles:
    """A self-signed certificate for ``127.0.0.1`` and ``localhost``, valid for a day."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "actionkit test server")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    files = TLSFiles(folder / "cert.pem", folder / "key.pem")
    files.cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    files.key.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return files


@contextmanager
def serve_hypercorn(app: Any, tls: TLSFiles) -> Iterator[str]:
    """``app`` served by hypercorn over TLS (HTTP/2 by ALPN, else HTTP/1.1) on 127.0.0.1;
    yields ``https://127.0.0.1:PORT``."""
    from hypercorn.asyncio import serve
    from hypercorn.config import Config

    sock = _bound_socket()
    port = sock.getsockname()[1]
    config = Config()
    config.bind = [f"fd://{sock.detach()}"]  # hypercorn owns (and closes) the socket from here
    config.certfile = str(tls.cert)
    config.keyfile = str(tls.key)
    config.accesslog = None
    config.errorlog = None
    started = threading.Event()
    stopping: list[asyncio.Event] = []
    loops: list[asyncio.AbstractEventLoop] = []

    async def main() -> None:
        stop = asyncio.Event()
        stopping.append(stop)
        loops.append(asyncio.get_running_loop())
        started.set()
        await serve(app, config, shutdown_trigger=stop.wait)

    thread = threading.Thread(target=asyncio.run, args=(main(),), daemon=True)
    thread.start()
    try:
        started.wait(10)
        _wait_until(lambda: _accepts(port))
        yield f"https://127.0.0.1:{port}"
    finally:
        loops[0].call_soon_threadsafe(stopping[0].set)
        thread.join(10)


def _accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def _wait_until(ready: Any, limit: float = 10.0) -> None:
    deadline = time.monotonic() + limit
    while not ready():
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.01)
